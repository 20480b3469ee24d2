import { strict as assert } from "assert";
import { CHARTS } from "../../components/charts";
import type { PlatformConfig } from "../../components/config";
import { clusterName } from "../../components/naming";
import type { Plan } from "../../tools/plan-lib";
import type { PlanResource } from "../../tools/engine/run";
import { validateManifest } from "../helpers/schemas";
import { descendantsOf, inRegion, ofType, planFor } from "../helpers/plan";

const PROD_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

/** The Karpenter / LB controller component of one region and what it created. */
function component(plan: Plan, type: string, region: string): PlanResource[] {
  const all = plan.resources.filter(
    (r) => r.type === type && descendantsOf(plan, r.urn).some((c) => c.region === region),
  );
  assert.equal(all.length, 1, `one ${type} in ${region}`);
  return descendantsOf(plan, all[0].urn);
}

describe("prod plan: Karpenter and the AWS Load Balancer Controller per region", function () {
  this.timeout(120_000);
  let plan: Plan;
  let config: PlatformConfig;
  before(async () => {
    ({ plan, config } = await planFor("prod"));
  });

  for (const region of PROD_REGIONS) {
    describe(region, () => {
      let mine: PlanResource[];
      before(() => {
        mine = component(plan, "platform:cluster:Karpenter", region);
      });
      const one = (type: string) => {
        const found = mine.filter((r) => r.type === type);
        assert.equal(found.length, 1, `one ${type}`);
        return found[0];
      };

      it("has an encrypted interruption queue and the 4 EventBridge rules targeting it", () => {
        const q = one("aws:sqs/queue:Queue");
        assert.equal(q.inputs.sqsManagedSseEnabled, true);
        assert.equal(
          inRegion(
            mine.filter((r) => r.type === "aws:cloudwatch/eventRule:EventRule"),
            region,
          ).length,
          4,
        );
        const targets = mine.filter((r) => r.type === "aws:cloudwatch/eventTarget:EventTarget");
        assert.equal(targets.length, 4);
        for (const t of targets) assert.match(String(t.inputs.arn), new RegExp(`^arn:aws:sqs:${region}:`));
      });

      it("binds the controller through a Pod Identity association in the region", () => {
        const a = one("aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assert.deepEqual([a.region, a.inputs.namespace, a.inputs.serviceAccount], [region, "kube-system", "karpenter"]);
      });

      it("installs the pinned chart with this cluster's name", () => {
        const rel = one("kubernetes:helm.sh/v3:Release");
        assert.deepEqual([rel.inputs.chart, rel.inputs.version], [CHARTS.karpenter.chart, CHARTS.karpenter.version]);
        const settings = (rel.inputs.values as { settings: { clusterName: string } }).settings;
        assert.equal(settings.clusterName, clusterName(config.name, config.stack, region));
      });

      it("has an EC2NodeClass and NodePools valid against the official schemas, each depending on the Release", async () => {
        const rel = one("kubernetes:helm.sh/v3:Release");
        const nodeClass = one("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass");
        await validateManifest(
          "@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass",
          "EC2NodeClass",
          nodeClass.inputs,
        );
        assert.ok(nodeClass.dependencies.includes(rel.urn));
        const pools = mine.filter((r) => r.type === "kubernetes:karpenter.sh/v1:NodePool");
        assert.ok(pools.length >= 1);
        for (const p of pools) {
          await validateManifest("@kubernetes-models/karpenter/karpenter.sh/v1/NodePool", "NodePool", p.inputs);
          assert.ok(p.dependencies.includes(rel.urn), `${p.name} depends on the Release`);
        }
      });

      it("runs the LB controller from the pinned eks-charts release with a Pod Identity role", () => {
        const lbc = component(plan, "platform:cluster:LoadBalancerController", region);
        const rel = lbc.filter((r) => r.type === "kubernetes:helm.sh/v3:Release");
        assert.equal(rel.length, 1);
        assert.equal(rel[0].inputs.version, CHARTS.lbController.version);
        const a = lbc.filter((r) => r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assert.deepEqual(
          a.map((x) => [x.region, x.inputs.serviceAccount]),
          [[region, "aws-load-balancer-controller"]],
        );
      });
    });
  }

  it("uses each region's own Kubernetes provider for its Karpenter objects", () => {
    const providers = PROD_REGIONS.map((region) => {
      const k8sObjects = component(plan, "platform:cluster:Karpenter", region).filter((r) =>
        r.type.startsWith("kubernetes:"),
      );
      const set = new Set(k8sObjects.map((r) => r.provider));
      assert.equal(set.size, 1, `${region}: one k8s provider`);
      return [...set][0];
    });
    assert.equal(new Set(providers).size, 3);
  });

  it("reports no mandatory violation on Karpenter or LB controller resources", () => {
    const v = plan.violations.filter(
      (x) => x.enforcementLevel === "mandatory" && /platform:cluster:(Karpenter|LoadBalancerController)/.test(x.urn),
    );
    assert.deepEqual(v, []);
  });
});

describe("dev plan: Karpenter", function () {
  this.timeout(120_000);
  it("builds one Karpenter with the dev NodePool limits", async () => {
    const { plan } = await planFor("dev");
    const pools = ofType(plan, "kubernetes:karpenter.sh/v1:NodePool");
    assert.equal(pools.length, 1);
    assert.deepEqual((pools[0].inputs as { spec: { limits: unknown } }).spec.limits, { cpu: "64", memory: "256Gi" });
  });
});
