import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import type { PlanView, RegionView } from "../../tools/flows/endpoints";
import { FARGATE_ROLES, fargateGroupsOpen, fargateNamespaces } from "../../tools/flows/roles-fargate";
import type { Network, SecurityGroup, SgRule } from "../../tools/flows/types";

// Fargate pods and their boundary, on hand-built inputs. What decides (EKS User Guide, read 2026-12-07):
// a Fargate profile selects pods by namespace and, when given, every label of its selector
// (fargate-profile.html); NetworkPolicies are not enforced for Fargate pods (cni-network-policy.html,
// Considerations); a pod's security groups are those of the SecurityGroupPolicy selecting it, else the
// cluster security group (sg-pods-example-deployment.html).
const PROFILE = "aws:eks/fargateProfile:FargateProfile";
const SGP = "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy";
const res = (type: string, name: string, inputs: Record<string, unknown>): PlanResource =>
  ({ type, name, urn: `urn:${name}`, region: "eu-west-1", inputs, props: inputs }) as unknown as PlanResource;
const cronJob = (name: string, namespace: string, labels: Record<string, string>) =>
  res("kubernetes:batch/v1:CronJob", name, {
    metadata: { name, namespace },
    spec: { jobTemplate: { spec: { template: { metadata: { labels } } } } },
  });
const deployment = (name: string, namespace: string, labels: Record<string, string>) =>
  res("kubernetes:apps/v1:Deployment", name, {
    metadata: { name, namespace },
    spec: { template: { metadata: { labels } } },
  });
const profile = (selectors: unknown[], subnetIds = ["subnet-a", "subnet-b"]) =>
  res(PROFILE, "batch-profile", { selectors, subnetIds });
const sgp = (namespace: string, podSelector: unknown, groupIds: unknown) =>
  res(SGP, "batch-pods-sgp", { metadata: { namespace }, spec: { podSelector, securityGroups: { groupIds } } });

function world(resources: PlanResource[], clusterSg: string | undefined = "sg-cluster") {
  const rv = {
    region: "eu-west-1",
    vpc: "vpc-1",
    clusterSg,
    k8s: resources.filter((r) => r.type.startsWith("kubernetes:")),
  };
  const view = { of: (type: string) => resources.filter((r) => r.type === type) } as unknown as PlanView;
  return { view, rv: rv as unknown as RegionView };
}

describe("flows: Fargate pods and their security groups", () => {
  it("takes a workload whose labels match every selector label, in the profile's namespace only", () => {
    const { view, rv } = world([
      profile([{ namespace: "batch", labels: { tier: "batch" } }]),
      cronJob("nightly", "batch", { tier: "batch", app: "nightly" }),
      cronJob("partial", "batch", { app: "partial" }),
      cronJob("elsewhere", "apps", { tier: "batch" }),
      sgp("batch", { matchLabels: { app: "nightly" } }, ["sg-batch"]),
    ]);
    const [ns, ...rest] = fargateNamespaces(view, rv);
    assert.equal(rest.length, 0);
    assert.equal(ns.namespace, "batch");
    assert.equal(ns.fargateOnly, false, "partial does not match the selector, so it runs on nodes");
    assert.deepEqual(
      ns.workloads.map((w) => [w.name, w.urn, w.subnets, w.groups, w.policy?.name]),
      [["nightly", "urn:nightly", ["subnet-a", "subnet-b"], ["sg-batch"], "batch-pods-sgp"]],
    );
  });

  it("without a SecurityGroupPolicy a pod has the cluster group; a selector without labels takes the whole namespace", () => {
    const { view, rv } = world([profile([{ namespace: "jobs" }]), deployment("worker", "jobs", { app: "worker" })]);
    const [ns] = fargateNamespaces(view, rv);
    assert.equal(ns.fargateOnly, true);
    assert.deepEqual(ns.workloads[0].groups, ["sg-cluster"]);
    assert.equal(ns.workloads[0].policy, undefined);
    const none = world([profile([{ namespace: "jobs" }]), deployment("worker", "jobs", { app: "worker" })], "");
    assert.deepEqual(fargateNamespaces(none.view, none.rv)[0].workloads[0].groups, []);
  });

  it("a policy in another namespace, without a podSelector, or selecting other labels does not apply", () => {
    for (const policy of [
      sgp("apps", { matchLabels: { app: "worker" } }, ["sg-x"]),
      res(SGP, "no-selector", { metadata: { namespace: "jobs" }, spec: { securityGroups: { groupIds: ["sg-x"] } } }),
      sgp("jobs", { matchLabels: { app: "other" } }, ["sg-x"]),
    ]) {
      const { view, rv } = world([
        profile([{ namespace: "jobs" }]),
        deployment("worker", "jobs", { app: "worker" }),
        policy,
      ]);
      assert.deepEqual(fargateNamespaces(view, rv)[0].workloads[0].groups, ["sg-cluster"], policy.name);
    }
  });

  it("the fargate-pods role is each Fargate workload's pod with its subnets and groups", () => {
    const { view, rv } = world([
      profile([{ namespace: "batch" }], ["subnet-p"]),
      cronJob("nightly", "batch", { app: "nightly" }),
      sgp("batch", { matchLabels: { app: "nightly" } }, ["sg-batch", 7]),
    ]);
    assert.deepEqual(FARGATE_ROLES["fargate-pods"](view, rv), [
      {
        endpoint: {
          label: "eu-west-1 nightly pods (Fargate)",
          urn: "urn:nightly",
          vpc: "vpc-1",
          subnets: ["subnet-p"],
          securityGroups: ["sg-batch"],
          pod: { cluster: "eu-west-1", namespace: "batch", labels: { app: "nightly" } },
        },
      },
    ]);
  });

  describe("whether the pods' groups isolate them", () => {
    const rule = (r: Partial<SgRule>): SgRule => ({
      fromPort: 443,
      toPort: 443,
      protocol: "tcp",
      cidrs: [],
      prefixLists: [],
      groups: [],
      self: false,
      via: "urn:rule",
      ...r,
    });
    const group = (id: string, ingress: SgRule[], egress: SgRule[], urn = `urn:${id}`): SecurityGroup => ({
      id,
      urn,
      vpc: "vpc-1",
      ingress,
      egress,
    });
    const net = (...gs: SecurityGroup[]) =>
      ({ securityGroups: new Map(gs.map((g) => [g.id, g])) }) as unknown as Network;
    const policy = res(SGP, "batch-pods-sgp", {});
    const w = (groups: string[], withPolicy = true) => ({
      namespace: "batch",
      name: "nightly",
      urn: "urn:nightly",
      labels: {},
      subnets: [],
      groups,
      ...(withPolicy ? { policy } : {}),
    });
    const tight = group(
      "sg-batch",
      [rule({ fromPort: 10250, toPort: 10250, groups: ["sg-cluster"] })],
      [rule({ cidrs: ["0.0.0.0/0"] }), rule({ fromPort: 53, toPort: 53, protocol: "udp", cidrs: ["10.0.0.0/16"] })],
    );

    it("a dedicated group with narrow rules isolates (HTTPS to any address is egress, not ingress)", () =>
      assert.equal(fargateGroupsOpen(net(tight), w(["sg-batch"])), undefined));

    it("no policy, a policy naming no group, a group the plan lacks and the cluster group are each reported", () => {
      assert.match(
        String(fargateGroupsOpen(net(tight), w(["sg-cluster"], false))),
        /^no SecurityGroupPolicy selects its pods/,
      );
      assert.equal(fargateGroupsOpen(net(tight), w([])), "SecurityGroupPolicy batch-pods-sgp names no security group");
      assert.equal(
        fargateGroupsOpen(net(tight), w(["sg-missing"])),
        "security group sg-missing (SecurityGroupPolicy batch-pods-sgp) is not in the plan",
      );
      const cluster = group("sg-cluster", [], [], "urn:eks#clusterSecurityGroup");
      assert.match(
        String(fargateGroupsOpen(net(cluster), w(["sg-cluster"]))),
        /gives its pods the cluster security group/,
      );
    });

    it("an open group is reported with the rule that opens it", () => {
      const cases: [SgRule[], SgRule[], string][] = [
        [[rule({ protocol: "-1", fromPort: 0, toPort: 0, via: "urn:in-all" })], [], "urn:in-all admits every port"],
        [[rule({ protocol: "all", via: "urn:in-all2" })], [], "urn:in-all2 admits every port"],
        [[rule({ fromPort: 0, toPort: 65535, via: "urn:in-range" })], [], "urn:in-range admits every port"],
        [[rule({ cidrs: ["0.0.0.0/0"], via: "urn:in-world" })], [], "urn:in-world admits any address"],
        [[], [rule({ protocol: "-1", fromPort: 0, toPort: 0, via: "urn:out-all" })], "urn:out-all admits every port"],
      ];
      for (const [ingress, egress, why] of cases)
        assert.equal(
          fargateGroupsOpen(net(group("sg-open", ingress, egress)), w(["sg-open"])),
          `security group urn:sg-open is open: ${why}`,
        );
      // A narrow range is not every port.
      assert.equal(
        fargateGroupsOpen(net(group("sg-n", [rule({ fromPort: 1, toPort: 65535 })], [])), w(["sg-n"])),
        undefined,
      );
      assert.equal(
        fargateGroupsOpen(net(group("sg-n", [rule({ fromPort: 0, toPort: 65534 })], [])), w(["sg-n"])),
        undefined,
      );
    });

    it("the second group is checked too; an id known only after create cannot be decided in a preview", () => {
      const open = group("sg-open", [rule({ cidrs: ["0.0.0.0/0"], via: "urn:w" })], []);
      assert.match(String(fargateGroupsOpen(net(tight, open), w(["sg-batch", "sg-open"]))), /urn:sg-open is open/);
      assert.equal(fargateGroupsOpen(net(tight), w(["[unknown]"])), undefined);
    });
  });
});
