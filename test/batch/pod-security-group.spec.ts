import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { evaluateFlows } from "../../tools/flows";
import { openNamespaces } from "../../tools/flows/isolation";
import { planFor } from "../helpers/plan";

/**
 * The batch namespace runs only on Fargate, where NetworkPolicies are not enforced (EKS User Guide,
 * cni-network-policy.html); its pods are isolated by their own security group, bound to them by a
 * SecurityGroupPolicy (sg-pods-example-deployment.html, read 2026-12-07): DNS 53 to CoreDNS, 443 out
 * (control plane, registry and CloudWatch Logs through NAT), 10250 in from the control plane.
 */
const clone = (rs: readonly PlanResource[]): PlanResource[] => JSON.parse(JSON.stringify(rs));
const SG = "aws:ec2/securityGroup:SecurityGroup";
const SGP = "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy";
const batchAdvisories = (rs: PlanResource[]) =>
  openNamespaces(rs)
    .filter((v) => v.message.startsWith("namespace batch "))
    .map((v) => v.message);

describe("batch: Fargate pods isolated by their own security group", function () {
  this.timeout(180_000);
  let resources: PlanResource[];
  before(async () => {
    resources = clone((await planFor("dev")).plan.resources as never);
  });

  it("plans the group with DNS, 443 and the kubelet port only, and binds it to the Fargate-selected pods", () => {
    const sg = resources.find((r) => r.type === SG && r.name === "us-east-1-batch-pod-sg")!;
    const ports = (field: string) =>
      (sg.inputs[field] as { protocol: string; fromPort: number; toPort: number; cidrBlocks?: string[] }[]).map(
        (r) => `${r.protocol}/${r.fromPort}-${r.toPort}${r.cidrBlocks ? ` ${r.cidrBlocks.join()}` : ""}`,
      );
    assert.deepEqual(ports("egress"), ["udp/53-53", "tcp/53-53", "tcp/443-443 0.0.0.0/0"]);
    assert.deepEqual(ports("ingress"), ["tcp/10250-10250"]);
    const sgp = resources.find((r) => r.type === SGP)!;
    assert.deepEqual(sgp.inputs.spec, {
      podSelector: { matchLabels: { "compute-type": "fargate" } },
      securityGroups: { groupIds: ["us-east-1-batch-pod-sg-id"] },
    });
    assert.deepEqual(batchAdvisories(resources), []);
  });

  it("the batch pods' DNS, API, HTTPS and kubelet flows hold through that group", () => {
    const flows = evaluateFlows(resources).filter((f) => / pods \(Fargate\)/.test(`${f.from} ${f.to}`));
    assert.deepEqual(
      flows.map((f) => [f.requirement, f.port, f.ok]),
      [
        ["fargate-dns", 53, true],
        ["fargate-dns-tcp", 53, true],
        ["fargate-cluster-api", 443, true],
        ["fargate-aws-apis", 443, true],
        ["apiserver-fargate-kubelet", 10250, true],
      ],
    );
    assert.ok(flows.every((f) => f.via!.some((v) => v.includes("us-east-1-batch-pod-sg#"))));
  });

  it("without the SecurityGroupPolicy the pods get the cluster security group: a finding", () => {
    const rs = clone(resources).filter((r) => r.type !== SGP);
    assert.deepEqual(batchAdvisories(rs), [
      "namespace batch (us-east-1) runs only on Fargate, where NetworkPolicies are not enforced, and its pods' security group does not isolate them: no SecurityGroupPolicy selects its pods, so they get the cluster security group, which admits all traffic from every node and pod holding it",
    ]);
  });

  it("a group missing from the plan is a finding", () => {
    const rs = clone(resources).filter((r) => !(r.type === SG && r.name === "us-east-1-batch-pod-sg"));
    assert.match(
      batchAdvisories(rs)[0],
      /security group us-east-1-batch-pod-sg-id \(SecurityGroupPolicy .*\) is not in the plan$/,
    );
    assert.ok(
      evaluateFlows(rs)
        .filter((f) => f.requirement === "fargate-dns")
        .every((f) => !f.ok),
    );
  });

  for (const [what, field, rule] of [
    ["all traffic out", "egress", { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    ["every port out", "egress", { protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["10.0.0.0/8"] }],
    ["443 in from anywhere", "ingress", { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
  ] as const)
    it(`a group that admits ${what} is a finding`, () => {
      const rs = clone(resources);
      const sg = rs.find((r) => r.type === SG && r.name === "us-east-1-batch-pod-sg")!;
      (sg.inputs[field] as unknown[]).push(rule);
      assert.match(batchAdvisories(rs)[0], new RegExp(`us-east-1-batch-pod-sg is open: .*#${field}\\[\\d\\] admits`));
    });

  it("a SecurityGroupPolicy naming the cluster security group is a finding", () => {
    const rs = clone(resources);
    const sgp = rs.find((r) => r.type === SGP)!;
    (sgp.inputs.spec as { securityGroups: { groupIds: string[] } }).securityGroups.groupIds = [
      "sg-platform-dev-use1-cluster",
    ];
    assert.match(batchAdvisories(rs)[0], /gives its pods the cluster security group/);
  });

  it("aws-observability holds no pod and starts default-deny both ways", () => {
    const np = resources.find((r) => r.name === "us-east-1-batch-logging-default-deny")!;
    assert.deepEqual(np.inputs.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    assert.deepEqual(
      openNamespaces(clone(resources).filter((r) => r !== np && r.name !== np.name))
        .map((v) => v.message)
        .filter((m) => m.startsWith("namespace aws-observability")),
      [
        "namespace aws-observability (us-east-1) does not start default-deny for ingress and egress: its pods are open until a policy selects them",
      ],
    );
  });
});
