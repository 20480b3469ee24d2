import { strict as assert } from "assert";
import { evaluate, type AccessRequest } from "../../policies/lib/access/evaluate";
import type { RequestPrincipal } from "../../policies/lib/access/match";
import { statementsOf, type RawStatement } from "../../policies/lib/access/policy-doc";

// Each case restates a rule of the IAM User Guide's policy evaluation logic
// (reference_policies_evaluation-logic*.html) or the KMS key policy guide, with the outcome the
// page states; the accounts and names are made up.
const A = "111111111111";
const B = "222222222222";
const role = (name: string, account = A): RequestPrincipal => ({
  id: `arn:aws:iam::${account}:role/${name}`,
  kind: "role",
  account,
});
const doc = (source: string, ...s: RawStatement[]) => statementsOf({ Version: "2012-10-17", Statement: s }, source);
const BUCKET = "arn:aws:s3:::example-bucket";
const base = (over: Partial<AccessRequest>): AccessRequest => ({
  principal: role("app"),
  action: "s3:GetObject",
  resource: `${BUCKET}/report.csv`,
  resourceAccount: A,
  context: {},
  identity: [],
  ...over,
});

describe("access evaluator: AWS policy evaluation logic", () => {
  it("an explicit deny in the resource policy overrides an identity allow", () => {
    const d = evaluate(
      base({
        identity: doc("id", { Effect: "Allow", Action: "s3:*", Resource: "*" }),
        resourcePolicy: doc("bp", {
          Sid: "NoApp",
          Effect: "Deny",
          Principal: { AWS: role("app").id },
          Action: "s3:*",
          Resource: `${BUCKET}/*`,
        }),
      }),
    );
    assert.deepEqual([d.allowed, d.decidedBy], [false, ["bp#NoApp"]]);
  });

  it("without any allow the request is implicitly denied", () => {
    const d = evaluate(base({}));
    assert.equal(d.allowed, false);
    assert.match(d.reason, /no identity policy of arn:aws:iam::111111111111:role\/app allows it/);
  });

  it("in the same account a resource policy naming the role grants without an identity policy", () => {
    const bp = doc("bp", {
      Sid: "App",
      Effect: "Allow",
      Principal: { AWS: role("app").id },
      Action: "s3:GetObject",
      Resource: `${BUCKET}/*`,
    });
    const d = evaluate(base({ resourcePolicy: bp }));
    assert.deepEqual([d.allowed, d.decidedBy], [true, ["bp#App"]]);
  });

  it("a resource policy naming the account only delegates to the account's IAM policies", () => {
    const bp = doc("bp", {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${A}:root` },
      Action: "s3:*",
      Resource: `${BUCKET}/*`,
    });
    assert.equal(evaluate(base({ resourcePolicy: bp })).allowed, false);
    const id = doc("id", { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` });
    assert.equal(evaluate(base({ resourcePolicy: bp, identity: id })).allowed, true);
  });

  it("across accounts both the resource policy and the identity policy must allow", () => {
    const other = role("reader", B);
    const bp = doc("bp", {
      Sid: "B",
      Effect: "Allow",
      Principal: { AWS: B },
      Action: "s3:GetObject",
      Resource: `${BUCKET}/*`,
    });
    const id = doc("id", { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" });
    assert.equal(evaluate(base({ principal: other, identity: id })).allowed, false);
    assert.equal(evaluate(base({ principal: other, resourcePolicy: bp })).allowed, false);
    assert.deepEqual(evaluate(base({ principal: other, resourcePolicy: bp, identity: id })).decidedBy, [
      "bp#B",
      "id#Read",
    ]);
  });

  it("an AWS service is granted only by a resource policy naming it", () => {
    const config: RequestPrincipal = { id: "config.amazonaws.com", kind: "service" };
    const bp = doc("bp", {
      Sid: "Cfg",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${BUCKET}/*`,
    });
    assert.equal(evaluate(base({ principal: config, action: "s3:PutObject", resourcePolicy: bp })).allowed, true);
    const other = doc("bp", {
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${BUCKET}/*`,
    });
    const d = evaluate(base({ principal: config, action: "s3:PutObject", resourcePolicy: other }));
    assert.match(d.reason, /only a resource policy can grant it/);
  });

  describe("KMS: no IAM policy alone reaches a key", () => {
    const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd`;
    const kms = (over: Partial<AccessRequest>) => base({ action: "kms:Decrypt", resource: KEY, kmsKey: true, ...over });
    const id = doc("id", { Sid: "Decrypt", Effect: "Allow", Action: "kms:Decrypt", Resource: "*" });
    it("denies when the key policy names neither the principal nor its account", () => {
      const kp = doc("kp", { Effect: "Allow", Principal: { AWS: role("admin").id }, Action: "kms:*", Resource: "*" });
      assert.match(
        evaluate(kms({ identity: id, resourcePolicy: kp })).reason,
        /^the key policy allows kms:Decrypt to neither arn:aws:iam::111111111111:role\/app nor its account 111111111111$/,
      );
    });
    it("a key policy naming the account root delegates to IAM policies", () => {
      const kp = doc("kp", {
        Sid: "Root",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${A}:root` },
        Action: "kms:*",
        Resource: "*",
      });
      assert.equal(evaluate(kms({ resourcePolicy: kp })).allowed, false);
      assert.deepEqual(evaluate(kms({ resourcePolicy: kp, identity: id })).decidedBy, ["kp#Root", "id#Decrypt"]);
    });
    it("a key policy naming the role grants by itself", () => {
      const kp = doc("kp", {
        Sid: "App",
        Effect: "Allow",
        Principal: { AWS: role("app").id },
        Action: "kms:Decrypt",
        Resource: "*",
      });
      assert.equal(evaluate(kms({ resourcePolicy: kp })).allowed, true);
    });
  });

  it("a permissions boundary caps identity grants to what both allow", () => {
    const id = doc("id", { Effect: "Allow", Action: "s3:*", Resource: "*" });
    const boundary = doc("pb", { Sid: "Ceiling", Effect: "Allow", Action: "s3:GetObject", Resource: "*" });
    assert.equal(evaluate(base({ identity: id, boundary })).allowed, true);
    const put = evaluate(base({ action: "s3:PutObject", identity: id, boundary }));
    assert.deepEqual([put.allowed, /permissions boundary does not allow s3:PutObject/.test(put.reason)], [false, true]);
  });

  it("NotAction allows everything but the listed actions; a NotAction deny with a condition fences regions", () => {
    const id = doc("id", { Effect: "Allow", NotAction: ["iam:*"], Resource: "*" });
    assert.equal(evaluate(base({ identity: id })).allowed, true);
    assert.equal(evaluate(base({ identity: id, action: "iam:CreateRole", resource: "*" })).allowed, false);
    const fence = doc(
      "pb",
      { Effect: "Allow", Action: "*", Resource: "*" },
      {
        Sid: "Regions",
        Effect: "Deny",
        NotAction: ["iam:*"],
        Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } },
      },
    );
    const admin = doc("id", { Effect: "Allow", Action: "*", Resource: "*" });
    const ec2 = (region: string) =>
      evaluate(
        base({
          identity: admin,
          boundary: fence,
          action: "ec2:RunInstances",
          resource: "*",
          context: { "aws:RequestedRegion": region },
        }),
      );
    assert.deepEqual([ec2("us-east-1").allowed, ec2("ap-south-1").decidedBy], [true, ["pb#Regions"]]);
    assert.equal(
      evaluate(
        base({
          identity: admin,
          boundary: fence,
          action: "iam:GetRole",
          resource: "*",
          context: { "aws:RequestedRegion": "ap-south-1" },
        }),
      ).allowed,
      true,
    );
  });

  it("NotResource denies everything outside the listed resources", () => {
    const id = doc(
      "id",
      { Effect: "Allow", Action: "s3:*", Resource: "*" },
      { Sid: "Only", Effect: "Deny", Action: "s3:*", NotResource: [`${BUCKET}/*`] },
    );
    assert.equal(evaluate(base({ identity: id })).allowed, true);
    assert.deepEqual(evaluate(base({ identity: id, resource: "arn:aws:s3:::other/x" })).decidedBy, ["id#Only"]);
  });

  it("wildcards: * spans characters, ? one, action names ignore case, ARNs do not", () => {
    const id = doc("id", {
      Effect: "Allow",
      Action: "S3:get*",
      Resource: ["arn:aws:s3:::example-bucket/report.???", "arn:aws:s3:::logs-*/*"],
    });
    assert.equal(evaluate(base({ identity: id })).allowed, true);
    assert.equal(evaluate(base({ identity: id, resource: "arn:aws:s3:::logs-a/b/c" })).allowed, true);
    assert.equal(evaluate(base({ identity: id, resource: `${BUCKET}/report.json` })).allowed, false);
    assert.equal(evaluate(base({ identity: id, resource: `${BUCKET}/REPORT.csv` })).allowed, false);
    assert.equal(evaluate(base({ identity: id, action: "s3:PutObject" })).allowed, false);
  });
});
