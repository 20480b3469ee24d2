import { strict as assert } from "assert";
import fc from "fast-check";
import type { PlanResource } from "../../tools/engine/run";
import {
  analyse,
  floorOf,
  formatReport,
  longestChain,
  minutesOf,
  schedule,
  servingTimes,
} from "../../tools/critical-path-lib";
import { DEFAULT_MINUTES, TYPE_DURATIONS, durationFor } from "../../tools/critical-path-durations";
import { planFor } from "../helpers/plan";

function res(name: string, type: string, deps: string[] = [], extra: Partial<PlanResource> = {}): PlanResource {
  return {
    urn: `urn:${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region: null,
    inputs: {},
    dependencies: deps.map((d) => `urn:${d}`),
    ...extra,
  } as PlanResource;
}

const INSTANCE = "aws:rds/clusterInstance:ClusterInstance"; // 10 min
const CLUSTER = "aws:rds/cluster:Cluster"; // 5 min primary, 14 secondary
const EKS = "eks:index:Cluster"; // 10 min
const NODES = "aws:eks/nodeGroup:NodeGroup"; // 4 min

describe("critical path (pure)", () => {
  it("sums a chain, takes the slower of parallel branches, and counts the provider as a wait", () => {
    const provider = res("k8s", "pulumi:providers:kubernetes", ["eks"]);
    const rs = [
      res("eks", EKS, [], { custom: false }),
      provider,
      res("nodes", NODES, ["eks"]),
      res("db", CLUSTER, [], { inputs: { masterUsername: "u" } }),
      res("ns", "kubernetes:core/v1:Namespace", [], { provider: "urn:k8s" }),
    ];
    const t = schedule(rs);
    assert.equal(t.get("urn:nodes")!.finish, 14);
    assert.equal(t.get("urn:db")!.finish, 5);
    assert.equal(t.get("urn:ns")!.finish, 10 + DEFAULT_MINUTES, "the namespace waits for its provider, so the cluster");
    const c = longestChain(rs);
    assert.equal(c.minutes, 14);
    assert.deepEqual(
      c.steps.map((s) => s.name),
      ["eks", "nodes"],
    );
  });

  it("times Aurora secondaries (no master credentials) longer than the primary, from the durations table", () => {
    assert.equal(minutesOf(res("p", CLUSTER, [], { inputs: { masterUsername: "u" } })), 5);
    assert.equal(minutesOf(res("s", CLUSTER, [], { inputs: { globalClusterIdentifier: "g" } })), 14);
    assert.equal(minutesOf(res("c", "platform:data:GlobalDatabase", [], { custom: false })), 0);
    assert.equal(minutesOf(res("x", "aws:ec2/vpc:Vpc")), DEFAULT_MINUTES);
    assert.equal(durationFor("aws:rds/clusterInstance:ClusterInstance", {})!.source, "provider-timeout");
    for (const d of TYPE_DURATIONS) {
      assert.ok(d.minutes > 0 && d.minutes < 60, d.type);
      assert.ok(d.note.length > 10, `${d.type} says where its figure comes from`);
    }
  });

  it("refuses a dependency cycle, naming a resource on it", () => {
    assert.throws(() => schedule([res("a", NODES, ["b"]), res("b", NODES, ["a"])]), /dependency cycle through urn:/);
  });

  it("the floor is the longest inherent chain; a false wait on another tier makes the gap", () => {
    const rs = [
      res("eks", EKS, [], { custom: false }),
      res("global", "aws:rds/globalCluster:GlobalCluster"),
      // The false wait: the primary cluster waits for EKS (as an inline SG rule naming it did).
      res("primary", CLUSTER, ["global", "eks"], { inputs: { masterUsername: "u" } }),
      res("writer", INSTANCE, ["primary"]),
      res("secondary", CLUSTER, ["writer"]),
      res("reader", INSTANCE, ["secondary"]),
    ];
    const f = floorOf(rs);
    assert.equal(f.chain.name, "Aurora global database");
    assert.equal(f.path.minutes, 1 + 5 + 10 + 14 + 10);
    const report = analyse("t", rs);
    assert.equal(report.critical.minutes, 10 + 5 + 10 + 14 + 10);
    assert.equal(report.gap.toFixed(3), (49 / 40 - 1).toFixed(3));
    assert.match(formatReport(report), /gap: +9\.0 min \(22\.5 % above the floor\)/);
  });

  it("a region serves traffic once its gateway, binding and listeners exist and CloudFront is deployed", () => {
    const region = res("us-west-2", "platform:region:Region", [], { custom: false });
    const under = { parent: "urn:us-west-2" };
    const rs = [
      region,
      res("gw", "kubernetes:apps/v1:Deployment", [], { ...under, inputs: { metadata: { name: "nginx-gateway" } } }),
      res("tgb", "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding", ["gw"], under),
      res("other", "kubernetes:apps/v1:Deployment", ["tgb", "tgb"], { ...under, inputs: { metadata: { name: "x" } } }),
      res("cdn", "aws:cloudfront/distribution:Distribution"),
    ];
    const s = servingTimes(rs);
    assert.deepEqual(Object.keys(s), ["us-west-2"]);
    assert.equal(s["us-west-2"].finish, 6, "CloudFront (6 min) is the later of the two");
    assert.equal(s["us-west-2"].name, "tgb");
  });

  it("a record in a private hosted zone (associated with VPCs) is not part of the front door users wait for", () => {
    const region = res("us-west-2", "platform:region:Region", [], { custom: false });
    const gw = res("gw", "kubernetes:apps/v1:Deployment", [], {
      parent: "urn:us-west-2",
      inputs: { metadata: { name: "nginx-gateway" } },
    });
    const cdn = res("cdn", "aws:cloudfront/distribution:Distribution");
    const cache = res("cache", "aws:elasticache/replicationGroup:ReplicationGroup"); // 10 min
    const zone = (vpcs: object[] | undefined) =>
      res("zone", "aws:route53/zone:Zone", [], { inputs: vpcs ? { name: "x.internal", vpcs } : { name: "x.com" } });
    const record = res("writer", "aws:route53/record:Record", ["zone", "cache"]);
    const inVpc = servingTimes([region, gw, cdn, cache, zone([{ vpcId: "vpc-1", vpcRegion: "us-west-2" }]), record]);
    assert.equal(inVpc["us-west-2"].finish, 6, "CloudFront's 6 min, not the private record after the cache");
    const isPublic = servingTimes([region, gw, cdn, cache, zone(undefined), record]);
    assert.equal(
      isPublic["us-west-2"].finish,
      10 + 1,
      "a public record waits for the cache (10 min) plus its own 1 min",
    );
  });

  it("property: every resource finishes after its waits plus its own duration; the floor never exceeds the path", () => {
    const types = [EKS, NODES, CLUSTER, INSTANCE, "aws:ec2/vpc:Vpc", "kubernetes:helm.sh/v3:Release"];
    const dag = fc
      .array(fc.record({ type: fc.constantFrom(...types), deps: fc.array(fc.nat(), { maxLength: 3 }) }), {
        minLength: 1,
        maxLength: 25,
      })
      .map((nodes) =>
        nodes.map((n, i) => res(`r${i}`, n.type, i === 0 ? [] : [...new Set(n.deps.map((d) => `r${d % i}`))])),
      );
    fc.assert(
      fc.property(dag, (rs) => {
        const t = schedule(rs);
        for (const r of rs)
          for (const d of r.dependencies) assert.ok(t.get(r.urn)!.finish >= t.get(d)!.finish + minutesOf(r) - 1e-9);
        const report = analyse("p", rs);
        assert.ok(report.floor.path.minutes <= report.critical.minutes + 1e-9);
        assert.ok(report.gap >= 0);
        // Adding a wait never shortens the deploy.
        if (rs.length < 2) return;
        const more = rs.map((r, i) =>
          i === rs.length - 1 ? { ...r, dependencies: [...r.dependencies, "urn:r0"] } : r,
        );
        assert.ok(longestChain(more).minutes >= report.critical.minutes - 1e-9);
      }),
    );
  });
});

describe("critical path of the stack plans", () => {
  for (const stack of ["dev", "prod"]) {
    it(`${stack}: a fresh deploy is within 5 % of its inherent floor`, async () => {
      const { plan } = await planFor(stack);
      const r = analyse(stack, plan.resources);
      assert.ok(r.gap <= 0.05, formatReport(r));
    });
  }

  it("prod: every region serves traffic before the Aurora global chain ends (no gateway waits for the data tier)", async () => {
    const { plan, config } = await planFor("prod");
    const r = analyse("prod", plan.resources);
    assert.equal(r.floor.name, "Aurora global database");
    assert.deepEqual(Object.keys(r.serving).sort(), config.regions.map((x) => x.name).sort());
    // The gateway waits for the mesh (ztunnel after istiod after the NodePool, 6d103a0): ~25.2 min.
    // What matters: before the Aurora chain ends, and nothing of the data tier on its chain.
    const times = schedule(plan.resources);
    const byUrn = new Map(plan.resources.map((x) => [x.urn, x]));
    for (const [region, s] of Object.entries(r.serving)) {
      const at = `${region} serves at ${s.finish.toFixed(1)} min, after ${s.name}`;
      assert.ok(s.finish < r.floor.path.minutes && s.finish <= 25.2 + 1e-9, at);
      const chain: string[] = [];
      for (let u: string | undefined = s.urn; u; u = times.get(u)!.via) chain.push(byUrn.get(u)!.type);
      assert.ok(chain.length > 5, chain.join(" <- "));
      assert.deepEqual(
        chain.filter((t) => /^aws:(rds|elasticache|secretsmanager)\//.test(t)),
        [],
        `${region}: ${chain.join(" <- ")}`,
      );
    }
  });
});
