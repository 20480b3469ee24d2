import { strict as assert } from "assert";
import { ALONE, loadStandIn } from "../helpers/stand-in";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { CHARTS } from "../../components/charts";
import { Karpenter } from "../../components/cluster/karpenter";
import type { ClusterHandle } from "../../components/cluster/types";
import { evaluatePolicies } from "../../policies/lib/offline";
import { runProgram, type PlanResource, type ProgramRun } from "../../tools/engine/run";
import { validateManifest } from "../helpers/schemas";

const PLATFORM_TAGS = {
  project: "platform",
  stack: "test",
  environment: "prod",
  region: "us-west-2",
  "managed-by": "pulumi",
};
const CLUSTER = "platform-test-usw2";

/** Karpenter alone on the mock engine with a stand-in cluster (the EKS area provides the real one). */
async function run(): Promise<ProgramRun> {
  const raw = {
    environment: "prod",
    regions: [{ name: "us-west-2", vpcCidr: "10.1.0.0/16" }],
    karpenter: {
      nodePools: [
        { name: "general-purpose" },
        { name: "arm-spot", capacityTypes: ["spot"], architectures: ["arm64"], instanceFamilies: ["m7g"] },
      ],
    },
  };
  const config = loadStandIn(
    Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [`platform:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
    ),
    { project: "platform", stack: "test" },
  );
  return runProgram({
    ...ALONE,
    program: () => {
      const provider = new aws.Provider("usw2", { region: "us-west-2", defaultTags: { tags: PLATFORM_TAGS } });
      const k8sProvider = new k8s.Provider("usw2-k8s", { kubeconfig: "{}" });
      const systemNodes = new k8s.core.v1.ConfigMap(
        "system-nodes",
        { metadata: { name: "stand-in", namespace: "kube-system" } },
        { provider: k8sProvider },
      );
      // Stands in for the EKS cluster: the handle's outputs carry a dependency on it.
      const clusterSg = new aws.ec2.SecurityGroup(
        "stand-in-cluster",
        { description: "stand-in for the EKS cluster" },
        { provider },
      );
      const cluster: ClusterHandle = {
        name: CLUSTER,
        k8sProvider,
        clusterSecurityGroupId: clusterSg.id,
        workloadDependencies: [systemNodes],
      };
      const k = new Karpenter("usw2-karpenter", {
        cluster,
        provider,
        region: "us-west-2",
        config: config.karpenter,
        physicalName: CLUSTER,
        nodeTags: { project: "platform" },
      });
      return { queueUrl: k.interruptionQueue.url };
    },
  });
}

describe("Karpenter component (mock engine)", () => {
  let r: ProgramRun;
  before(async () => {
    r = await run();
  });
  const ofType = (t: string) => r.resources.filter((x) => x.type === t);
  const named = (n: string): PlanResource => {
    const x = r.resources.find((y) => y.name === n);
    assert.ok(x, `no resource named ${n}`);
    return x;
  };

  it("creates an SSE interruption queue keeping messages 5 minutes, writable by EventBridge", () => {
    const q = named("usw2-karpenter-interruption");
    assert.deepEqual(
      [q.inputs.name, q.inputs.messageRetentionSeconds, q.inputs.sqsManagedSseEnabled],
      [`${CLUSTER}-karpenter`, 300, true],
    );
    const policy = JSON.parse(named("usw2-karpenter-interruption-policy").inputs.policy as string);
    assert.deepEqual(policy.Statement[0].Principal, { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] });
    assert.equal(policy.Statement[0].Resource, `arn:aws:sqs:us-west-2:123456789012:${CLUSTER}-karpenter`);
  });

  it("routes 4 EventBridge rules to the queue", () => {
    const rules = ofType("aws:cloudwatch/eventRule:EventRule");
    assert.deepEqual(rules.map((x) => JSON.parse(x.inputs.eventPattern as string)["detail-type"][0]).sort(), [
      "AWS Health Event",
      "EC2 Instance Rebalance Recommendation",
      "EC2 Instance State-change Notification",
      "EC2 Spot Instance Interruption Warning",
    ]);
    const targets = ofType("aws:cloudwatch/eventTarget:EventTarget");
    assert.equal(targets.length, 4);
    for (const t of targets) assert.equal(t.inputs.arn, `arn:aws:sqs:us-west-2:123456789012:${CLUSTER}-karpenter`);
  });

  it("binds the controller role to kube-system/karpenter through Pod Identity", () => {
    const assoc = ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation");
    assert.equal(assoc.length, 1);
    assert.deepEqual(
      [assoc[0].inputs.clusterName, assoc[0].inputs.namespace, assoc[0].inputs.serviceAccount],
      [CLUSTER, "kube-system", "karpenter"],
    );
    const trust = JSON.parse(named("usw2-karpenter-controller-role").inputs.assumeRolePolicy as string);
    assert.deepEqual(trust.Statement[0].Principal, { Service: "pods.eks.amazonaws.com" });
    // Only the karpenter ServiceAccount of this cluster may bind it.
    assert.deepEqual(trust.Statement[0].Condition.StringEquals, {
      "aws:SourceAccount": "123456789012",
      "aws:RequestTag/eks-cluster-name": trust.Statement[0].Condition.StringEquals["aws:RequestTag/eks-cluster-name"],
      "aws:RequestTag/kubernetes-namespace": "kube-system",
      "aws:RequestTag/kubernetes-service-account": "karpenter",
    });
    assert.match(trust.Statement[0].Condition.StringEquals["aws:RequestTag/eks-cluster-name"], /^platform-/);
  });

  it("scopes the controller's PassRole to the node role", () => {
    const policy = JSON.parse(named("usw2-karpenter-controller-policy").inputs.policy as string);
    const pass = policy.Statement.find((s: { Sid: string }) => s.Sid === "AllowPassingInstanceRole");
    assert.equal(pass.Resource, `arn:aws:iam::123456789012:role/${CLUSTER}-karpenter-node`);
  });

  it("registers the node role as an EC2_LINUX access entry with the four managed policies", () => {
    const entry = named("usw2-karpenter-node-access");
    assert.deepEqual(
      [entry.inputs.type, entry.inputs.principalArn],
      ["EC2_LINUX", `arn:aws:iam::123456789012:role/${CLUSTER}-karpenter-node`],
    );
    assert.equal(
      ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) =>
        a.name.startsWith("usw2-karpenter-node-policy-"),
      ).length,
      4,
    );
  });

  it("creates the access entry and Pod Identity association only once the cluster exists", () => {
    const cluster = named("stand-in-cluster").urn;
    assert.ok(named("usw2-karpenter-node-access").dependencies.includes(cluster));
    assert.ok(named("usw2-karpenter-controller-association").dependencies.includes(cluster));
  });

  it("tags the cluster security group for discovery", () => {
    const tag = named("usw2-karpenter-sg-discovery");
    assert.deepEqual(tag.inputs, { resourceId: "stand-in-cluster-id", key: "karpenter.sh/discovery", value: CLUSTER });
  });

  it("installs the pinned chart in kube-system with the queue name, after the cluster and the Pod Identity association", () => {
    const rel = named("usw2-karpenter-chart");
    assert.equal(rel.type, "kubernetes:helm.sh/v3:Release");
    assert.deepEqual(
      [rel.inputs.chart, rel.inputs.version, rel.inputs.namespace],
      [CHARTS.karpenter.chart, CHARTS.karpenter.version, "kube-system"],
    );
    assert.deepEqual((rel.inputs.values as { settings: unknown }).settings, {
      clusterName: CLUSTER,
      interruptionQueue: `${CLUSTER}-karpenter`,
    });
    assert.ok(rel.dependencies.includes(named("system-nodes").urn));
    assert.ok(rel.dependencies.includes(named("usw2-karpenter-controller-association").urn));
  });

  it("creates the EC2NodeClass and each NodePool after the chart, valid against the official schemas", async () => {
    const rel = named("usw2-karpenter-chart").urn;
    const nodeClass = named("usw2-karpenter-nodeclass");
    assert.ok(nodeClass.dependencies.includes(rel));
    assert.ok(
      nodeClass.dependencies.includes(named("usw2-karpenter-node-role").urn),
      "node role outlives the node class on destroy",
    );
    await validateManifest(
      "@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass",
      "EC2NodeClass",
      nodeClass.inputs,
    );
    assert.equal((nodeClass.inputs as { spec: { role: string } }).spec.role, `${CLUSTER}-karpenter-node`);
    const pools = ofType("kubernetes:karpenter.sh/v1:NodePool");
    assert.deepEqual(pools.map((p) => p.name).sort(), [
      "usw2-karpenter-nodepool-arm-spot",
      "usw2-karpenter-nodepool-general-purpose",
    ]);
    for (const p of pools) {
      assert.ok(
        p.dependencies.includes(rel) && p.dependencies.includes(nodeClass.urn),
        `${p.name} depends on the chart and the node class`,
      );
      await validateManifest("@kubernetes-models/karpenter/karpenter.sh/v1/NodePool", "NodePool", p.inputs);
    }
  });

  it("puts AWS resources in the region and Kubernetes resources on the cluster's provider", () => {
    const mine = r.resources.filter((x) => x.custom && x.urn.includes("platform:cluster:Karpenter"));
    for (const x of mine.filter((y) => y.type.startsWith("aws:"))) assert.equal(x.region, "us-west-2", x.name);
    const k8sProvider = named("usw2-k8s").urn;
    for (const x of mine.filter((y) => y.type.startsWith("kubernetes:"))) assert.equal(x.provider, k8sProvider, x.name);
  });
  it("passes every mandatory policy of the pack (prod levels)", () => {
    const mine = evaluatePolicies(r.resources, { environment: "prod" }).filter(
      (v) => v.enforcementLevel === "mandatory" && v.urn.includes("platform:cluster:Karpenter"),
    );
    assert.deepEqual(mine, []);
  });
});
