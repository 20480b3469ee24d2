import { strict as assert } from "assert";
import { conditionHolds, type RequestContext } from "../../policies/lib/access/conditions";

// Outcomes as the IAM User Guide states them (reference_policies_elements_condition_operators.html,
// reference_policies_condition-single-vs-multi-valued-context-keys.html).
const holds = (block: Record<string, Record<string, unknown>>, ctx: RequestContext) => conditionHolds(block, ctx);

describe("access evaluator: condition operators", () => {
  it("StringEquals: values of one key are alternatives, keys and operators must all hold", () => {
    const c = {
      StringEquals: {
        "aws:SourceAccount": ["111111111111", "222222222222"],
        "s3:x-amz-acl": "bucket-owner-full-control",
      },
    };
    assert.equal(holds(c, { "aws:SourceAccount": "222222222222", "s3:x-amz-acl": "bucket-owner-full-control" }), true);
    assert.equal(holds(c, { "aws:SourceAccount": "222222222222", "s3:x-amz-acl": "private" }), false);
    assert.equal(holds(c, { "aws:SourceAccount": "333333333333", "s3:x-amz-acl": "bucket-owner-full-control" }), false);
  });

  it("condition key names ignore case, values do not", () => {
    assert.equal(
      holds({ StringEquals: { "AWS:SourceAccount": "111111111111" } }, { "aws:sourceaccount": "111111111111" }),
      true,
    );
    assert.equal(
      holds({ StringEquals: { "aws:PrincipalTag/team": "Ops" } }, { "aws:PrincipalTag/team": "ops" }),
      false,
    );
    assert.equal(
      holds({ StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "Ops" } }, { "aws:PrincipalTag/team": "ops" }),
      true,
    );
  });

  it("a missing key fails a positive operator, satisfies a negated one and ...IfExists", () => {
    assert.equal(holds({ StringEquals: { "aws:SourceAccount": "111111111111" } }, {}), false);
    assert.equal(holds({ StringNotEquals: { "aws:RequestedRegion": "us-east-1" } }, {}), true);
    assert.equal(holds({ StringEqualsIfExists: { "aws:SourceAccount": "111111111111" } }, {}), true);
    assert.equal(
      holds({ StringEqualsIfExists: { "aws:SourceAccount": "111111111111" } }, { "aws:SourceAccount": "2" }),
      false,
    );
  });

  it("negated operators hold only when no listed value matches", () => {
    const c = { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } };
    assert.equal(holds(c, { "aws:RequestedRegion": "eu-west-1" }), false);
    assert.equal(holds(c, { "aws:RequestedRegion": "ap-south-1" }), true);
    assert.equal(holds({ StringNotLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/a" }), false);
  });

  it("StringLike: * and ? wildcards", () => {
    assert.equal(
      holds(
        { StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
        { "aws:ResourceTag/karpenter.sh/nodepool": "general" },
      ),
      true,
    );
    assert.equal(holds({ StringLike: { "s3:prefix": "home/?" } }, { "s3:prefix": "home/ab" }), false);
  });

  it("ArnLike and ArnEquals compare the six colon-separated parts, each with wildcards", () => {
    const rule = "arn:aws:events:us-east-1:111111111111:rule/spot";
    assert.equal(
      holds({ ArnLike: { "aws:SourceArn": "arn:aws:events:*:111111111111:rule/*" } }, { "aws:SourceArn": rule }),
      true,
    );
    assert.equal(
      holds({ ArnLike: { "aws:SourceArn": "arn:aws:events:*:222222222222:rule/*" } }, { "aws:SourceArn": rule }),
      false,
    );
    assert.equal(holds({ ArnLike: { "aws:SourceArn": "arn:aws:events:*:*" } }, { "aws:SourceArn": rule }), false);
    assert.equal(
      holds({ ArnEquals: { "aws:SourceArn": "arn:aws:events:*:*:rule/spot" } }, { "aws:SourceArn": rule }),
      true,
    );
    assert.equal(
      holds({ ArnEquals: { "aws:SourceArn": "arn:aws:events:*:*:rule/other" } }, { "aws:SourceArn": rule }),
      false,
    );
    assert.equal(holds({ ArnNotEquals: { "aws:SourceArn": rule } }, { "aws:SourceArn": rule }), false);
  });

  it("Bool and Null", () => {
    assert.equal(holds({ Bool: { "aws:SecureTransport": "false" } }, { "aws:SecureTransport": true }), false);
    assert.equal(holds({ Bool: { "aws:SecureTransport": "false" } }, { "aws:SecureTransport": false }), true);
    assert.equal(holds({ Null: { "aws:RequestTag/owner": "true" } }, {}), true);
    assert.equal(holds({ Null: { "aws:RequestTag/owner": "false" } }, {}), false);
    assert.equal(holds({ Null: { "aws:RequestTag/owner": "false" } }, { "aws:RequestTag/owner": "x" }), true);
  });

  it("ForAnyValue / ForAllValues on multi-valued keys, including an absent key", () => {
    const any = { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team", "owner"] } };
    const all = { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "owner"] } };
    assert.equal(holds(any, { "aws:TagKeys": ["owner", "cost"] }), true);
    assert.equal(holds(all, { "aws:TagKeys": ["owner", "cost"] }), false);
    assert.equal(holds(all, { "aws:TagKeys": ["owner"] }), true);
    assert.equal(holds(any, {}), false);
    assert.equal(holds(all, {}), true);
  });

  it("numeric comparison and policy variables", () => {
    assert.equal(holds({ NumericLessThanEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "7" }), true);
    assert.equal(holds({ NumericLessThanEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "11" }), false);
    const own = { StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } };
    assert.equal(holds(own, { "aws:ResourceAccount": "1", "aws:PrincipalAccount": "1" }), true);
    assert.equal(holds(own, { "aws:ResourceAccount": "1", "aws:PrincipalAccount": "2" }), false);
  });

  it("an operator the model does not know is an error, not a silent match", () => {
    assert.throws(
      () => holds({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, {}),
      /condition operator "IpAddress" is not modelled/,
    );
  });
});
