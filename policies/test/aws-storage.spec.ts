import { strict as assert } from "node:assert";
import type { PolicyResource } from "@pulumi/policy";
import { kmsKeyRotation } from "../aws/storage/kms-key-rotation";
import { SSE_CONFIGURATION, s3Encryption } from "../aws/storage/s3-encryption";
import { BUCKET_VERSIONING, s3LogBucketVersioning } from "../aws/storage/s3-log-bucket-versioning";
import { PUBLIC_ACCESS_BLOCK, s3PublicAccessBlock } from "../aws/storage/s3-public-access-block";
import { resourceArgs, runResource, runStack, stackResource, urnOf } from "./harness";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_URN = urnOf(BUCKET, "logs");
const bucket = (tags: Record<string, string> = {}) => stackResource(BUCKET, "logs", { tags });
/** A split S3 resource attached to `b` through its `bucket` input. */
const attached = (type: string, b: PolicyResource, props: Record<string, unknown>, name = "attached") =>
  stackResource(
    type,
    name,
    { bucket: "mock-name", ...props },
    { propertyDependencies: { bucket: [b] }, dependencies: [b] },
  );
const ALL_BLOCKED = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};

describe("policies: AWS storage", () => {
  describe("aws-s3-public-access-block", () => {
    let policy: ReturnType<typeof s3PublicAccessBlock>;
    beforeEach(() => {
      policy = s3PublicAccessBlock();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a bucket with all four flags", () => {
      const b = bucket();
      assert.deepEqual(runStack(policy, [b, attached(PUBLIC_ACCESS_BLOCK, b, ALL_BLOCKED)]), []);
    });
    it("matches by bucket name when both are known", () => {
      const b = stackResource(BUCKET, "logs", { bucket: "acme-logs" });
      assert.deepEqual(
        runStack(policy, [b, stackResource(PUBLIC_ACCESS_BLOCK, "pab", { bucket: "acme-logs", ...ALL_BLOCKED })]),
        [],
      );
    });
    it("reports a bucket without a public access block", () =>
      assert.deepEqual(runStack(policy, [bucket()]), [
        { message: 'S3 bucket "logs" has no BucketPublicAccessBlock', urn: BUCKET_URN },
      ]));
    it("reports flags left false", () => {
      const b = bucket();
      assert.deepEqual(
        runStack(policy, [
          b,
          attached(PUBLIC_ACCESS_BLOCK, b, {
            ...ALL_BLOCKED,
            blockPublicPolicy: false,
            restrictPublicBuckets: undefined,
          }),
        ]),
        [
          {
            message: 'S3 bucket "logs" public access block must set blockPublicPolicy, restrictPublicBuckets to true',
            urn: BUCKET_URN,
          },
        ],
      );
    });
    it("does not count a block attached to another bucket", () => {
      const b = bucket();
      const other = stackResource(BUCKET, "other", {});
      const r = runStack(policy, [b, other, attached(PUBLIC_ACCESS_BLOCK, other, ALL_BLOCKED)]);
      assert.deepEqual(r, [{ message: 'S3 bucket "logs" has no BucketPublicAccessBlock', urn: BUCKET_URN }]);
    });
  });

  describe("aws-s3-encryption", () => {
    let policy: ReturnType<typeof s3Encryption>;
    beforeEach(() => {
      policy = s3Encryption();
    });
    const kms = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" } }] };
    const expected = [
      {
        message: 'S3 bucket "logs" has no BucketServerSideEncryptionConfiguration with a default algorithm',
        urn: BUCKET_URN,
      },
    ];
    it("is advisory by default", () => assert.equal(policy.enforcementLevel, "advisory"));
    it("passes a bucket with a KMS default", () => {
      const b = bucket();
      assert.deepEqual(runStack(policy, [b, attached(SSE_CONFIGURATION, b, kms)]), []);
    });
    it("reports a bucket without encryption configuration", () =>
      assert.deepEqual(runStack(policy, [bucket()]), expected));
    it("reports a configuration without a default algorithm", () => {
      const b = bucket();
      assert.deepEqual(
        runStack(policy, [b, attached(SSE_CONFIGURATION, b, { rules: [{ bucketKeyEnabled: true }] })]),
        expected,
      );
    });
  });

  describe("aws-s3-log-bucket-versioning", () => {
    let policy: ReturnType<typeof s3LogBucketVersioning>;
    beforeEach(() => {
      policy = s3LogBucketVersioning();
    });
    const logs = () => bucket({ "platform.io/purpose": "logs" });
    const expected = [{ message: 'log bucket "logs" has no BucketVersioning with status Enabled', urn: BUCKET_URN }];
    it("is advisory by default", () => assert.equal(policy.enforcementLevel, "advisory"));
    it("passes a versioned log bucket and ignores other buckets", () => {
      const b = logs();
      assert.deepEqual(
        runStack(policy, [
          b,
          attached(BUCKET_VERSIONING, b, { versioningConfiguration: { status: "Enabled" } }),
          bucket(),
        ]),
        [],
      );
    });
    it("reports an unversioned log bucket", () => assert.deepEqual(runStack(policy, [logs()]), expected));
    it("reports suspended versioning", () => {
      const b = logs();
      assert.deepEqual(
        runStack(policy, [b, attached(BUCKET_VERSIONING, b, { versioningConfiguration: { status: "Suspended" } })]),
        expected,
      );
    });
  });

  describe("aws-kms-key-rotation", () => {
    let policy: ReturnType<typeof kmsKeyRotation>;
    beforeEach(() => {
      policy = kmsKeyRotation();
    });
    const key = (props: Record<string, unknown>) =>
      runResource(policy, resourceArgs("aws:kms/key:Key", props, { name: "eks" }));
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a rotating symmetric key", () => assert.deepEqual(key({ enableKeyRotation: true }), { messages: [] }));
    it("reports a key without rotation", () =>
      assert.deepEqual(key({ description: "eks" }).messages, ['KMS key "eks" must set enableKeyRotation: true']));
    it("is not applicable to asymmetric keys", () =>
      assert.deepEqual(key({ customerMasterKeySpec: "RSA_2048" }), {
        messages: [],
        notApplicable: "key spec RSA_2048 cannot rotate",
      }));
  });
});
