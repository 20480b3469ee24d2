import { strict as assert } from "assert";
import { buildNetwork } from "../../tools/flows/network";
import { reach } from "../../tools/flows/reach";
import type { PlanResource } from "../../policies/lib/offline";
import { ENDPOINTS, QUERIES, syntheticPlan } from "./fixture";

const U = (type: string, name: string) => `urn:pulumi:t::p::${type}::${name}`;
const ROUTE = (n: string) => U("aws:ec2/route:Route", n);
const SG = (n: string) => U("aws:ec2/securityGroup:SecurityGroup", n);
const NETPOL = (n: string) => U("kubernetes:networking.k8s.io/v1:NetworkPolicy", `us-east-1-${n}`);
const run = (resources: PlanResource[]) => {
  const net = buildNetwork(resources);
  return QUERIES.map((q) => ({ name: q.name, ...reach(net, q) }));
};

describe("flows: reachability model (synthetic plan)", () => {
  it("every flow of the fixture holds, with exactly its evidence", () => {
    const results = run(syntheticPlan());
    assert.deepEqual(
      results.map((r) => (r.ok ? { name: r.name, via: r.via } : r)),
      [
        {
          name: "a pods -> a db",
          via: [
            `${U("aws:ec2/vpc:Vpc", "vpc-a")}#local-route`,
            `${SG("sg-app-a")}#egress[0]`,
            U("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-from-app-a"),
            `${NETPOL("allow-db")}#egress[0]`,
          ],
        },
        {
          name: "b app -> a db (peering)",
          via: [
            U("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "pcx-ab"),
            U("aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter", "pcx-ab-accept"),
            ROUTE("b-app-to-a"),
            ROUTE("a-db-to-b"),
            `${SG("sg-app-b")}#egress[0]`,
            U("aws:ec2/securityGroupRule:SecurityGroupRule", "db-from-peer-b"),
          ],
        },
        { name: "cloudfront -> a alb", via: [ROUTE("a-pub-default"), `${SG("sg-alb-a")}#ingress[0]`] },
        {
          name: "a alb -> a pods",
          via: [
            `${U("aws:ec2/vpc:Vpc", "vpc-a")}#local-route`,
            `${SG("sg-alb-a")}#egress[0]`,
            U("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-from-alb-a"),
            `${NETPOL("allow-alb")}#ingress[0]`,
          ],
        },
      ],
    );
  });

  it("says what is missing: the return route of a peered flow", () => {
    const plan = syntheticPlan().filter((r) => r.name !== "a-db-to-b");
    const net = buildNetwork(plan);
    const v = reach(net, QUERIES[1]);
    assert.deepEqual(v, {
      ok: false,
      reason: `no route back from b app (10.1.1.0/24) in the route table of ${U("aws:ec2/subnet:Subnet", "a-db")}`,
      layer: "routes",
    });
  });

  it("a peering without an accepter does not carry traffic", () => {
    const net = buildNetwork(syntheticPlan().filter((r) => r.name !== "pcx-ab-accept"));
    const v = reach(net, QUERIES[1]);
    assert.equal(v.ok, false);
    assert.match(!v.ok ? v.reason : "", /is never accepted/);
  });

  it("security groups: a rule on another port admits nothing", () => {
    const plan = syntheticPlan();
    const rule = plan.find((r) => r.name === "db-from-peer-b")!;
    rule.inputs = { ...rule.inputs, fromPort: 6379, toPort: 6379 };
    const v = reach(buildNetwork(plan), QUERIES[1]);
    assert.deepEqual(v, {
      ok: false,
      reason: "no security group rule allows ingress from b app on 5432/tcp (groups of a db: sg-db-a)",
      layer: "security-groups",
    });
  });

  it("NetworkPolicies count only where vpc-cni enforces them", () => {
    const plan = syntheticPlan().filter((r) => r.name !== "us-east-1-allow-db");
    const v = reach(buildNetwork(plan), QUERIES[0]);
    assert.equal(v.ok, false);
    assert.match(!v.ok ? v.reason : "", /no egress NetworkPolicy rule admits 5432\/tcp .*selected by default-deny/);
    const inert = reach(buildNetwork(plan.filter((r) => r.name !== "a-vpc-cni")), QUERIES[0]);
    assert.equal(inert.ok, true);
  });

  it("EKS API: private only refuses an outside source; public admits only listed CIDRs", () => {
    const net = buildNetwork(syntheticPlan());
    const api = (publicAccess: boolean, cidrs: string[]) => ({
      label: "api",
      vpc: ENDPOINTS.dbA.vpc,
      subnets: ENDPOINTS.appPodsA.subnets,
      eksApi: { cluster: "us-east-1", urn: "urn:eks", publicAccess, privateAccess: true, publicAccessCidrs: cidrs },
    });
    const outside = { label: "runner", cidrs: ["203.0.113.0/24"] };
    assert.deepEqual(reach(net, { from: outside, to: api(false, []), port: 443 }), {
      ok: false,
      reason: "api: the API endpoint is private only and runner is outside its VPC (no in-network deployer)",
    });
    assert.deepEqual(reach(net, { from: outside, to: api(true, ["203.0.113.0/24"]), port: 443 }), {
      ok: true,
      via: ["urn:eks#publicAccessCidrs"],
    });
    assert.equal(reach(net, { from: outside, to: api(true, ["198.51.100.0/24"]), port: 443 }).ok, false);
  });
});

describe("flows: removing one element breaks exactly the flows that used it", () => {
  const [APP_DB, PEERED, CDN, ALB] = QUERIES.map((q) => q.name);
  /**
   * Worked out by hand from the fixture: the flows each element carries. Removing default-deny
   * breaks nothing (the allow policies still select the pods, and they admit these flows).
   */
  const BREAKS: Record<string, string[]> = {
    "pcx-ab": [PEERED],
    "pcx-ab-accept": [PEERED],
    "a-pub-default": [CDN],
    "a-db-to-b": [PEERED],
    "b-app-to-a": [PEERED],
    "sg-app-a#egress[0]": [APP_DB],
    "sg-app-b#egress[0]": [PEERED],
    "sg-alb-a#ingress[0]": [CDN],
    "sg-alb-a#egress[0]": [ALB],
    "db-from-app-a": [APP_DB],
    "db-from-peer-b": [PEERED],
    "app-from-alb-a": [ALB],
    "us-east-1-default-deny": [],
    "us-east-1-allow-db": [APP_DB],
    "us-east-1-allow-alb": [ALB],
  };
  /** Every removable element: rule, route and link resources, NetworkPolicies, and each inline rule. */
  const elements: { id: string; remove: (rs: PlanResource[]) => PlanResource[] }[] = [];
  for (const r of syntheticPlan()) {
    if (/route:Route|ecurityGroupRule|IngressRule|EgressRule|vpcPeering|NetworkPolicy/.test(r.type))
      elements.push({ id: r.urn, remove: (rs) => rs.filter((x) => x.urn !== r.urn) });
    for (const field of ["ingress", "egress"] as const)
      ((r.inputs[field] as unknown[] | undefined) ?? []).forEach((_, i) =>
        elements.push({
          id: `${r.urn}#${field}[${i}]`,
          remove: (rs) =>
            rs.map((x) =>
              x.urn === r.urn
                ? { ...x, inputs: { ...x.inputs, [field]: (x.inputs[field] as unknown[]).filter((_y, j) => j !== i) } }
                : x,
            ),
        }),
      );
  }

  it("the fixture has every kind of element: 3 routes, 2 link sides, 7 rules, 3 NetworkPolicies", () =>
    assert.deepEqual(elements.map((e) => e.id.split("::").pop()).sort(), Object.keys(BREAKS).sort()));

  for (const e of elements) {
    const name = e.id.split("::").pop()!;
    it(`without ${name}: ${BREAKS[name]?.join(", ") || "nothing"} breaks`, () => {
      const after = run(e.remove(syntheticPlan()));
      assert.deepEqual(
        after.filter((r) => !r.ok).map((r) => r.name),
        BREAKS[name],
      );
    });
  }
});
