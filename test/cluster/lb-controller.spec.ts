import { strict as assert } from "assert";
import { ALONE } from "../helpers/stand-in";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CHARTS } from "../../components/charts";
import {
  LB_CONTROLLER_POLICY,
  lbControllerValues,
  LoadBalancerController,
} from "../../components/cluster/lb-controller";
import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS, type ClusterHandle } from "../../components/cluster/types";
import { evaluatePolicies } from "../../policies/lib/offline";
import { runProgram, type PlanResource, type ProgramRun } from "../../tools/engine/run";

const PLATFORM_TAGS = {
  project: "platform",
  stack: "test",
  environment: "prod",
  region: "eu-west-1",
  "managed-by": "pulumi",
};
const CLUSTER = "platform-test-euw1";

describe("LoadBalancerController: values and IAM policy", () => {
  const v = lbControllerValues({ clusterName: CLUSTER, region: "eu-west-1", vpcId: "vpc-123" });

  it("names the cluster, region and VPC so the controller never asks IMDS", () =>
    assert.deepEqual([v.clusterName, v.region, v.vpcId], [CLUSTER, "eu-west-1", "vpc-123"]));

  it("runs 2 replicas on the system nodes with the service mutator webhook off", () => {
    assert.equal(v.replicaCount, 2);
    assert.equal(v.enableServiceMutatorWebhook, false);
    assert.deepEqual(v.nodeSelector, { "kubernetes.io/os": "linux", ...SYSTEM_NODE_LABEL });
    assert.deepEqual(v.tolerations, SYSTEM_TOLERATIONS);
    assert.deepEqual(v.serviceAccount, { create: true, name: "aws-load-balancer-controller" });
  });

  it("uses the published policy: no wildcard action, and the calls TargetGroupBinding needs", () => {
    const actions = LB_CONTROLLER_POLICY.Statement.flatMap((s) => [s.Action].flat() as string[]);
    assert.ok(
      actions.every((a) => !a.includes("*")),
      "no wildcard actions",
    );
    for (const needed of [
      "elasticloadbalancing:RegisterTargets",
      "elasticloadbalancing:DeregisterTargets",
      "elasticloadbalancing:DescribeTargetHealth",
      "ec2:DescribeInstances",
    ]) {
      assert.ok(actions.includes(needed), `policy grants ${needed}`);
    }
    const register = LB_CONTROLLER_POLICY.Statement.find((s) =>
      [s.Action].flat().includes("elasticloadbalancing:RegisterTargets"),
    )!;
    assert.equal(register.Resource, "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*");
  });

  it("fits in an IAM inline policy (10,240 characters)", () => {
    const size = JSON.stringify(LB_CONTROLLER_POLICY).length;
    assert.ok(size < 10240, `policy is ${size} characters`);
  });
});

describe("LoadBalancerController component (mock engine)", () => {
  let r: ProgramRun;
  before(async () => {
    r = await runProgram({
      ...ALONE,
      program: () => {
        const provider = new aws.Provider("euw1", { region: "eu-west-1", defaultTags: { tags: PLATFORM_TAGS } });
        const k8sProvider = new k8s.Provider("euw1-k8s", { kubeconfig: "{}" });
        const systemNodes = new k8s.core.v1.ConfigMap(
          "system-nodes",
          { metadata: { name: "stand-in", namespace: "kube-system" } },
          { provider: k8sProvider },
        );
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
        const lbc = new LoadBalancerController("euw1-lbc", {
          cluster,
          provider,
          region: "eu-west-1",
          vpcId: pulumi.output("vpc-abc"),
        });
        // What the edge area does: a TargetGroupBinding that waits for the chart (CRD + webhook).
        new k8s.apiextensions.CustomResource(
          "tgb",
          {
            apiVersion: "elbv2.k8s.aws/v1beta1",
            kind: "TargetGroupBinding",
            metadata: { name: "gw", namespace: "apps" },
            spec: {},
          },
          { provider: k8sProvider, dependsOn: [lbc.release] },
        );
        return {};
      },
    });
  });
  const named = (n: string): PlanResource => {
    const x = r.resources.find((y) => y.name === n);
    assert.ok(x, `no resource named ${n}`);
    return x;
  };

  it("installs the pinned eks-charts release in kube-system with the VPC id", () => {
    const rel = named("euw1-lbc-chart");
    assert.deepEqual(
      [rel.inputs.chart, rel.inputs.version, rel.inputs.namespace],
      ["aws-load-balancer-controller", CHARTS.lbController.version, "kube-system"],
    );
    assert.deepEqual(rel.inputs.repositoryOpts, { repo: "https://aws.github.io/eks-charts" });
    assert.equal((rel.inputs.values as { vpcId: string }).vpcId, "vpc-abc");
    assert.equal(rel.provider, named("euw1-k8s").urn);
  });

  it("binds a Pod Identity role carrying the published policy to kube-system/aws-load-balancer-controller", () => {
    const assoc = named("euw1-lbc-controller-association");
    assert.deepEqual(
      [assoc.inputs.clusterName, assoc.inputs.namespace, assoc.inputs.serviceAccount, assoc.region],
      [CLUSTER, "kube-system", "aws-load-balancer-controller", "eu-west-1"],
    );
    assert.deepEqual(JSON.parse(named("euw1-lbc-controller-policy").inputs.policy as string), LB_CONTROLLER_POLICY);
    assert.ok(
      named("euw1-lbc-chart").dependencies.includes(assoc.urn),
      "credentials exist before the controller starts",
    );
    assert.ok(assoc.dependencies.includes(named("stand-in-cluster").urn), "the association waits for the cluster");
  });

  it("exposes the Release so a TargetGroupBinding can depend on it", () =>
    assert.ok(named("tgb").dependencies.includes(named("euw1-lbc-chart").urn)));
  it("passes every mandatory policy of the pack (prod levels)", () => {
    const mine = evaluatePolicies(r.resources, { environment: "prod" }).filter(
      (v) => v.enforcementLevel === "mandatory" && v.urn.includes("platform:cluster:LoadBalancerController"),
    );
    assert.deepEqual(mine, []);
  });
});
