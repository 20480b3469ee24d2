import { strict as assert } from "node:assert";
import { DYNAMODB_REPLICA, DYNAMODB_TABLE, dynamodbProtection } from "../../aws/dynamodb/dynamodb-protection";
import { resourceArgs, runResource, type ResourceOptions } from "../harness";

/** A property unknown during preview, the way @pulumi/policy's proxy reports it. */
class UnknownValueError extends Error {}
const unknownAt = (props: Record<string, unknown>, key: string) =>
  Object.defineProperty({ ...props }, key, {
    enumerable: true,
    get: () => {
      throw new UnknownValueError(key);
    },
  });

const goodTable = {
  billingMode: "PAY_PER_REQUEST",
  serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:us-east-1:1:key/k" },
  pointInTimeRecovery: { enabled: true },
  deletionProtectionEnabled: true,
};
const goodReplica = {
  kmsKeyArn: "arn:aws:kms:us-west-2:1:key/k",
  pointInTimeRecovery: true,
  deletionProtectionEnabled: true,
};
const prod = { config: { environment: "prod" } };
const dev = { config: { environment: "dev" } };
const run = (type: string, props: Record<string, unknown>, o: ResourceOptions = {}) =>
  runResource(dynamodbProtection(), resourceArgs(type, props, { name: "dynamodb", ...o })).messages;

describe("policies: aws-dynamodb-protection", () => {
  it("is mandatory", () => assert.equal(dynamodbProtection().enforcementLevel, "mandatory"));

  it("passes a protected prod table and replica, and a dev table with only its key", () => {
    assert.deepEqual(run(DYNAMODB_TABLE, goodTable, prod), []);
    assert.deepEqual(run(DYNAMODB_REPLICA, goodReplica, prod), []);
    const devTable = { ...goodTable, pointInTimeRecovery: { enabled: false }, deletionProtectionEnabled: false };
    assert.deepEqual(run(DYNAMODB_TABLE, devTable, dev), []);
  });

  it("reports a prod table without PITR or deletion protection", () =>
    assert.deepEqual(
      run(
        DYNAMODB_TABLE,
        { ...goodTable, pointInTimeRecovery: { enabled: false }, deletionProtectionEnabled: false },
        prod,
      ),
      [
        'DynamoDB table "dynamodb" must enable point-in-time recovery in prod',
        'DynamoDB table "dynamodb" must set deletionProtectionEnabled: true in prod',
      ],
    ));

  it("reports a prod replica without PITR or deletion protection", () =>
    assert.deepEqual(run(DYNAMODB_REPLICA, { kmsKeyArn: "k" }, prod), [
      'DynamoDB replica "dynamodb" must enable point-in-time recovery in prod',
      'DynamoDB replica "dynamodb" must set deletionProtectionEnabled: true in prod',
    ]));

  it("reports an AWS-owned or AWS-managed key in every environment", () => {
    const msg = 'DynamoDB table "dynamodb" must be encrypted with a customer-managed KMS key (kmsKeyArn)';
    assert.deepEqual(run(DYNAMODB_TABLE, { ...goodTable, serverSideEncryption: { enabled: true } }, dev), [msg]);
    assert.deepEqual(run(DYNAMODB_TABLE, { ...goodTable, serverSideEncryption: undefined }, dev), [msg]);
    assert.deepEqual(run(DYNAMODB_REPLICA, { ...goodReplica, kmsKeyArn: undefined }, dev), [
      'DynamoDB replica "dynamodb" must be encrypted with a customer-managed KMS key (kmsKeyArn)',
    ]);
  });

  it("treats a key ARN unknown during preview as set", () =>
    assert.deepEqual(run(DYNAMODB_REPLICA, unknownAt(goodReplica, "kmsKeyArn"), prod), []));
});
