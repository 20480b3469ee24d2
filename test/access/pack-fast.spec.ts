import { strict as assert } from "assert";
import { aclPatterns, elasticacheRbac, elasticacheUserScope } from "../../policies/aws/access/cache-rbac";
import { accessPolicies } from "../../policies/aws/access/entries";
import { noForeignAccess } from "../../policies/aws/access/foreign-access";
import { resourceArgs, runResource } from "../../policies/test/harness";

// The access area's pack policies on hand-written resources. Expectations: ElastiCache RBAC and IAM
// auth (Clusters.RBAC.html, auth-iam.html), Valkey ACL rules (valkey.io/topics/acl: `~`, `%R~`,
// `%W~`, `%RW~`, `allkeys`, `&`, `allchannels`, `+@all`, `allcommands`, `-@dangerous`), and the IAM
// cross-account evaluation page for resource policies.
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const USER = "aws:elasticache/user:User";
const run = (p: ReturnType<typeof elasticacheRbac>, type: string, props: Record<string, unknown>) =>
  runResource(p, resourceArgs(type, props, { name: "c" })).messages;

describe("access pack policies", () => {
  it("registers the three access policies in pack order", () => {
    assert.deepEqual(
      accessPolicies.map((e) => e.create().name),
      ["aws-elasticache-rbac", "aws-elasticache-user-scope", "aws-no-foreign-access"],
    );
    assert.deepEqual(
      accessPolicies.map((e) => e.create().enforcementLevel),
      ["mandatory", "mandatory", "mandatory"],
    );
  });

  it("aws-elasticache-rbac: an encrypted group needs user groups and no shared token", () => {
    const p = elasticacheRbac();
    const noGroups = 'replication group "c" must set userGroupIds (per-service users, RBAC)';
    const token = 'replication group "c" sets authToken: one token shared by every client; use userGroupIds';
    assert.deepEqual(run(p, RG, { transitEncryptionEnabled: true }), [noGroups]);
    assert.deepEqual(run(p, RG, { transitEncryptionEnabled: true, userGroupIds: [] }), [noGroups]);
    assert.deepEqual(run(p, RG, { transitEncryptionEnabled: true, userGroupIds: ["g"] }), []);
    assert.deepEqual(run(p, RG, { transitEncryptionEnabled: true, userGroupIds: ["g"], authToken: "t" }), [token]);
    assert.deepEqual(run(p, RG, { transitEncryptionEnabled: true, userGroupIds: ["g"], authTokenWo: "t" }), [token]);
    assert.deepEqual(run(p, RG, { transitEncryptionEnabled: true, userGroupIds: ["g"], authToken: "" }), []);
    assert.deepEqual(run(p, RG, { transitEncryptionEnabled: true, userGroupIds: "g" }), [noGroups]);
    // Unencrypted (RBAC needs TLS for IAM users): out of scope; a Global Datastore secondary inherits TLS.
    assert.deepEqual(run(p, RG, { transitEncryptionEnabled: false, authToken: "t" }), []);
    assert.deepEqual(run(p, RG, { globalReplicationGroupId: "ldgnf-x" }), [noGroups]);
    assert.deepEqual(run(p, USER, { transitEncryptionEnabled: true }), []);
  });

  it("aclPatterns reads key and channel patterns of an access string", () => {
    assert.deepEqual(aclPatterns("on  ~app:* %R~ro:* %RW~rw:* %W~w:* &chan:* -@all"), {
      keys: ["app:*", "ro:*", "rw:*", "w:*"],
      channels: ["chan:*"],
    });
    assert.deepEqual(aclPatterns("on AllKeys AllChannels +@all"), { keys: ["*"], channels: ["*"] });
    assert.deepEqual(aclPatterns("on %X~a:* x~b:* allkeysx"), { keys: [], channels: [] });
  });

  it("aws-elasticache-user-scope: one key prefix, no @dangerous, the default user off", () => {
    const p = elasticacheUserScope();
    const u = (accessString: unknown, userName = "svc") => run(p, USER, { accessString, userName });
    assert.deepEqual(u("on ~svc:* &svc:* +@all -@dangerous"), []);
    assert.deepEqual(u("on ~svc:* +@read"), []);
    assert.deepEqual(u("off ~* +@all"), []);
    assert.deepEqual(u(undefined), []);
    assert.deepEqual(run(p, RG, { accessString: "on ~* +@all", userName: "default" }), []);
    assert.deepEqual(u("off ~* +@all", "default"), []);
    assert.deepEqual(u("on ~svc:* +@read", "default"), [
      'cache user "c" is the default user and is on ("on ~svc:* +@read")',
    ]);
    assert.deepEqual(u("on ~* +@read"), [
      'cache user "c" must reach one key prefix (~<prefix>:*), not * ("on ~* +@read")',
    ]);
    assert.deepEqual(u("on ~svc:* &* +@read"), [
      'cache user "c" must reach one key prefix (~<prefix>:*), not &* ("on ~svc:* &* +@read")',
    ]);
    assert.deepEqual(u("on ~s*c:* +@read"), [
      'cache user "c" must reach one key prefix (~<prefix>:*), not s*c:* ("on ~s*c:* +@read")',
    ]);
    assert.deepEqual(u("on ~svc +@read"), [
      'cache user "c" must reach one key prefix (~<prefix>:*), not svc ("on ~svc +@read")',
    ]);
    assert.deepEqual(u("on +@read"), [
      'cache user "c" must reach one key prefix (~<prefix>:*), not no key ("on +@read")',
    ]);
    assert.deepEqual(u("on ~a:* ~b:* +@read"), [
      'cache user "c" reaches a:*, b:*: one prefix per user ("on ~a:* ~b:* +@read")',
    ]);
    assert.deepEqual(u("on ~a:* ~a:* +@read"), []);
    for (const a of ["on ~svc:* +@all", "on ~svc:* allcommands", "on ~svc:* +@read +@dangerous"])
      assert.deepEqual(u(a), [`cache user "c" may run @dangerous commands ("${a}"): add -@dangerous`], a);
    assert.deepEqual(u("on ~svc:* AllCommands -@Dangerous"), []);
  });

  describe("aws-no-foreign-access", () => {
    const doc = (...s: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: s });
    const run2 = (policy: unknown, type = "aws:s3/bucketPolicy:BucketPolicy") =>
      runResource(noForeignAccess(), resourceArgs(type, { policy }, { name: "p" })).messages;
    const open = { Sid: "Open", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
    const msg = (what: string) => [`policy of "p" lets another account's identity ${what}`];

    it("checks every kind of resource policy, and only those", () => {
      for (const t of [
        "aws:s3/bucket:Bucket",
        "aws:s3/bucketPolicy:BucketPolicy",
        "aws:sqs/queue:Queue",
        "aws:sqs/queuePolicy:QueuePolicy",
        "aws:sns/topic:Topic",
        "aws:sns/topicPolicy:TopicPolicy",
        "aws:secretsmanager/secretPolicy:SecretPolicy",
      ])
        assert.deepEqual(run2(doc(open), t), msg("s3:GetObject (p#Open)"), t);
      assert.deepEqual(run2(doc(open), "aws:iam/role:Role"), []);
      assert.deepEqual(run2(""), []);
      assert.deepEqual(run2(undefined), []);
    });

    it("a KMS key policy naming another account delegates to it, which is reported; its own account is not", () => {
      const key = (p: unknown) =>
        run2(
          doc({ Sid: "K", Effect: "Allow", Principal: { AWS: p }, Action: "kms:Decrypt", Resource: "*" }),
          "aws:kms/key:Key",
        );
      assert.deepEqual(key("210987654321"), msg("kms:Decrypt (p#K)"));
      assert.deepEqual(key("arn:aws:iam::000000000000:root"), []);
      assert.deepEqual(key("arn:aws:iam::210987654321:role/administrator"), msg("kms:Decrypt (p#K)"));
    });

    it("conditions decide as for the outsider's request (its account, ARN, TLS)", () => {
      const withCond = (Condition: unknown) => run2(doc({ ...open, Condition }));
      assert.deepEqual(withCond({ StringEquals: { "aws:SourceAccount": "000000000000" } }), []);
      assert.deepEqual(withCond({ StringEquals: { "aws:PrincipalAccount": "000000000000" } }), []);
      assert.deepEqual(
        withCond({ StringEquals: { "aws:PrincipalAccount": "210987654321" } }),
        msg("s3:GetObject (p#Open)"),
      );
      assert.deepEqual(
        withCond({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::210987654321:role/*" } }),
        msg("s3:GetObject (p#Open)"),
      );
      assert.deepEqual(withCond({ Bool: { "aws:SecureTransport": "true" } }), msg("s3:GetObject (p#Open)"));
    });

    it("each Allow is tried on its own resources with wildcards filled; denies and services are not reported", () => {
      const deny = (Resource: string) => ({ Effect: "Deny", Principal: "*", Action: "*", Resource });
      assert.deepEqual(run2(doc(open, deny("arn:aws:s3:::b/x0"))), []);
      assert.deepEqual(run2(doc({ ...open, Resource: undefined }, deny("arn:aws:s3:::x0/x0"))), []);
      assert.deepEqual(run2(doc({ ...open, Resource: "*" }, deny("arn:aws:s3:::x0/x0"))), []);
      assert.deepEqual(run2(doc({ ...open, Effect: "Deny" })), []);
      assert.deepEqual(run2(doc({ ...open, Principal: { Service: "logging.s3.amazonaws.com" } })), []);
      assert.deepEqual(run2(doc({ ...open, Action: undefined, NotAction: "s3:Delete*" })), []);
      assert.deepEqual(
        run2(doc({ ...open, Action: ["s3:GetObject", "s3:PutObject"] }, { ...open, Sid: "Again" })),
        msg("s3:GetObject (p#Open, p#Again); s3:PutObject (p#Open)"),
      );
    });
  });
});
