import { strict as assert } from "assert";
import { covers, parseCidr, prefixLength } from "../../tools/flows/cidr";
import { reach } from "../../tools/flows/reach";
import { alb, app, bApp, cloudfront, db, ep, internet, net } from "./networks";

/**
 * The reachability layers on hand-written networks. Expected verdicts come from AWS's documented
 * behaviour, written out: the most specific route wins (VPC user guide, "Route priority"); a VPC's
 * local route covers its CIDR; security groups are stateful allow lists, a rule admits a protocol
 * ("-1" all, or tcp/udp by name or IANA number 6/17) and a port range, by CIDR, prefix list or a
 * referenced group in the same VPC (VPC user guide, "Security group rules"); a peering carries
 * traffic only once accepted; an EKS API endpoint admits the public internet only from
 * publicAccessCidrs and the VPC only with private access (EKS user guide, "Cluster API server endpoint").
 */
describe("flows units: CIDR arithmetic", () => {
  it("parses IPv4 CIDRs to aligned ranges and refuses anything else", () => {
    assert.deepEqual(parseCidr("10.0.1.0/24"), { start: 167772416, end: 167772671 });
    assert.deepEqual(parseCidr("10.0.1.77/24"), { start: 167772416, end: 167772671 });
    assert.deepEqual(parseCidr("0.0.0.0/0"), { start: 0, end: 4294967295 });
    assert.deepEqual(parseCidr("255.255.255.255/32"), { start: 4294967295, end: 4294967295 });
    for (const bad of ["10.0.1.0", "10.0.256.0/24", "10.0.1.0/33", "10.0.1/24", "x10.0.1.0/24", "10.0.1.0/24x", "::/0"])
      assert.equal(parseCidr(bad), undefined, bad);
  });

  it("covers: every address of the inner range is in the outer one", () => {
    assert.equal(covers("10.0.0.0/16", "10.0.2.0/24"), true);
    assert.equal(covers("10.0.0.0/16", "10.0.0.0/16"), true);
    assert.equal(covers("10.0.2.0/24", "10.0.0.0/16"), false);
    assert.equal(covers("10.0.0.0/16", "10.1.0.0/24"), false);
    assert.equal(covers("10.0.0.0/16", "9.255.255.0/24"), false);
    assert.equal(covers("10.0.0.0/24", "10.0.0.128/25"), true);
    assert.equal(covers("10.0.0.128/25", "10.0.0.0/24"), false);
    assert.equal(covers("bad", "10.0.0.0/24"), false);
    assert.equal(covers("10.0.0.0/8", "bad"), false);
    assert.equal(prefixLength("10.0.0.0/8"), 8);
    assert.equal(prefixLength("10.0.0.0"), -1);
  });
});

describe("flows units: routes and security groups", () => {
  it("same VPC: the local route, the source's egress and the destination's ingress by group", () => {
    assert.deepEqual(reach(net(), { from: app, to: db, port: 5432 }), {
      ok: true,
      via: ["a-local", "urn:x::vpc-a#local-route", "sg-app#egress[0]", "sg-db#ingress[0]"],
    });
  });

  it("a subnet with no route table has only its VPC's local route: no way back to a peer", () => {
    assert.deepEqual(reach(net(), { from: bApp, to: db, port: 5432 }), {
      ok: false,
      layer: "routes",
      reason: "no route back from b app (10.1.1.0/24) in the route table of urn:x::a-db",
    });
  });

  it("across an accepted peering both ways; the most specific route wins over the transit gateway's /8", () => {
    const n = net();
    n.subnets.get("a-db")!.routeTable = "rt-a-app";
    assert.deepEqual(reach(n, { from: bApp, to: db, port: 5432 }), {
      ok: true,
      via: ["pcx-1-urn", "pcx-1-accepter", "b-to-a", "a-to-b", "sg-b#egress[0]", "sg-db#ingress[1]"],
    });
    n.links.get("pcx-1")!.accepted = false;
    assert.deepEqual(reach(n, { from: bApp, to: db, port: 5432 }), {
      ok: false,
      layer: "routes",
      reason: "peering pcx-1-urn is never accepted (no accepter with autoAccept)",
    });
    n.links.get("pcx-1")!.accepted = true;
    n.links.get("pcx-1")!.vpcs = ["vpc-a", "vpc-c"];
    const v = reach(n, { from: bApp, to: db, port: 5432 });
    assert.equal(v.ok === false && v.reason, "peering pcx-1-urn does not join the VPCs of b app and db");
    n.links.delete("pcx-1");
    const w = reach(n, { from: bApp, to: db, port: 5432 });
    assert.equal(
      w.ok === false && w.reason,
      "no route to db (10.0.2.0/24) over a VPC peering in the route table of urn:x::b-app",
    );
    n.routeTables.get("rt-b-app")!.routes.pop();
    const x = reach(n, { from: bApp, to: db, port: 5432 });
    assert.equal(x.ok === false && x.reason, "no route to db (10.0.2.0/24) in the route table of urn:x::b-app");
  });

  it("a route inside one VPC that leaves it, and a destination subnet the plan lacks", () => {
    const n = net();
    n.routeTables.get("rt-a-app")!.routes.push({ destination: "10.0.2.0/24", kind: "tgw", target: "tgw-1", via: "x" });
    const v = reach(n, { from: app, to: db, port: 5432 });
    assert.equal(v.ok === false && v.reason, "route to 10.0.2.0/24 in urn:x::a-app leaves the VPC (tgw)");
    const ghost = ep("ghost", "vpc-a", ["a-gone"], ["sg-db"]);
    const w = reach(net(), { from: app, to: ghost, port: 5432 });
    assert.equal(w.ok === false && w.reason, "subnet a-gone of ghost is not in the plan");
  });

  it("from outside: only to internet-facing endpoints whose subnets route to an internet gateway", () => {
    assert.deepEqual(reach(net(), { from: cloudfront, to: alb, port: 443 }), {
      ok: true,
      via: ["pub-igw", "sg-alb#ingress[0]"],
    });
    const internal = reach(net(), { from: cloudfront, to: { ...alb, internetFacing: false }, port: 443 });
    assert.equal(internal.ok === false && internal.reason, "alb is internal; cloudfront is outside the VPC");
    const privateAlb = reach(net(), { from: cloudfront, to: { ...alb, subnets: ["a-app"] }, port: 443 });
    assert.equal(
      privateAlb.ok === false && privateAlb.reason,
      "alb: subnet urn:x::a-app has no route to an internet gateway",
    );
    const outside = reach(net(), { from: cloudfront, to: { label: "elsewhere" }, port: 443 });
    assert.equal(outside.ok === false && outside.reason, "elsewhere is outside every VPC: no route model for it");
    const wrongList = reach(net(), { from: { label: "other", prefixLists: ["pl-other"] }, to: alb, port: 443 });
    assert.equal(wrongList.ok === false && wrongList.layer, "security-groups");
  });

  it("to the internet from a VPC: out through NAT or an internet gateway, then the source's egress only", () => {
    assert.deepEqual(reach(net(), { from: app, to: internet, port: 443 }), {
      ok: true,
      via: ["a-nat", "sg-app#egress[1]"],
    });
    const v = reach(net(), { from: db, to: internet, port: 443 });
    assert.equal(v.ok === false && v.reason, "db: subnet urn:x::a-db has no route to the internet");
    const n = net();
    n.routeTables.get("rt-a-app")!.routes[3].kind = "tgw";
    const w = reach(n, { from: app, to: internet, port: 443 });
    assert.equal(w.ok === false && w.reason, "app: subnet urn:x::a-app has no route to the internet");
    const blocked = reach(net(), { from: app, to: internet, port: 80 });
    assert.equal(
      blocked.ok === false && blocked.reason,
      "no security group rule allows egress to apis on 80/tcp (groups of app: sg-app)",
    );
  });
});
