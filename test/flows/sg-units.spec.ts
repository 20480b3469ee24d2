import { strict as assert } from "assert";
import { reach } from "../../tools/flows/reach";
import type { SgRule } from "../../tools/flows/types";
import { app, bApp, db, ep, net, sg } from "./networks";

/**
 * Security groups in the reachability model, against the VPC user guide ("Security group rules",
 * read 2026-12-07): stateful allow lists; a rule names a protocol ("-1" for all, tcp/udp/icmp by name
 * or IANA number) and a port range, and a source or destination by CIDR, prefix list, or a security
 * group (same VPC; `self` for the group's own members). Verdicts written out, not computed.
 */
describe("flows units: security group rules", () => {
  it("security group rules: protocol forms, port bounds, self, same-VPC groups, prefix lists, every address", () => {
    const q = (egress: Partial<SgRule>[], ingress: Partial<SgRule>[], port = 5432, protocol?: "tcp" | "udp") => {
      const n = net();
      n.securityGroups.set("sg-app", sg("sg-app", "vpc-a", [], egress));
      n.securityGroups.set("sg-db", sg("sg-db", "vpc-a", ingress, []));
      return reach(n, { from: app, to: db, port, protocol }).ok;
    };
    const fromApp = { groups: ["sg-app"] };
    const toDb = { cidrs: ["10.0.2.0/24"] };
    assert.equal(
      q(
        [{ ...toDb, protocol: "-1", fromPort: 1, toPort: 1 }],
        [{ ...fromApp, protocol: "all", fromPort: 1, toPort: 1 }],
      ),
      true,
    );
    assert.equal(q([{ ...toDb, protocol: "6" }], [{ ...fromApp, protocol: "tcp" }]), true);
    assert.equal(q([{ ...toDb, protocol: "17" }], [{ ...fromApp, protocol: "udp" }], 53, "udp"), true);
    assert.equal(q([{ ...toDb, protocol: "17" }], [{ ...fromApp }], 5432), false);
    assert.equal(q([{ ...toDb, protocol: "udp" }], [{ ...fromApp }], 5432, "tcp"), false);
    assert.equal(q([{ ...toDb, protocol: "icmp" }], [{ ...fromApp }]), false);
    assert.equal(q([{ ...toDb, fromPort: 5432, toPort: 5432 }], [{ ...fromApp, fromPort: 5000, toPort: 5432 }]), true);
    assert.equal(q([{ ...toDb, fromPort: 5433, toPort: 6000 }], [fromApp]), false);
    assert.equal(q([{ ...toDb, fromPort: 5000, toPort: 5431 }], [fromApp]), false);
    assert.equal(q([{ cidrs: ["10.0.2.0/25"] }], [fromApp]), false);
    assert.equal(q([{ cidrs: ["10.0.0.0/8"] }], [{ cidrs: ["10.0.1.0/24"] }]), true);
    assert.equal(q([toDb], [{ cidrs: ["10.0.1.128/25"] }]), false);
    assert.equal(q([toDb], [{ groups: ["sg-other"] }]), false);
    assert.equal(q([toDb], [{ prefixLists: ["pl-x"] }]), false);
    // A self rule admits members of the same group.
    const n = net();
    n.securityGroups.set("sg-db", sg("sg-db", "vpc-a", [{ self: true }], [{ self: true }]));
    assert.deepEqual(reach(n, { from: ep("db2", "vpc-a", ["a-db"], ["sg-db"]), to: db, port: 5432 }), {
      ok: true,
      via: ["urn:x::vpc-a#local-route", "sg-db#egress[0]", "sg-db#ingress[0]"],
    });
    n.securityGroups.set("sg-db", sg("sg-db", "vpc-a", [{ self: false, groups: [] }], [{ self: true }]));
    assert.equal(reach(n, { from: ep("db2", "vpc-a", ["a-db"], ["sg-db"]), to: db, port: 5432 }).ok, false);
  });

  it("a group reference only counts inside one VPC; a group the plan lacks is named", () => {
    const n = net();
    n.subnets.get("a-db")!.routeTable = "rt-a-app";
    n.securityGroups.set("sg-db", sg("sg-db", "vpc-a", [{ groups: ["sg-b"] }], []));
    const v = reach(n, { from: bApp, to: db, port: 5432 });
    assert.equal(
      v.ok === false && v.reason,
      "no security group rule allows ingress from b app on 5432/tcp (groups of db: sg-db)",
    );
    const w = reach(net(), { from: ep("x", "vpc-a", ["a-app"], ["sg-gone", "sg-app"]), to: db, port: 5432 });
    assert.equal(w.ok === false && w.reason, "x: security group sg-gone is not in the plan");
    const none = reach(net(), { from: app, to: ep("bare", "vpc-a", ["a-db"], []), port: 5432 });
    assert.equal(
      none.ok === false && none.reason,
      "no security group rule allows ingress from app on 5432/tcp (groups of bare: (none))",
    );
  });
});
