import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { buildNetwork } from "../../tools/flows/network";
import { parseJson, regionResolver, buildRefs } from "../../tools/flows/ids";
import { planResource } from "./fixture";

/**
 * How the network model reads a plan's resources, on hand-built ones with the mock engine's ids
 * (`<name>-id`; an EKS cluster's group `sg-<name>-cluster`). Expected shapes from the AWS provider's
 * input schemas (aws.ec2.SecurityGroup inline rules, SecurityGroupRule, vpc.SecurityGroupIngressRule/
 * EgressRule with ipProtocol "-1" for all ports, Route targets, VpcPeeringConnection autoAccept within
 * one region, the accepter for another) and from the EKS docs (the cluster security group admits
 * itself and all egress; the VPC CNI enforces NetworkPolicies when enableNetworkPolicy is "true").
 */
let all: PlanResource[] = [];
function res(...args: Parameters<typeof planResource>): PlanResource {
  const r = planResource(...args);
  all.push(r);
  return r;
}
const build = () => buildNetwork(all);

describe("flows units: peerings, the cluster group, enforcement and ids read from a plan", () => {
  beforeEach(() => (all = []));

  it("peerings: accepted in one region by autoAccept, across regions only by an accepter with autoAccept", () => {
    const pcx = (name: string, inputs: Record<string, unknown>) =>
      res("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", name, { vpcId: "a-id", peerVpcId: "b-id", ...inputs });
    pcx("same", { autoAccept: true });
    pcx("same-region-named", { autoAccept: true, peerRegion: "us-east-1" });
    pcx("cross-auto", { autoAccept: true, peerRegion: "us-west-2" });
    pcx("cross", { peerRegion: "us-west-2" });
    pcx("cross-lazy", { peerRegion: "us-west-2" });
    pcx("manual", {});
    res(
      "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
      "acc",
      { vpcPeeringConnectionId: "cross-id", autoAccept: true },
      "us-west-2",
    );
    res(
      "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
      "acc2",
      { vpcPeeringConnectionId: "cross-lazy-id" },
      "us-west-2",
    );
    const links = build().links;
    assert.deepEqual(
      [...links.values()].map((l) => [l.id, l.accepted, l.vpcs, l.via.length]),
      [
        ["same-id", true, ["a-id", "b-id"], 1],
        ["same-region-named-id", true, ["a-id", "b-id"], 1],
        ["cross-auto-id", false, ["a-id", "b-id"], 1],
        ["cross-id", true, ["a-id", "b-id"], 2],
        ["cross-lazy-id", false, ["a-id", "b-id"], 1],
        ["manual-id", false, ["a-id", "b-id"], 1],
      ],
    );
    assert.equal(
      links.get("cross-id")!.via[1],
      "urn:x::aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter::acc",
    );
    assert.equal(links.get("same-id")!.kind, "pcx");
  });

  it("the EKS cluster group and TargetGroupBinding rules; enforcement from the VPC CNI add-on per region", () => {
    const region = res("platform:region:Region", "us-west-2", {}, null, { custom: false });
    res("eks:index:Cluster", "k", { name: "k", vpcId: "vpc-id" }, "us-west-2", { custom: false });
    res(
      "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
      "tgb",
      {
        spec: {
          networking: {
            ingress: [
              {
                from: [{ securityGroup: { groupID: "sg-alb" } }, { ipBlock: { cidr: "10.0.0.0/16" } }],
                ports: [{ port: 8080, protocol: "TCP" }, {}],
              },
            ],
          },
        },
      },
      null,
      { parent: region.urn },
    );
    res(
      "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
      "tgb-east",
      { spec: { networking: { ingress: [{ ports: [{ port: 1 }] }] } } },
      "us-east-1",
    );
    const addon = (name: string, region: string | null, values: unknown, addonName = "vpc-cni") =>
      res("aws:eks/addon:Addon", name, { addonName, configurationValues: values }, region);
    addon("on", "us-west-2", JSON.stringify({ enableNetworkPolicy: "true" }));
    addon("bool", "us-east-1", JSON.stringify({ enableNetworkPolicy: true }));
    addon("obj", "eu-west-1", { enableNetworkPolicy: "true" });
    addon("other", "ap-south-1", JSON.stringify({ enableNetworkPolicy: "true" }), "coredns");
    addon("noregion", null, JSON.stringify({ enableNetworkPolicy: "true" }));
    const n = build();
    const g = n.securityGroups.get("sg-k-cluster")!;
    assert.equal(g.urn, "urn:x::eks:index:Cluster::k#clusterSecurityGroup");
    assert.equal(g.vpc, "vpc-id");
    const base = {
      prefixLists: [],
      via: "urn:x::eks:index:Cluster::k#clusterSecurityGroup",
      fromPort: 0,
      toPort: 65535,
      protocol: "-1",
    };
    assert.deepEqual(g.egress, [{ ...base, cidrs: ["0.0.0.0/0"], groups: [], self: false }]);
    assert.deepEqual(g.ingress, [
      { ...base, cidrs: [], groups: [], self: true },
      {
        fromPort: 8080,
        toPort: 8080,
        protocol: "tcp",
        cidrs: ["10.0.0.0/16"],
        prefixLists: [],
        groups: ["sg-alb"],
        self: false,
        via: "urn:x::kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding::tgb#networking.ingress[0]",
      },
      {
        fromPort: 0,
        toPort: 65535,
        protocol: "tcp",
        cidrs: ["10.0.0.0/16"],
        prefixLists: [],
        groups: ["sg-alb"],
        self: false,
        via: "urn:x::kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding::tgb#networking.ingress[0]",
      },
    ]);
    assert.deepEqual(
      [...n.enforcement],
      [
        ["us-west-2", "urn:x::aws:eks/addon:Addon::on"],
        ["eu-west-1", "urn:x::aws:eks/addon:Addon::obj"],
      ],
    );
  });

  it("ids: regions from the provider or the Region component above; JSON inputs read safely", () => {
    const region = res("platform:region:Region", "eu-west-1", {}, null, { custom: false });
    const mid = res("platform:x:Y", "mid", {}, null, { parent: region.urn, custom: false });
    const leaf = res("kubernetes:core/v1:Service", "svc", {}, null, { parent: mid.urn });
    const orphan = res("kubernetes:core/v1:Service", "o", {}, null, { parent: "urn:missing" });
    const of = regionResolver(all);
    assert.equal(of(leaf), "eu-west-1");
    assert.equal(of(orphan), null);
    assert.equal(of(res("aws:s3/bucket:Bucket", "b", {}, "us-west-2", { parent: region.urn })), "us-west-2");
    assert.deepEqual(parseJson('{"a":1}'), { a: 1 });
    assert.deepEqual(parseJson("{bad"), {});
    assert.deepEqual(parseJson({ b: 2 }), { b: 2 });
    assert.deepEqual(parseJson(null), {});
    assert.deepEqual(parseJson(3), {});
    const refs = buildRefs(all);
    assert.equal(refs.resolve("svc-id")?.name, "svc");
    assert.equal(refs.resolve("svc-id", "aws:s3/bucket:Bucket"), undefined);
    assert.equal(refs.resolve(7), undefined);
    assert.equal(refs.resolve("mid-id"), undefined);
    assert.equal(refs.idOf.get(leaf.urn), "svc-id");
    assert.deepEqual(refs.state(res("x:y:Z", "late", {})), {});
  });
});
