import { strict as assert } from "assert";
import { loadConfig } from "../../components/config";
import { configWarnings } from "../../components/config/load";
import { standInFlat, testConfig } from "../helpers/stand-in";

/**
 * Defaults that depend on other keys, each checked on both sides of what decides it (environment,
 * region count, explicit settings). Zone letters from AWS's AZ page (read 2026-12-02): us-east-1
 * a..f, eu-west-1 a..c, ap-northeast-1 a, c, d.
 */
const three = [
  { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
  { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
  { name: "ap-northeast-1", vpcCidr: "10.3.0.0/16" },
];
const ALLOWED = ["us-east-1", "eu-west-1", "ap-northeast-1"];
const cfg = (environment: string, extra: Record<string, unknown> = {}) =>
  testConfig({ environment, regions: three, allowedRegions: ALLOWED, ...extra });

describe("resolved defaults", () => {
  it("regions: the first azCount zones, explicit zones kept, the primary marked, each its own clock", () => {
    const c = cfg("dev", { network: { azCount: 2 }, primaryRegion: "eu-west-1" });
    assert.deepEqual(
      c.regions.map((r) => [r.name, r.availabilityZones, r.isPrimary, r.timeZone]),
      [
        ["us-east-1", ["us-east-1a", "us-east-1b"], false, "America/New_York"],
        ["eu-west-1", ["eu-west-1a", "eu-west-1b"], true, "Europe/Dublin"],
        ["ap-northeast-1", ["ap-northeast-1a", "ap-northeast-1c"], false, "Asia/Tokyo"],
      ],
    );
    assert.equal(c.primaryRegion, "eu-west-1");
    const explicit = testConfig({
      environment: "dev",
      regions: [
        { name: "us-east-1", vpcCidr: "10.0.0.0/16", availabilityZones: ["us-east-1f", "us-east-1d", "us-east-1a"] },
      ],
      network: { azCount: 2 },
    });
    assert.deepEqual(explicit.regions[0].availabilityZones, ["us-east-1f", "us-east-1d"]);
    assert.equal(explicit.regions[0].isPrimary, true);
  });

  it("names: the project's unless set", () => {
    assert.equal(cfg("dev").name, "platform");
    assert.equal(cfg("dev", { name: "shop" }).name, "shop");
    assert.equal(cfg("dev").project, "platform");
    assert.equal(cfg("dev").stack, "test");
  });

  it("data tier: secondaries are the other regions (cache: two), writer the primary, protection in prod", () => {
    const dev = cfg("dev");
    assert.deepEqual(dev.database.secondaryRegions, ["eu-west-1", "ap-northeast-1"]);
    assert.equal(dev.database.writerRegion, "us-east-1");
    assert.equal(dev.database.protect, false);
    assert.deepEqual(dev.cache.secondaryRegions, ["eu-west-1", "ap-northeast-1"]);
    assert.equal(dev.cache.global, true);
    assert.equal(dev.cache.protect, false);
    assert.equal(dev.cache.writerRegion, "us-east-1");
    const prod = cfg("prod");
    assert.equal(prod.database.protect, true);
    assert.equal(prod.cache.protect, true);
    const set = cfg("dev", {
      database: { secondaryRegions: ["eu-west-1"], writerRegion: "eu-west-1", protect: true },
      cache: {
        secondaryRegions: ["eu-west-1"],
        writerRegion: "eu-west-1",
        protect: true,
        regionsWithoutMember: "use-writer",
      },
    });
    assert.deepEqual(
      [set.database.secondaryRegions, set.database.writerRegion, set.database.protect],
      [["eu-west-1"], "eu-west-1", true],
    );
    assert.deepEqual(
      [set.cache.secondaryRegions, set.cache.writerRegion, set.cache.protect],
      [["eu-west-1"], "eu-west-1", true],
    );
    const single = testConfig({ environment: "dev", regions: three.slice(0, 1) });
    assert.equal(single.cache.global, false);
    assert.deepEqual(single.database.secondaryRegions, []);
  });

  it("edge: the hosted zone is the domain unless set; WAF logging on outside dev unless set", () => {
    assert.equal(cfg("dev", { edge: { domain: "shop.example.org" } }).edge.hostedZone, "shop.example.org");
    assert.equal(
      cfg("dev", { edge: { domain: "shop.example.org", hostedZone: "example.org" } }).edge.hostedZone,
      "example.org",
    );
    assert.equal(cfg("dev").edge.waf.logging, false);
    assert.equal(cfg("prod").edge.waf.logging, true);
    assert.equal(cfg("dev", { edge: { waf: { logging: true } } }).edge.waf.logging, true);
  });

  it("chaos runs in dev unless turned off, and elsewhere only when turned on", () => {
    assert.equal(cfg("dev").chaos.enabled, true);
    assert.equal(cfg("dev", { chaos: { enabled: false } }).chaos.enabled, false);
    assert.equal(cfg("prod").chaos.enabled, false);
  });

  it("a service's HPA takes the platform's percentages where it sets none", () => {
    const worker = (hpa: Record<string, number>) =>
      cfg("dev", {
        autoscaling: { hpa: { cpuPercent: 65, memoryPercent: 75, minReplicas: 2, maxReplicas: 9 } },
        services: [{ name: "jobs", image: "ghcr.io/example/jobs:1.0.0", kind: "worker", autoscaling: { hpa } }],
      }).services.find((s) => s.name === "jobs")!.autoscaling;
    assert.deepEqual(worker({}), { hpa: { minReplicas: 2, maxReplicas: 9, cpuPercent: 65, memoryPercent: 75 } });
    assert.deepEqual(worker({ cpuPercent: 50, memoryPercent: 60, maxReplicas: 4 }), {
      hpa: { minReplicas: 2, maxReplicas: 4, cpuPercent: 50, memoryPercent: 60 },
    });
    const fixed = cfg("dev", {
      services: [{ name: "jobs", image: "ghcr.io/example/jobs:1.0.0", kind: "worker", replicas: 2 }],
    });
    assert.deepEqual(fixed.services.find((s) => s.name === "jobs")!.autoscaling, {});
  });

  it("an alias key is read at its new place with a notice; set twice differently it is refused", () => {
    const flat = (extra: Record<string, string>) =>
      standInFlat({ "platform:environment": "dev", "platform:regions": JSON.stringify(three.slice(0, 1)), ...extra });
    const c = loadConfig(flat({ "platform:cost": JSON.stringify({ traffic: { peakRps: 1234 } }) }), {
      project: "platform",
      stack: "test",
    });
    assert.equal(c.demand.peakRps, 1234);
    assert.ok(
      c.notices.includes(
        "platform:cost.traffic.peakRps is read as platform:demand.peakRps, where it lives now (one demand model feeds cost and capacity): move it there",
      ),
      c.notices.join("\n"),
    );
    assert.throws(
      () =>
        loadConfig(
          flat({
            "platform:cost": JSON.stringify({ traffic: { peakRps: 1234 } }),
            "platform:demand": JSON.stringify({ peakRps: 99 }),
          }),
          { project: "platform", stack: "test" },
        ),
      /platform:cost\.traffic\.peakRps: got 1234; expected unset: it moved to platform:demand\.peakRps, which this stack sets to 99/,
    );
    const same = loadConfig(
      flat({
        "platform:cost": JSON.stringify({ traffic: { peakRps: 99 } }),
        "platform:demand": JSON.stringify({ peakRps: 99 }),
      }),
      { project: "platform", stack: "test" },
    );
    assert.equal(same.demand.peakRps, 99);
  });

  it("warnings: the Kubernetes calendar on the given day, unpinnable images, a shared account", () => {
    const one = { environment: "dev", regions: three.slice(0, 1) };
    const c = testConfig({
      ...one,
      cluster: { kubernetesVersion: "1.33" },
      security: { sharedAccount: true, images: { pinDigests: true } },
    });
    const w = configWarnings(c, new Date("2026-07-29T00:00:00Z"));
    assert.match(w[0], /^platform:cluster\.kubernetesVersion 1\.33 is in EKS extended support since 2026-07-29/);
    // Every image the stack renders: five services, the gateway and its exporter, the Jenkins agents and the batch job.
    assert.equal(w.filter((x) => x.includes("cannot be pinned by digest")).length, 9);
    assert.match(
      w[w.length - 1],
      /^SHARED ACCOUNT: platform:security\.sharedAccount is true, so this account also holds/,
    );
    assert.deepEqual(
      configWarnings(testConfig({ ...one, cluster: { kubernetesVersion: "1.35" } }), new Date("2026-07-29T00:00:00Z")),
      [],
    );
  });
});
