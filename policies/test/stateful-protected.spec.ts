import { strict as assert } from "node:assert";
import { statefulProtected } from "../aws/storage/stateful-protected";
import { awsProvider, PLATFORM_TAGS, resourceArgs, runResource } from "./harness";

const KMS = "aws:kms/key:Key";
const policy = statefulProtected();

/** A resource of `type` with Pulumi's protect option as given and the stack tags given. */
function args(
  type: string,
  protect: boolean,
  o: { config?: Record<string, unknown>; stackTags?: Record<string, string>; tags?: Record<string, string> } = {},
) {
  const a = resourceArgs(type, o.tags ? { tags: o.tags } : {}, { name: "keys", config: o.config });
  a.opts.protect = protect;
  a.stackTags = new Map(Object.entries(o.stackTags ?? {}));
  return a;
}

// The message is the policy's own contract with the operator: what to set and how to lift it.
const violation = (what: string, env: string) =>
  `${what} "keys" must be registered with protect: true in ${env} (lift it with \`pulumi state unprotect <urn>\` before a deliberate destroy)`;

describe("policy: aws-stateful-protected (policy pack harness)", () => {
  it("refuses an unprotected KMS key in prod, the environment named by the stack tag", () => {
    const out = runResource(policy, args(KMS, false, { stackTags: { environment: "prod" } }));
    assert.deepEqual(out, { messages: [violation("KMS key", "prod")] });
  });

  it("passes the same key once protect is set", () => {
    assert.deepEqual(runResource(policy, args(KMS, true, { stackTags: { environment: "prod" } })), { messages: [] });
  });

  it("does not apply in dev by default, and says which environment it saw", () => {
    const out = runResource(policy, args(KMS, false, { stackTags: { environment: "dev" } }));
    assert.deepEqual(out, { messages: [], notApplicable: "environment dev is not protected" });
  });

  it("says (unknown) when no config, stack tag or resource tag names the environment", () => {
    const out = runResource(policy, args("aws:rds/cluster:Cluster", false));
    assert.deepEqual(out, { messages: [], notApplicable: "environment (unknown) is not protected" });
  });

  it("protects the environments the config lists, not prod, when configured", () => {
    const config = { protectedEnvironments: ["staging"] };
    const staging = runResource(policy, args(KMS, false, { config, stackTags: { environment: "staging" } }));
    assert.deepEqual(staging, { messages: [violation("KMS key", "staging")] });
    const prod = runResource(policy, args(KMS, false, { config, stackTags: { environment: "prod" } }));
    assert.equal(prod.notApplicable, "environment prod is not protected");
  });

  it("takes the configured environment over the stack tag", () => {
    const out = runResource(
      policy,
      args(KMS, false, { config: { environment: "prod" }, stackTags: { environment: "dev" } }),
    );
    assert.deepEqual(out.messages, [violation("KMS key", "prod")]);
  });

  it("falls back to the resource's environment tag when neither config nor stack tag names one", () => {
    const out = runResource(
      policy,
      args("aws:elasticache/replicationGroup:ReplicationGroup", false, { tags: { environment: "prod" } }),
    );
    assert.deepEqual(out.messages, [violation("ElastiCache replication group", "prod")]);
  });

  it("reads the provider's default environment tag as the resource's own", () => {
    const a = resourceArgs(
      KMS,
      {},
      { name: "keys", provider: awsProvider("eu-west-1", { ...PLATFORM_TAGS, environment: "prod" }) },
    );
    assert.deepEqual(runResource(policy, a).messages, [violation("KMS key", "prod")]);
  });

  it("leaves types outside the stateful set alone, even unprotected in prod", () => {
    const out = runResource(policy, args("aws:s3/bucket:Bucket", false, { stackTags: { environment: "prod" } }));
    assert.deepEqual(out, { messages: [] });
  });
});
