import { strict as assert } from "assert";
import { REQUIRED_FLOWS } from "../../tools/flows";
import { CHAOS_FLOWS } from "../../tools/flows/roles-chaos";
import { FARGATE_FLOWS } from "../../tools/flows/roles-fargate";
import { JENKINS_FLOWS } from "../../tools/flows/roles-jenkins";
import { REQUIRED_FLOWS_POLICY } from "../../policies/lib/offline";
import { planFor } from "../helpers/plan";

/** Requirements that hold on the stacks as planned today; the others wait on the network/deployer work. */
const HOLDING = [
  "karpenter-nodes-cluster-api",
  "apps-database-readers",
  "apps-cache-replicas",
  "alb-gateway",
  "cloudfront-alb",
  "healthchecks-alb",
  "prometheus-scrape",
];

/** Requirements whose source exists only when an opt-in feature is on (tested where the feature is). */
const OPT_IN = [
  "chaos-abort-prometheus", // chaos.production (test/chaos/production.spec.ts)
  "loadtest-gateway", // loadTests (test/loadtest/loadtest.spec.ts)
  "loadtest-prometheus",
  ...JENKINS_FLOWS.map((f) => f.id), // one controller, one region (test/jenkins/plan.spec.ts)
  ...FARGATE_FLOWS.map((f) => f.id), // Fargate batch, primary region by default (test/batch/pod-security-group.spec.ts)
  "prometheus-pod-identity", // observability.managedPrometheus (AMP remote write)
  ...CHAOS_FLOWS.map((f) => f.id), // chaos.enabled (test/flows/default-deny.spec.ts, dev)
];

describe("flows: the required flows on the stack plans", () => {
  for (const stack of ["dev", "prod"]) {
    it(`${stack}: every requirement is evaluated in every region, each flow with evidence or a reason`, async () => {
      const { plan, config } = await planFor(stack);
      // Jenkins runs in one region (platform:jenkins, the primary by default): its flows are there only.
      const oneRegion = new Set(JENKINS_FLOWS.map((r) => r.id));
      for (const req of REQUIRED_FLOWS.filter((r) => oneRegion.has(r.id)))
        assert.ok(
          plan.flows.some((f) => f.requirement === req.id),
          `${req.id} has no flow`,
        );
      for (const req of REQUIRED_FLOWS.filter((r) => !OPT_IN.includes(r.id) && !oneRegion.has(r.id)))
        for (const region of config.regions.map((r) => r.name)) {
          const mine = plan.flows.filter((f) => f.requirement === req.id && `${f.from} ${f.to}`.includes(region));
          assert.ok(mine.length > 0, `${req.id} has no flow in ${region}`);
        }
      for (const f of plan.flows) {
        if (f.ok) assert.ok(f.via && f.via.length > 0 && f.reason === undefined, `${f.from} -> ${f.to}`);
        else assert.ok(f.reason && f.via === undefined, `${f.from} -> ${f.to}`);
      }
    });

    it(`${stack}: each flow that does not hold is a mandatory violation saying what is missing`, async () => {
      const { plan } = await planFor(stack);
      const violations = plan.violations.filter((v) => v.policy === REQUIRED_FLOWS_POLICY);
      const failing = plan.flows.filter((f) => !f.ok);
      assert.equal(violations.length, failing.length);
      for (const [i, f] of failing.entries()) {
        assert.equal(violations[i].enforcementLevel, "mandatory");
        assert.equal(
          violations[i].message,
          `${f.requirement}: ${f.from} -> ${f.to} on port ${f.port} does not hold: ${f.reason}`,
        );
      }
    });

    it(`${stack}: edge, scrape, node and local data paths hold`, async () => {
      const { plan } = await planFor(stack);
      const broken = plan.flows.filter((f) => HOLDING.includes(f.requirement) && !f.ok);
      assert.deepEqual(
        broken.map((f) => `${f.from} -> ${f.to}: ${f.reason}`),
        [],
      );
    });
  }

  it("prod: ALB -> gateway names the ALB egress rule and the TargetGroupBinding rule that admit it", async () => {
    const { plan } = await planFor("prod");
    const f = plan.flows.find((x) => x.requirement === "alb-gateway" && x.from === "us-west-2 ALB")!;
    assert.equal(f.port, 8080);
    assert.ok(f.via!.some((v) => v.endsWith("TargetGroupBinding::us-west-2-edge-gateway-tgb#networking.ingress[0]")));
    assert.ok(f.via!.some((v) => v.endsWith("edge-alb-sg#egress[0]")));
  });
});
