import { strict as assert } from "assert";
import { ConfigError } from "../../components/config";
import { loadStandIn } from "../helpers/stand-in";
import { base, ctx, flat, problems } from "./validation-fixture";

describe("config validation", () => {
  it("loads a minimal config with seed defaults and freezes it", () => {
    const c = loadStandIn(flat(base()), ctx);
    assert.equal(c.primaryRegion, "us-east-1");
    assert.deepEqual(c.regions[1].availabilityZones, ["us-west-2a", "us-west-2b", "us-west-2c"]);
    assert.equal(c.autoscaling.hpa.minReplicas, 3);
    assert.equal(c.autoscaling.hpa.cpuPercent, 70);
    assert.equal(c.autoscaling.hpa.scaleDown.stabilizationSeconds, 300);
    assert.deepEqual(
      c.services.map((s) => s.name),
      ["frontend", "user-service", "activity-service", "notification-service", "notification-worker"],
    );
    assert.equal(c.services[1].probes.liveness.initialDelaySeconds, 20);
    assert.equal(c.services[1].resources.limits.memory, "256Mi");
    assert.deepEqual(c.database.secondaryRegions, ["us-west-2"]);
    assert.equal(c.cache.global, true);
    assert.equal(c.chaos.enabled, false, "chaos is opt-in outside dev");
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.regions[0]) && Object.isFrozen(c.network.subnetPrefixes));
  });

  it("rejects unknown top-level keys with a did-you-mean hint", () => {
    const p = problems({ ...base(), netwrok: { azCount: 3 } });
    assert.equal(p.length, 1);
    assert.match(
      p[0],
      /^platform:netwrok: got \{"azCount":3\}; expected a known key \(did you mean "platform:network"\?\)/,
    );
  });

  it("rejects unknown nested keys naming the allowed ones", () => {
    const p = problems({ ...base(), network: { natGateway: "single" } });
    assert.deepEqual(p, [
      'platform:network.natGateway: got "single"; expected no such key (did you mean "natGateways"?); allowed here: azCount, natGateways, subnetPrefixes, serviceCidr, flowLogs',
    ]);
  });

  it("requires environment and regions", () => {
    const p = problems({});
    assert.ok(
      p.includes(
        "platform:environment: got (missing); expected a value (this key has no default; set it in Pulumi.<stack>.yaml)",
      ),
      p.join("\n"),
    );
    assert.ok(
      p.includes(
        "platform:regions: got (missing); expected a value (this key has no default; set it in Pulumi.<stack>.yaml)",
      ),
    );
  });

  it("rejects an empty region list", () => {
    assert.deepEqual(problems({ ...base(), regions: [] }), ["platform:regions: got []; expected at least one region"]);
  });

  it("rejects duplicate regions", () => {
    const p = problems({
      ...base(),
      regions: [
        { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
        { name: "us-east-1", vpcCidr: "10.1.0.0/16" },
      ],
    });
    assert.deepEqual(p, ['platform:regions[1].name: got "us-east-1"; expected each region listed once']);
  });

  it("rejects unknown region names", () => {
    const p = problems({ ...base(), regions: [{ name: "us-east-9", vpcCidr: "10.0.0.0/16" }] });
    assert.deepEqual(p, [
      'platform:regions[0].name: got "us-east-9"; expected a known AWS region name like us-east-1, us-west-2 or eu-west-1',
    ]);
  });

  it("rejects a primary region that is not configured", () => {
    const p = problems({ ...base(), primaryRegion: "eu-west-1" });
    assert.deepEqual(p, [
      'platform:primaryRegion: got "eu-west-1"; expected one of the configured regions (us-east-1, us-west-2)',
    ]);
  });

  it("rejects invalid CIDRs and CIDRs with host bits", () => {
    const p = problems({
      ...base(),
      regions: [
        { name: "us-east-1", vpcCidr: "10.0.0.0/33" },
        { name: "us-west-2", vpcCidr: "10.1.0.5/16" },
      ],
    });
    assert.deepEqual(p, [
      'platform:regions[0].vpcCidr: got "10.0.0.0/33"; expected an IPv4 CIDR block like 10.0.0.0/16',
      'platform:regions[1].vpcCidr: got "10.1.0.5/16"; expected a network address (host bits zero), e.g. 10.1.0.0/16',
    ]);
  });

  it("rejects overlapping VPC CIDRs across regions", () => {
    const p = problems({
      ...base(),
      regions: [
        { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
        { name: "us-west-2", vpcCidr: "10.0.128.0/17" },
      ],
    });
    assert.ok(
      p.includes(
        'platform:regions[1].vpcCidr: got "10.0.128.0/17"; expected a range disjoint from regions[0] (us-east-1 10.0.0.0/16); cross-region VPC ranges must not overlap',
      ),
      p.join("\n"),
    );
  });

  it("rejects a VPC too small for the reserved subnet slots", () => {
    const p = problems({ ...base(), regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/20" }] });
    assert.deepEqual(p, [
      'platform:regions[0].vpcCidr: got "10.0.0.0/20"; expected a VPC of /16 or larger: 6 AZ slots of /19 private, /24 public and /24 database subnets do not fit in /20 (or set longer network.subnetPrefixes, i.e. smaller subnets)',
    ]);
  });

  it("rejects a VPC overlapping the Kubernetes service CIDR", () => {
    const p = problems({ ...base(), regions: [{ name: "us-east-1", vpcCidr: "172.20.0.0/16" }] });
    assert.deepEqual(p, [
      'platform:regions[0].vpcCidr: got "172.20.0.0/16"; expected a range disjoint from network.serviceCidr (172.20.0.0/16)',
    ]);
  });

  it("rejects AZ counts outside 2..6", () => {
    assert.deepEqual(problems({ ...base(), network: { azCount: 7 } }), [
      "platform:network.azCount: got 7; expected an integer between 2 and 6",
    ]);
    assert.deepEqual(problems({ ...base(), network: { azCount: 1 } }), [
      "platform:network.azCount: got 1; expected an integer between 2 and 6",
    ]);
  });

  it("rejects AZ names from another region", () => {
    const p = problems({
      ...base(),
      regions: [
        { name: "us-east-1", vpcCidr: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-west-2b", "us-east-1c"] },
      ],
    });
    assert.deepEqual(p, [
      'platform:regions[0].availabilityZones[1]: got "us-west-2b"; expected an availability zone of us-east-1 (us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f)',
    ]);
  });

  it("rejects min > max wherever a range is configured", () => {
    const p = problems({
      ...base(),
      autoscaling: { hpa: { minReplicas: 12, maxReplicas: 10 }, mesh: { minReplicas: 60, maxReplicas: 50 } },
      database: { readers: { min: 6, max: 5 } },
      cluster: { systemNodeGroup: { minSize: 4, desiredSize: 4, maxSize: 3 } },
      gateway: { minReplicas: 5, maxReplicas: 4 },
    });
    assert.deepEqual(
      p.sort(),
      [
        "platform:autoscaling.hpa.minReplicas: got 12; expected at most autoscaling.hpa.maxReplicas (10)",
        "platform:cluster.systemNodeGroup.desiredSize: got 4; expected between minSize (4) and maxSize (3)",
        "platform:cluster.systemNodeGroup.minSize: got 4; expected at most systemNodeGroup.maxSize (3)",
        "platform:database.readers.min: got 6; expected at most readers.max (5)",
        "platform:gateway.minReplicas: got 5; expected at most gateway.maxReplicas (4)",
        "platform:autoscaling.mesh.minReplicas: got 60; expected at most autoscaling.mesh.maxReplicas (50)",
        // every default mesh-scaled web service without a schedule inherits the bad range too
        "platform:services[default frontend].autoscaling.keda.maxReplicas: got 50; expected at least autoscaling.mesh.minReplicas (60)",
        "platform:services[default user-service].autoscaling.keda.maxReplicas: got 50; expected at least autoscaling.mesh.minReplicas (60)",
        "platform:services[default notification-service].autoscaling.keda.maxReplicas: got 50; expected at least autoscaling.mesh.minReplicas (60)",
      ].sort(),
    );
  });

  it("rejects percentages outside 1..100", () => {
    const p = problems({
      ...base(),
      autoscaling: { hpa: { cpuPercent: 0, memoryPercent: 101 } },
      database: { readers: { targetCpuPercent: 150 } },
    });
    assert.deepEqual(p, [
      "platform:database.readers.targetCpuPercent: got 150; expected a percentage between 1 and 100",
      "platform:autoscaling.hpa.cpuPercent: got 0; expected a percentage between 1 and 100",
      "platform:autoscaling.hpa.memoryPercent: got 101; expected a percentage between 1 and 100",
    ]);
  });

  it("reports every problem at once: overlapping CIDRs plus a typo'd key", () => {
    const p = problems({
      ...base(),
      regions: [
        { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
        { name: "us-west-2", vpcCidr: "10.0.0.0/16" },
      ],
      netwrok: {},
    });
    assert.equal(p.length, 2, p.join("\n"));
    assert.match(p[0], /^platform:netwrok: /);
    assert.match(
      p[1],
      /^platform:regions\[1\]\.vpcCidr: got "10\.0\.0\.0\/16"; expected a range disjoint from regions\[0\]/,
    );
  });

  it("puts every problem in the error message, one per line", () => {
    try {
      loadStandIn(flat({ ...base(), netwrok: {}, network: { azCount: 9 } }), ctx);
      assert.fail("expected a ConfigError");
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.message.split("\n")[0], 'Invalid configuration for stack "test" (2 problems):');
      assert.match(err.message, /\n {2}- platform:network\.azCount: got 9; expected an integer between 2 and 6/);
    }
  });

  it("treats Pulumi.yaml's empty defaults as unset", () => {
    const c = loadStandIn(flat({ ...base(), primaryRegion: "", name: "", services: [] }), ctx);
    assert.equal(c.primaryRegion, "us-east-1");
    assert.equal(c.name, "platform");
    assert.equal(c.services.length, 5);
  });

  it("rejects an image tagged latest or untagged", () => {
    const svc = { name: "api", image: "nginx", routes: ["/"] };
    const p = problems({ ...base(), services: [svc, { ...svc, name: "b", image: "repo/b:latest", routes: ["/b/"] }] });
    assert.deepEqual(p, [
      'platform:services[0].image: got "nginx"; expected an image pinned to a version tag or sha256 digest (not "latest", not untagged)',
      'platform:services[1].image: got "repo/b:latest"; expected an image pinned to a version tag or sha256 digest (not "latest", not untagged)',
    ]);
  });
});
