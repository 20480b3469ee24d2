import { strict as assert } from "assert";
import { toEntry, type Need } from "../../tools/access/model";
import { buildWorld } from "../../tools/access/world";
import { ACC, QUEUE, RESOURCES, ROLE, UNPINNED } from "./world-fixture";

// Needs decided as entries on the hand-written resources of world-fixture.ts: deciding statements,
// reasons, askers of each kind and the request context the model sends (IAM evaluation logic page).
describe("access model decisions as entries", () => {
  // Built inside each test, so that every decision is made where the test runs.
  const w = () => buildWorld(RESOURCES);
  const need = (over: Partial<Need>): Need => ({
    requirement: "r",
    kind: "required",
    asker: { role: ROLE },
    action: "sqs:SendMessage",
    resource: QUEUE,
    urn: "urn:x",
    ...over,
  });
  it("a role's grant holds under its boundary; the deciding statements are listed", () => {
    assert.deepEqual(toEntry(w(), need({})), {
      requirement: "r",
      kind: "required",
      principal: ROLE,
      action: "sqs:SendMessage",
      resource: QUEUE,
      allowed: true,
      ok: true,
      urn: "urn:x",
      via: [
        "urn:pulumi:test::platform::aws:iam/role:Role::app#Send",
        "urn:pulumi:test::platform::aws:iam/policy:Policy::boundary#Cap",
      ],
    });
    const bare = toEntry(
      w(),
      need({ asker: { role: `arn:aws:iam::${ACC}:role/bare` }, action: "sqs:ReceiveMessage", urn: undefined }),
    );
    assert.deepEqual(
      [bare.ok, bare.via, "urn" in bare],
      [true, ["urn:pulumi:test::platform::aws:sqs/queuePolicy:QueuePolicy::jobs-policy#Bare"], false],
    );
  });
  it("a denial names what is missing, and the unpinned policies that might grant it", () => {
    const e = toEntry(w(), need({ action: "sqs:DeleteQueue" }));
    assert.deepEqual(
      [e.allowed, e.ok, e.reason],
      [false, false, `no identity policy of ${ROLE} allows it (not pinned, so unknown: ${UNPINNED}, ${UNPINNED}2)`],
    );
    const ghost = toEntry(w(), need({ asker: { role: `arn:aws:iam::${ACC}:role/ghost` } }));
    assert.equal(ghost.reason, `role arn:aws:iam::${ACC}:role/ghost is not in the plan`);
    const forbidden = toEntry(w(), need({ kind: "forbidden", action: "sqs:DeleteQueue" }));
    assert.deepEqual(
      [forbidden.ok, forbidden.via],
      [
        true,
        [`implicit deny: no identity policy of ${ROLE} allows it (not pinned, so unknown: ${UNPINNED}, ${UNPINNED}2)`],
      ],
    );
    const leak = toEntry(w(), need({ kind: "forbidden" }));
    assert.equal(
      leak.reason,
      "allowed by urn:pulumi:test::platform::aws:iam/role:Role::app#Send, urn:pulumi:test::platform::aws:iam/policy:Policy::boundary#Cap",
    );
  });
  it("a need decided outside IAM keeps its verdict; services and outside identities are principals too", () => {
    const decided = { allowed: false, decidedBy: ["acl"], reason: "ACL says no" };
    assert.deepEqual(toEntry(w(), need({ decided })).reason, "ACL says no (acl)");
    assert.deepEqual(toEntry(w(), need({ decided: { ...decided, reason: "acl says no" } })).reason, "acl says no");
    const topic = `arn:aws:sns:us-east-1:${ACC}:owned`;
    const events = toEntry(
      w(),
      need({ asker: { service: "events.amazonaws.com" }, action: "sns:Publish", resource: topic }),
    );
    assert.deepEqual([events.principal, events.ok], ["events.amazonaws.com", true]);
    const ext = toEntry(
      w(),
      need({
        asker: { external: "arn:aws:iam::127311923021:root", account: "127311923021" },
        action: "sns:Publish",
        resource: topic,
      }),
    );
    assert.deepEqual([ext.principal, ext.ok], ["arn:aws:iam::127311923021:root", false]);
    const identity = [{ effect: "Allow" as const, action: ["sqs:*"], resource: ["*"], condition: {}, ref: "ci#All" }];
    const ci = toEntry(w(), need({ asker: { outside: `arn:aws:iam::${ACC}:role/ci`, account: ACC, identity } }));
    assert.deepEqual([ci.principal, ci.via], [`arn:aws:iam::${ACC}:role/ci`, ["ci#All"]]);
    const capped = toEntry(w(), need({ asker: { outside: "ci", account: ACC, identity, boundary: [] } }));
    assert.equal(capped.ok, false);
  });
  it("the request carries account, TLS and region (a bucket's from the plan, none for global resources)", () => {
    const cond = (Condition: Record<string, unknown>) => [
      { effect: "Allow" as const, action: ["*"], resource: ["*"], condition: Condition as never, ref: "c#0" },
    ];
    const ask = (Condition: Record<string, unknown>, resource: string) =>
      toEntry(
        w(),
        need({
          asker: { outside: `arn:aws:iam::${ACC}:role/ci`, account: ACC, identity: cond(Condition) },
          resource,
        }),
      ).ok;
    const obj = "arn:aws:s3:::logs-bucket/k";
    assert.equal(ask({ StringEquals: { "aws:RequestedRegion": "eu-west-1" } }, obj), true);
    assert.equal(ask({ StringEquals: { "aws:RequestedRegion": "us-east-1" } }, obj), false);
    assert.equal(ask({ Null: { "aws:RequestedRegion": "true" } }, "arn:aws:s3:::unplanned/k"), true);
    assert.equal(ask({ Null: { "aws:RequestedRegion": "true" } }, ROLE), true);
    assert.equal(ask({ StringEquals: { "aws:RequestedRegion": "eu-west-1" } }, QUEUE), true);
    assert.equal(ask({ StringEquals: { "aws:PrincipalAccount": ACC, "aws:ResourceAccount": ACC } }, QUEUE), true);
    assert.equal(ask({ Bool: { "aws:SecureTransport": "true" } }, QUEUE), true);
    // An S3 ARN names no account: the bucket is the plan's.
    assert.equal(ask({ StringEquals: { "aws:ResourceAccount": ACC } }, "arn:aws:s3:::logs-bucket"), true);
    assert.equal(ask({ StringEquals: { "aws:ResourceAccount": "999999999999" } }, "arn:aws:s3:::logs-bucket"), false);
  });
});
