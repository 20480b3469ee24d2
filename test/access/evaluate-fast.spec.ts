import { strict as assert } from "assert";
import fc from "fast-check";
import { evaluate, type AccessRequest } from "../../policies/lib/access/evaluate";
import type { RequestPrincipal } from "../../policies/lib/access/match";
import { statementsOf, type RawStatement } from "../../policies/lib/access/policy-doc";

// Each branch of AWS's policy evaluation logic (reference_policies_evaluation-logic.html, the
// cross-account page and the KMS key-policy guide), with the decision, the deciding statements and
// the one-line reason the model gives; accounts and names are made up.
const A = "111111111111";
const B = "222222222222";
const app: RequestPrincipal = { id: `arn:aws:iam::${A}:role/app`, kind: "role", account: A };
const outsider: RequestPrincipal = { id: `arn:aws:iam::${B}:role/x`, kind: "role", account: B };
const svc: RequestPrincipal = { id: "events.amazonaws.com", kind: "service" };
const doc = (source: string, ...s: RawStatement[]) => statementsOf({ Statement: s }, source);
const KEY = `arn:aws:kms:us-east-1:${A}:key/k1`;
const Q = `arn:aws:sqs:us-east-1:${A}:jobs`;
const req = (over: Partial<AccessRequest>): AccessRequest => ({
  principal: app,
  action: "sqs:SendMessage",
  resource: Q,
  resourceAccount: A,
  context: {},
  identity: [],
  ...over,
});
const allowId = doc("id", { Sid: "Send", Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" });
const bnd = doc("pb", { Sid: "Cap", Effect: "Allow", Action: "sqs:*", Resource: "*" });
const narrowBnd = doc("pb", { Sid: "Cap", Effect: "Allow", Action: "s3:*", Resource: "*" });
const names = (p: RequestPrincipal | string, sid = "Named", action = "sqs:SendMessage") =>
  doc("rp", {
    Sid: sid,
    Effect: "Allow",
    Principal: typeof p === "string" ? { AWS: p } : p.kind === "service" ? { Service: p.id } : { AWS: p.id },
    Action: action,
    Resource: "*",
  });
const d = (r: AccessRequest) => {
  const x = evaluate(r);
  return [x.allowed, x.decidedBy, x.reason];
};

describe("access evaluator: every branch with its deciding statements and reason", () => {
  it("explicit denies from identity, boundary and resource policy are all listed; the first is named", () => {
    const deny = (src: string) => doc(src, { Sid: "No", Effect: "Deny", Action: "sqs:*", Resource: "*" });
    const rpDeny = doc("rp", { Sid: "No", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: "*" });
    const r = req({ identity: [...allowId, ...deny("id")], boundary: [...bnd, ...deny("pb")], resourcePolicy: rpDeny });
    assert.deepEqual(d(r), [false, ["id#No", "pb#No", "rp#No"], "explicit deny in id#No"]);
    assert.deepEqual(d(req({ identity: allowId, boundary: [...bnd, ...deny("pb")] })), [
      false,
      ["pb#No"],
      "explicit deny in pb#No",
    ]);
    // A deny whose condition does not hold does not apply.
    const cond = doc("id", {
      Sid: "C",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    assert.deepEqual(d(req({ identity: [...allowId, ...cond], context: { "aws:SecureTransport": true } })), [
      true,
      ["id#Send"],
      "identity",
    ]);
  });

  it("same account: a resource policy naming the role grants, with the boundary's allow listed", () => {
    assert.deepEqual(d(req({ resourcePolicy: names(app) })), [true, ["rp#Named"], "resource policy"]);
    assert.deepEqual(d(req({ resourcePolicy: names(app), boundary: bnd })), [
      true,
      ["rp#Named", "pb#Cap"],
      "resource policy",
    ]);
    // A boundary that does not allow the action also limits a resource-policy grant to the role ARN.
    assert.deepEqual(d(req({ resourcePolicy: names(app), boundary: narrowBnd })), [
      false,
      [],
      "no identity policy of arn:aws:iam::111111111111:role/app allows it",
    ]);
  });

  it("same account: identity grants, under a boundary that allows too; the reasons when they do not", () => {
    assert.deepEqual(d(req({ identity: allowId, boundary: bnd })), [true, ["id#Send", "pb#Cap"], "identity"]);
    assert.deepEqual(d(req({ identity: allowId, boundary: narrowBnd })), [
      false,
      [],
      "the permissions boundary does not allow sqs:SendMessage (pb) and the resource has no policy naming it",
    ]);
    assert.deepEqual(d(req({ identity: allowId, boundary: narrowBnd, resourcePolicy: names(outsider) })), [
      false,
      [],
      "the permissions boundary does not allow sqs:SendMessage (pb)",
    ]);
    assert.deepEqual(d(req({})), [
      false,
      [],
      "no identity policy of arn:aws:iam::111111111111:role/app allows it and the resource has no policy naming it",
    ]);
  });

  it("a service: granted by a resource policy naming it, never by identity; cross-account makes no difference", () => {
    assert.deepEqual(d(req({ principal: svc, resourcePolicy: names(svc) })), [
      true,
      ["rp#Named"],
      "resource policy allows the service",
    ]);
    const reason = "events.amazonaws.com is an AWS service: only a resource policy can grant it, and none does";
    assert.deepEqual(d(req({ principal: svc, identity: allowId })), [false, [], reason]);
    assert.deepEqual(d(req({ principal: svc, resourcePolicy: names(app) })), [false, [], reason]);
  });

  it("cross-account: the resource policy must name the principal or its account, and identity must allow", () => {
    const r = (over: Partial<AccessRequest>) => req({ principal: outsider, ...over });
    assert.deepEqual(d(r({ identity: allowId })), [
      false,
      [],
      `cross-account: the resource policy of ${Q} grants nothing to ${outsider.id} or its account`,
    ]);
    assert.deepEqual(d(r({ resourcePolicy: names(B) })), [
      false,
      ["rp#Named"],
      `cross-account: no identity policy of ${outsider.id} allows it`,
    ]);
    assert.deepEqual(d(r({ resourcePolicy: names(outsider), identity: allowId, boundary: bnd })), [
      true,
      ["rp#Named", "id#Send", "pb#Cap"],
      "resource policy and identity allow",
    ]);
    assert.deepEqual(d(r({ resourcePolicy: names(outsider), identity: allowId, boundary: narrowBnd })), [
      false,
      ["rp#Named"],
      "cross-account: the permissions boundary does not allow sqs:SendMessage (pb)",
    ]);
    // An identity outside the model (a service's own account): the resource policy alone decides.
    const elb = { id: `arn:aws:iam::${B}:root`, kind: "account" as const, account: B };
    assert.deepEqual(d(req({ principal: elb, externalIdentity: true, resourcePolicy: names(B) })), [
      true,
      ["rp#Named"],
      "resource policy and identity allow",
    ]);
    assert.equal(evaluate(req({ principal: elb, resourcePolicy: names(B) })).allowed, false);
  });

  describe("KMS keys: the key policy decides first", () => {
    const k = (over: Partial<AccessRequest>) => req({ action: "kms:Decrypt", resource: KEY, kmsKey: true, ...over });
    const decrypt = doc("id", { Sid: "Dec", Effect: "Allow", Action: "kms:Decrypt", Resource: "*" });
    it("naming the principal grants by itself, but not past a role's boundary", () => {
      assert.deepEqual(d(k({ resourcePolicy: names(app, "Key", "kms:*") })), [true, ["rp#Key"], "key policy allows"]);
      assert.deepEqual(
        d(
          k({
            resourcePolicy: names(app, "Key", "kms:*"),
            boundary: doc("pb", { Sid: "K", Effect: "Allow", Action: "kms:*", Resource: "*" }),
          }),
        ),
        [true, ["rp#Key", "pb#K"], "key policy allows"],
      );
      assert.deepEqual(d(k({ resourcePolicy: names(app, "Key", "kms:*"), boundary: narrowBnd })), [
        false,
        [],
        "the permissions boundary does not allow kms:Decrypt (pb)",
      ]);
      assert.deepEqual(d(k({ principal: svc, resourcePolicy: names(svc, "Svc", "kms:Decrypt") })), [
        true,
        ["rp#Svc"],
        "key policy allows",
      ]);
    });
    it("naming neither: denied, even with an identity allow", () => {
      assert.deepEqual(d(k({ identity: decrypt, resourcePolicy: names(outsider, "Key", "kms:*") })), [
        false,
        [],
        `the key policy allows kms:Decrypt to neither ${app.id} nor its account ${A}`,
      ]);
      assert.deepEqual(d(k({ principal: svc, resourcePolicy: names(app, "Key", "kms:*") })), [
        false,
        [],
        "no statement of the key policy allows events.amazonaws.com kms:Decrypt",
      ]);
    });
    it("naming the account delegates to IAM: identity (and boundary) must allow", () => {
      const root = names(`arn:aws:iam::${A}:root`, "Root", "kms:*");
      assert.deepEqual(d(k({ resourcePolicy: root, identity: decrypt })), [
        true,
        ["rp#Root", "id#Dec"],
        "key policy delegates to IAM, whose policies allow",
      ]);
      assert.deepEqual(d(k({ resourcePolicy: root })), [
        false,
        ["rp#Root"],
        `the key policy delegates to IAM, but no identity policy of ${app.id} allows it`,
      ]);
      assert.deepEqual(d(k({ resourcePolicy: root, identity: decrypt, boundary: narrowBnd })), [
        false,
        ["rp#Root"],
        "the key policy delegates to IAM, but the permissions boundary does not allow kms:Decrypt (pb)",
      ]);
    });
  });

  it("property: adding a matching explicit Deny anywhere never turns a denial into an allow, and always denies", () => {
    const stmt = fc.record({
      Effect: fc.constantFrom("Allow", "Deny"),
      Action: fc.constantFrom("sqs:*", "sqs:SendMessage", "s3:*", "*"),
      Resource: fc.constantFrom("*", Q, `arn:aws:sqs:*:${A}:*`, "arn:aws:s3:::b"),
    });
    fc.assert(
      fc.property(
        fc.array(stmt, { maxLength: 3 }),
        fc.array(stmt, { maxLength: 2 }),
        fc.constantFrom(app, outsider),
        fc.constantFrom("identity", "boundary", "resource"),
        (ids, rps, principal, where) => {
          const base = req({
            principal,
            identity: doc("id", ...ids),
            resourcePolicy: doc("rp", ...rps.map((s) => ({ ...s, Principal: { AWS: principal.id } }))),
          });
          const deny = { Sid: "D", Effect: "Deny", Action: "sqs:Send*", Resource: "*" };
          const withDeny: AccessRequest =
            where === "identity"
              ? { ...base, identity: [...base.identity, ...doc("x", deny)] }
              : where === "boundary"
                ? { ...base, boundary: doc("x", { Effect: "Allow", Action: "*", Resource: "*" }, deny) }
                : { ...base, resourcePolicy: [...base.resourcePolicy!, ...doc("x", { ...deny, Principal: "*" })] };
          const after = evaluate(withDeny);
          return (
            after.allowed === false &&
            after.decidedBy.includes("x#D") &&
            after.reason === `explicit deny in ${after.decidedBy[0]}`
          );
        },
      ),
    );
  });
});
