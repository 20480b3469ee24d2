import { strict as assert } from "assert";
import { k8sAllows } from "../../tools/access/eks-access-policies";
import { loadUpstream, upstreamCalls, type UpstreamPolicies } from "../../tools/access/upstream-calls";
import { stackOf } from "../../tools/access/ci-identity";
import type { World } from "../../tools/access/world";

// EKS access policies as the EKS User Guide's access-policy-permissions page lists them
// (awsdocs/amazon-eks-user-guide latest/ug/manage-access/k8s-access/access-policy-reference.adoc,
// read 2026-12-07). The `extensions` rows are left out: that API group no longer serves these kinds.
const POLICY = "arn:aws:eks::aws:cluster-access-policy/";
const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];
const VIEW_ROWS: [group: string, resources: string[]][] = [
  [
    "apps",
    [
      "controllerrevisions",
      "daemonsets",
      "daemonsets/status",
      "deployments",
      "deployments/scale",
      "deployments/status",
      "replicasets",
      "replicasets/scale",
      "replicasets/status",
      "statefulsets",
      "statefulsets/scale",
      "statefulsets/status",
    ],
  ],
  ["autoscaling", ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]],
  ["batch", ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]],
  ["discovery.k8s.io", ["endpointslices"]],
  ["networking.k8s.io", ["ingresses", "ingresses/status", "networkpolicies"]],
  ["policy", ["poddisruptionbudgets", "poddisruptionbudgets/status"]],
  [
    "",
    [
      "configmaps",
      "endpoints",
      "persistentvolumeclaims",
      "persistentvolumeclaims/status",
      "pods",
      "replicationcontrollers",
      "replicationcontrollers/scale",
      "serviceaccounts",
      "services",
      "services/status",
    ],
  ],
  [
    "",
    [
      "bindings",
      "events",
      "limitranges",
      "namespaces/status",
      "pods/log",
      "pods/status",
      "replicationcontrollers/status",
      "resourcequotas",
      "resourcequotas/status",
    ],
  ],
  ["", ["namespaces"]],
];
// AmazonEKSEditPolicy's write rows the model asks about (the same rows in AmazonEKSAdminPolicy).
const EDIT_WRITES: [group: string, resources: string[]][] = [
  ["apps", ["daemonsets", "deployments", "replicasets", "statefulsets"]],
  ["", ["configmaps", "events", "persistentvolumeclaims", "secrets", "serviceaccounts", "services"]],
  ["", ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]],
];
const EDIT_READS = ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"];

describe("EKS access policies and upstream controller policies", () => {
  it("AmazonEKSViewPolicy reads what the page lists, by row, and writes nothing, Secrets not even read", () => {
    const view = `${POLICY}AmazonEKSViewPolicy`;
    VIEW_ROWS.forEach(([group, resources], row) => {
      for (const resource of resources) {
        for (const verb of READ)
          assert.deepEqual(
            k8sAllows(view, verb, group, resource),
            { allowed: true, rule: row },
            `${verb} ${group}/${resource}`,
          );
        for (const verb of WRITE)
          assert.deepEqual(k8sAllows(view, verb, group, resource), { allowed: false }, `${verb} ${group}/${resource}`);
      }
    });
    assert.equal(k8sAllows(view, "get", "", "secrets").allowed, false);
    assert.equal(k8sAllows(view, "get", "apps", "pods").allowed, false);
    assert.equal(k8sAllows(view, "get", "", "deployments").allowed, false);
  });

  it("AmazonEKSEditPolicy and AmazonEKSAdminPolicy write workloads, pods and Secrets", () => {
    for (const name of ["AmazonEKSEditPolicy", "AmazonEKSAdminPolicy"]) {
      const p = `${POLICY}${name}`;
      for (const [group, resources] of EDIT_WRITES)
        for (const resource of resources)
          for (const verb of WRITE)
            assert.equal(k8sAllows(p, verb, group, resource).allowed, true, `${name} ${verb} ${group}/${resource}`);
      for (const resource of EDIT_READS)
        for (const verb of READ)
          assert.equal(k8sAllows(p, verb, "", resource).allowed, true, `${name} ${verb} ${resource}`);
      assert.equal(k8sAllows(p, "get", "apps", "deployments").allowed, true);
      assert.equal(k8sAllows(p, "escalate", "rbac.authorization.k8s.io", "clusterroles").allowed, false);
    }
  });

  it("AmazonEKSAdminViewPolicy reads everything, Secrets included; AmazonEKSClusterAdminPolicy does anything", () => {
    const adminView = `${POLICY}AmazonEKSAdminViewPolicy`;
    assert.deepEqual(k8sAllows(adminView, "get", "", "secrets"), { allowed: true, rule: 0 });
    assert.deepEqual(k8sAllows(adminView, "watch", "x.example.com", "widgets"), { allowed: true, rule: 0 });
    assert.deepEqual(k8sAllows(adminView, "create", "", "pods"), { allowed: false });
    assert.deepEqual(k8sAllows(`${POLICY}AmazonEKSClusterAdminPolicy`, "escalate", "rbac.authorization.k8s.io", "x"), {
      allowed: true,
      rule: 0,
    });
    assert.throws(() => k8sAllows(`${POLICY}AmazonEKSSecretReaderPolicy`, "get", "", "secrets"), {
      message: `EKS access policy ${POLICY}AmazonEKSSecretReaderPolicy is not transcribed in tools/access/eks-access-policies.ts`,
    });
  });

  it("the pinned upstream policies name their repository, tag, path and reading date", () => {
    for (const [file, repo] of [
      ["karpenter-controller-policy.json", "https://github.com/aws/karpenter-provider-aws"],
      ["lb-controller-iam-policy.json", "https://github.com/kubernetes-sigs/aws-load-balancer-controller"],
    ]) {
      const u = loadUpstream(file);
      assert.equal(u.source.repository, repo, file);
      assert.match(u.source.tag, /^v\d+\.\d+\.\d+$/, file);
      assert.match(u.source.read, /^\d{4}-\d{2}-\d{2}$/, file);
      assert.ok(u.source.path.length > 0 && Object.keys(u.policies).length > 0, file);
    }
  });

  describe("upstreamCalls", () => {
    const up = (policies: UpstreamPolicies["policies"]): UpstreamPolicies => ({
      source: { repository: "https://github.com/o/r", tag: "v1.2.3", path: "p.json", read: "2026-12-07" },
      policies,
    });
    const at = { account: "123456789012", region: "eu-west-1" };
    it("one call per action and resource, variables set, wildcards made concrete, each with its source", () => {
      const calls = upstreamCalls(
        up({
          Main: {
            Statement: [
              {
                Sid: "Run",
                Effect: "Allow",
                Action: ["ec2:RunInstances", "ec2:CreateFleet"],
                Resource: ["arn:${P}:ec2:*:*:fleet/*", "arn:aws:ec2:*::image/a?c"],
              },
              { Effect: "Allow", Action: "pricing:GetProducts" },
              { Effect: "Deny", Action: "ec2:*", Resource: "*" },
              { Sid: "Off", Effect: "Allow", Action: "x:Off", Resource: "*" },
              { Effect: "Allow", Action: "x:Missing", Resource: "arn:aws:sqs:*:*:${Queue}" },
            ],
          },
          Skipped: { Statement: [{ Effect: "Allow", Action: "x:Skipped", Resource: "*" }] },
        }),
        { P: "aws", Queue: undefined },
        at,
        ["Off", "Skipped"],
      );
      assert.deepEqual(
        calls.map((c) => [c.action, c.resource, c.source]),
        [
          ["ec2:RunInstances", "arn:aws:ec2:eu-west-1:123456789012:fleet/x0", "o/r@v1.2.3:Main#Run"],
          ["ec2:RunInstances", "arn:aws:ec2:eu-west-1::image/axc", "o/r@v1.2.3:Main#Run"],
          ["ec2:CreateFleet", "arn:aws:ec2:eu-west-1:123456789012:fleet/x0", "o/r@v1.2.3:Main#Run"],
          ["ec2:CreateFleet", "arn:aws:ec2:eu-west-1::image/axc", "o/r@v1.2.3:Main#Run"],
          ["pricing:GetProducts", "*", "o/r@v1.2.3:Main#Statement[1]"],
        ],
      );
      assert.deepEqual(
        upstreamCalls(up({ A: { Statement: [{ Effect: "Allow", Action: "a:b" }] } }), {}, at)[0].resource,
        "*",
      );
    });
    it("conditions become the request context: first values filled in, Null decides presence, sets stay lists", () => {
      const ctx = (Condition: Record<string, Record<string, string | string[]>>) =>
        upstreamCalls(
          up({ A: { Statement: [{ Effect: "Allow", Action: "a:b", Resource: "*", Condition }] } }),
          { C: "demo" },
          at,
        )[0].context;
      assert.deepEqual(
        ctx({
          StringEquals: {
            "aws:RequestTag/kubernetes.io/cluster/${C}": "owned",
            "aws:RequestedRegion": ["eu-west-1", "x"],
          },
          StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
          ArnLikeIfExists: { "aws:SourceArn": "arn:aws:sqs:*:1:q" },
          "ForAnyValue:StringEquals": { "aws:TagKeys": ["a", "b*"] },
          "ForAllValues:StringLike": { "aws:TagKeys2": "c*" },
          Null: { "aws:RequestTag/present": "false", "aws:ResourceTag/absent": "true" },
        }),
        {
          "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
          "aws:RequestedRegion": "eu-west-1",
          "aws:RequestTag/karpenter.sh/nodepool": "x0",
          "aws:SourceArn": "arn:aws:sqs:x0:1:q",
          "aws:TagKeys": ["a", "bx0"],
          "aws:TagKeys2": ["cx0"],
          "aws:RequestTag/present": "x0",
        },
      );
      assert.deepEqual(ctx({ StringEquals: { k: "v" }, Null: { k: "false" } }), { k: "v" });
      assert.deepEqual(ctx({ StringEquals: { k: "v" }, Null: { k: "true" } }), {});
      assert.throws(() => ctx({ NumericLessThan: { k: "1" } }), {
        message: "upstream policy condition operator NumericLessThan has no request context rule",
      });
    });
  });

  it("the stack of a world is read from its first URN; without resources it is dev", () => {
    const w = (urns: string[]) => ({ resources: urns.map((urn) => ({ urn })) }) as unknown as World;
    assert.equal(stackOf(w(["urn:pulumi:prod::platform::aws:s3/bucket:Bucket::b", "urn:pulumi:qa::p::t::n"])), "prod");
    assert.equal(stackOf(w([])), "dev");
  });
});
