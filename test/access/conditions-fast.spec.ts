import { strict as assert } from "assert";
import fc from "fast-check";
import { conditionHolds, conditionKeysOf, SUPPORTED_OPERATORS } from "../../policies/lib/access/conditions";

// The Condition element as the IAM User Guide states it (reference_policies_elements_condition_operators.html,
// _condition-single-vs-multi-valued-context-keys.html, _policy-variables.html); each expectation is the
// page's outcome for the case.
const holds = conditionHolds;

describe("access evaluator: condition operators, edges", () => {
  it("numeric operators compare the request value against the policy value, boundary included or not", () => {
    const at = (op: string, value: number) => holds({ [op]: { "s3:max-keys": "10" } }, { "s3:max-keys": value });
    const rows: [string, boolean, boolean, boolean][] = [
      // operator, 9 vs 10, 10 vs 10, 11 vs 10
      ["NumericEquals", false, true, false],
      ["NumericNotEquals", true, false, true],
      ["NumericLessThan", true, false, false],
      ["NumericLessThanEquals", true, true, false],
      ["NumericGreaterThan", false, false, true],
      ["NumericGreaterThanEquals", false, true, true],
    ];
    for (const [op, below, equal, above] of rows)
      assert.deepEqual([at(op, 9), at(op, 10), at(op, 11)], [below, equal, above], op);
  });

  it("IgnoreCase variants compare without case; the plain ones with it", () => {
    const ctx = { "aws:PrincipalTag/team": "Payments" };
    assert.equal(holds({ StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "payments" } }, ctx), true);
    assert.equal(holds({ StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "billing" } }, ctx), false);
    assert.equal(holds({ StringNotEqualsIgnoreCase: { "aws:PrincipalTag/team": "PAYMENTS" } }, ctx), false);
    assert.equal(holds({ StringNotEqualsIgnoreCase: { "aws:PrincipalTag/team": "billing" } }, ctx), true);
    assert.equal(holds({ StringEquals: { "aws:PrincipalTag/team": "payments" } }, ctx), false);
    assert.equal(holds({ StringNotLike: { "aws:PrincipalTag/team": "Pay*" } }, ctx), false);
    assert.equal(holds({ StringNotLike: { "aws:PrincipalTag/team": "pay*" } }, ctx), true);
  });

  it("Bool compares true/false without case, booleans in the request included", () => {
    assert.equal(holds({ Bool: { "aws:SecureTransport": "TRUE" } }, { "aws:SecureTransport": true }), true);
    assert.equal(holds({ Bool: { "aws:SecureTransport": "false" } }, { "aws:SecureTransport": true }), false);
    assert.equal(holds({ Bool: { "aws:SecureTransport": "false" } }, { "aws:SecureTransport": "False" }), true);
  });

  it("Null: true holds for an absent key, false for a present one; either of two values may hold", () => {
    assert.equal(holds({ Null: { "aws:TokenIssueTime": "true" } }, {}), true);
    assert.equal(holds({ Null: { "aws:TokenIssueTime": "TRUE" } }, {}), true);
    assert.equal(holds({ Null: { "aws:TokenIssueTime": "true" } }, { "aws:TokenIssueTime": "x" }), false);
    assert.equal(holds({ Null: { "aws:TokenIssueTime": "false" } }, { "aws:TokenIssueTime": "x" }), true);
    assert.equal(holds({ Null: { "aws:TokenIssueTime": "false" } }, {}), false);
    assert.equal(holds({ Null: { "aws:TokenIssueTime": ["false", "true"] } }, {}), true);
  });

  it("IfExists: holds for an absent key, decides as the operator for a present one", () => {
    const c = { StringEqualsIfExists: { "ec2:InstanceType": ["t3.micro"] } };
    assert.equal(holds(c, {}), true);
    assert.equal(holds(c, { "ec2:InstanceType": "t3.micro" }), true);
    assert.equal(holds(c, { "ec2:InstanceType": "m5.large" }), false);
    assert.equal(holds({ ArnLikeIfExists: { "aws:SourceArn": "arn:aws:sns:*:1:t" } }, { "aws:SourceArn": "x" }), false);
  });

  it("set operators: ForAnyValue needs one match, ForAllValues every value; negated inside them per value", () => {
    const tags = { "aws:TagKeys": ["env", "team"] };
    assert.equal(holds({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["team"] } }, tags), true);
    assert.equal(holds({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["cost"] } }, tags), false);
    assert.equal(holds({ "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team", "x"] } }, tags), true);
    assert.equal(holds({ "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } }, tags), false);
    assert.equal(holds({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["env"] } }, tags), true);
    assert.equal(holds({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["env", "team"] } }, tags), false);
    assert.equal(holds({ "ForAllValues:StringNotEquals": { "aws:TagKeys": ["cost"] } }, tags), true);
    assert.equal(holds({ "ForAllValues:StringNotEquals": { "aws:TagKeys": ["team"] } }, tags), false);
    assert.equal(holds({ "ForAllValues:StringLike": { "aws:TagKeys": "*" } }, {}), true);
    assert.equal(holds({ "ForAnyValue:StringLike": { "aws:TagKeys": "*" } }, {}), false);
    // Without a set operator a negated operator on a multi-valued key needs every value unmatched.
    assert.equal(holds({ StringNotEquals: { "aws:TagKeys": ["env"] } }, tags), false);
    assert.equal(holds({ StringNotEquals: { "aws:TagKeys": ["cost"] } }, tags), true);
    assert.equal(holds({ StringEquals: { "aws:TagKeys": ["team"] } }, tags), true);
  });

  it("ArnLike: parts beyond the fifth colon stay one part; fewer than six parts match only * or the same text", () => {
    const c = (p: string, v: string) => holds({ ArnLike: { "aws:SourceArn": p } }, { "aws:SourceArn": v });
    assert.equal(c("arn:aws:logs:*:1:log-group:*", "arn:aws:logs:us-east-1:1:log-group:/a:log-stream:b"), true);
    assert.equal(c("arn:aws:logs:*:1:log-group:x", "arn:aws:logs:us-east-1:1:log-group:x:y"), false);
    assert.equal(c("arn:aws:sns:us-*:1:t", "arn:aws:sns:eu-west-1:1:t"), false);
    assert.equal(c("*", "not-an-arn"), true);
    assert.equal(c("not-an-arn", "not-an-arn"), true);
    assert.equal(c("not-an-*", "not-an-arn"), false);
    assert.equal(c("arn:aws:sns:*:1:t", "arn:aws:sns:us-east-1"), false);
    assert.equal(c("arn:aws:sns:*:1:t", "arn:aws:sns:us-east-1:1:t"), true);
    assert.equal(
      holds({ ArnNotEquals: { "aws:SourceArn": "arn:aws:sns:*:1:t" } }, { "aws:SourceArn": "arn:aws:sns:x:2:t" }),
      true,
    );
  });

  it("policy variables resolve from the request; one that does not resolve makes its value unusable", () => {
    const c = { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } };
    assert.equal(holds(c, { "s3:prefix": "home/ana/x", "aws:username": "ana" }), true);
    assert.equal(holds(c, { "s3:prefix": "home/ana/x", "aws:username": "bob" }), false);
    assert.equal(holds(c, { "s3:prefix": "home//x" }), false);
    assert.equal(holds(c, { "s3:prefix": "home/a/x", "aws:username": ["a"] }), false);
    // ${*}, ${?} and ${$} stand for the literal characters.
    const lit = { StringEquals: { "s3:prefix": ["a${*}b${?}c${$}"] } };
    assert.equal(holds(lit, { "s3:prefix": "a*b?c$" }), true);
    assert.equal(holds(lit, { "s3:prefix": "axxbycz" }), false);
    assert.equal(
      holds(
        { StringEquals: { "aws:SourceAccount": "${aws:PrincipalAccount}" } },
        { "aws:SourceAccount": "1", "aws:principalaccount": "1" },
      ),
      true,
    );
  });

  it("an unknown operator names itself and the supported ones", () => {
    assert.throws(
      () => holds({ DateGreaterThan: { "aws:CurrentTime": "2020-01-01" } }, {}),
      (e: Error) => {
        assert.equal(
          e.message,
          `condition operator "DateGreaterThan" is not modelled (supported: ${[
            "StringEquals",
            "StringNotEquals",
            "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase",
            "StringLike",
            "StringNotLike",
            "ArnEquals",
            "ArnNotEquals",
            "ArnLike",
            "ArnNotLike",
            "Bool",
            "NumericEquals",
            "NumericNotEquals",
            "NumericLessThan",
            "NumericLessThanEquals",
            "NumericGreaterThan",
            "NumericGreaterThanEquals",
            "Null",
          ].join(", ")})`,
        );
        return true;
      },
    );
    assert.equal(SUPPORTED_OPERATORS.length, 18);
  });

  it("conditionKeysOf lists every operator-key pair", () => {
    assert.deepEqual(conditionKeysOf({ StringEquals: { a: "1", b: "2" }, "ForAnyValue:StringLike": { c: ["x"] } }), [
      { operator: "StringEquals", key: "a" },
      { operator: "StringEquals", key: "b" },
      { operator: "ForAnyValue:StringLike", key: "c" },
    ]);
  });

  it("property: an empty block always holds; adding a key that fails never makes a block hold", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), (a, b) => {
        const ctx = { "aws:SourceAccount": a };
        const ok = holds({ StringEquals: { "aws:SourceAccount": a } }, ctx);
        const both = holds(
          { StringEquals: { "aws:SourceAccount": a }, StringNotEquals: { "aws:SourceAccount": b } },
          ctx,
        );
        return holds({}, ctx) && ok && both === (a !== b);
      }),
    );
  });
});
