import { strict as assert } from "assert";
import fc from "fast-check";
import { cacheAccessString } from "../../components/data/cache-users";
import { aclPatterns, elasticacheRbac, elasticacheUserScope } from "../../policies/aws/access/cache-rbac";
import type { PlanResource } from "../../policies/lib/offline";
import { resourceArgs, runResource } from "../../policies/test/harness";
import { accessReport, accessProblem } from "../../tools/access";
import { planFor } from "../helpers/plan";

// Per-service cache users: each service connects with IAM authentication as its own user, whose
// access string reaches only "<service>:*"; a shared user or an over-broad access string fails.
// Expected names are written out from the dev stack (mock account 123456789012), not computed.

const ACCT = "123456789012";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const USER = "aws:elasticache/user:User";
const run = (p: ReturnType<typeof elasticacheRbac>, type: string, props: Record<string, unknown>) =>
  runResource(p, resourceArgs(type, props, { name: "c" })).messages;

describe("access: ElastiCache RBAC policies", () => {
  it("aws-elasticache-rbac passes a user group and reports a shared token or a missing group", () => {
    const p = elasticacheRbac();
    assert.equal(p.enforcementLevel, "mandatory");
    assert.deepEqual(run(p, GROUP, { transitEncryptionEnabled: true, userGroupIds: ["g"] }), []);
    assert.deepEqual(run(p, GROUP, { transitEncryptionEnabled: true, authToken: "[secret]", userGroupIds: ["g"] }), [
      'replication group "c" sets authToken: one token shared by every client; use userGroupIds',
    ]);
    assert.deepEqual(run(p, GROUP, { transitEncryptionEnabled: true, authToken: "[secret]" }), [
      'replication group "c" sets authToken: one token shared by every client; use userGroupIds',
      'replication group "c" must set userGroupIds (per-service users, RBAC)',
    ]);
    // A Global Datastore secondary inherits encryption: it still needs its region's user group.
    assert.deepEqual(run(p, GROUP, { globalReplicationGroupId: "ldgnf-x" }), [
      'replication group "c" must set userGroupIds (per-service users, RBAC)',
    ]);
    assert.deepEqual(run(p, GROUP, { transitEncryptionEnabled: false }), []);
  });

  it("aws-elasticache-user-scope passes one prefix without @dangerous and a disabled default user", () => {
    const p = elasticacheUserScope();
    assert.deepEqual(run(p, USER, { userName: "u", accessString: "on ~orders:* &orders:* +@all -@dangerous" }), []);
    assert.deepEqual(run(p, USER, { userName: "default", accessString: "off -@all" }), []);
    assert.deepEqual(run(p, USER, { userName: "u", accessString: "on %R~orders:* +@read" }), []);
  });

  it("aws-elasticache-user-scope reports every key, channel, category and default-user widening", () => {
    const p = elasticacheUserScope();
    assert.deepEqual(run(p, USER, { userName: "u", accessString: "on ~* +@all" }), [
      'cache user "c" must reach one key prefix (~<prefix>:*), not * ("on ~* +@all")',
      'cache user "c" may run @dangerous commands ("on ~* +@all"): add -@dangerous',
    ]);
    assert.deepEqual(run(p, USER, { userName: "u", accessString: "on allkeys allchannels +@read" }), [
      'cache user "c" must reach one key prefix (~<prefix>:*), not *, &* ("on allkeys allchannels +@read")',
    ]);
    assert.deepEqual(run(p, USER, { userName: "u", accessString: "on ~a:* ~b:* +get" }), [
      'cache user "c" reaches a:*, b:*: one prefix per user ("on ~a:* ~b:* +get")',
    ]);
    assert.deepEqual(run(p, USER, { userName: "u", accessString: "on ~a* +get" }), [
      'cache user "c" must reach one key prefix (~<prefix>:*), not a* ("on ~a* +get")',
    ]);
    assert.deepEqual(run(p, USER, { userName: "u", accessString: "on ~a:* +@dangerous" }), [
      'cache user "c" may run @dangerous commands ("on ~a:* +@dangerous"): add -@dangerous',
    ]);
    assert.deepEqual(run(p, USER, { userName: "default", accessString: "on ~default:* +get" }), [
      'cache user "c" is the default user and is on ("on ~default:* +get")',
    ]);
  });
});

async function devResources(): Promise<PlanResource[]> {
  const { plan } = await planFor("dev");
  return plan.resources.map((r) => ({ ...r, inputs: structuredClone(r.inputs) }));
}

const byName = (rs: PlanResource[], type: string, name: string) => {
  const r = rs.find((x) => x.type === type && x.name === name);
  assert.ok(r, `${type} ${name} in the dev plan`);
  return r;
};

const problems = (rs: PlanResource[]) =>
  accessReport(rs)
    .entries.filter((e) => !e.ok && e.requirement.includes("cache"))
    .map(accessProblem);

describe("access: per-service cache users in the dev plan", () => {
  it("the replication group uses a user group, no AUTH token, and each cache service has its own IAM user", async () => {
    const rs = await devResources();
    const group = byName(rs, GROUP, "cache-us-east-1-group");
    assert.equal(group.inputs.authToken, undefined);
    assert.equal(group.inputs.authTokenUpdateStrategy, "DELETE");
    assert.deepEqual(group.inputs.userGroupIds, ["platform-dev-cache-users"]);
    const users = byName(rs, "aws:elasticache/userGroup:UserGroup", "cache-us-east-1-users");
    assert.deepEqual(users.inputs.userIds, [
      "platform-dev-cache-default",
      "platform-dev-user-service",
      "platform-dev-activity-service",
      "platform-dev-notification-service",
    ]);
    const user = byName(rs, USER, "cache-us-east-1-user-activity-service");
    assert.equal(user.inputs.accessString, "on ~activity-service:* &activity-service:* +@all -@dangerous");
    assert.deepEqual(user.inputs.authenticationMode, { type: "iam" });
    assert.equal(user.inputs.userName, "platform-dev-activity-service");
    assert.equal(byName(rs, USER, "cache-us-east-1-user-default").inputs.accessString, "off -@all");
    const cache = accessReport(rs).entries.filter((e) => e.requirement.includes("cache"));
    assert.deepEqual(
      cache.filter((e) => !e.ok),
      [],
    );
    // 3 services x (group + user + scope) required, 3 x 2 other users and the worker's group forbidden.
    assert.equal(cache.filter((e) => e.kind === "required").length, 9);
    assert.equal(cache.filter((e) => e.kind === "forbidden").length, 7);
  }).timeout(120_000);

  it("a shared user: notification-service naming user-service's cache user is reported both ways", async () => {
    const rs = await devResources();
    const d = byName(rs, "kubernetes:apps/v1:Deployment", "us-east-1-workloads-deploy-notification-service");
    const env = (d.inputs as any).spec.template.spec.containers[0].env as { name: string; value: string }[];
    env.find((e) => e.name === "REDIS_USER")!.value = "platform-dev-user-service";
    const role = (s: string) => `arn:aws:iam::${ACCT}:role/us-east-1-workloads-${s}-pi-role`;
    const user = `arn:aws:elasticache:us-east-1:${ACCT}:user:platform-dev-user-service`;
    const group = `arn:aws:elasticache:us-east-1:${ACCT}:replicationgroup:platform-dev-use1-cache`;
    const m = problems(rs);
    assert.ok(
      m.includes(
        `service-own-cache-user (required): ${role("notification-service")} elasticache:Connect on ${user} is denied: ` +
          `no identity policy of ${role("notification-service")} allows it and the resource has no policy naming it`,
      ),
      m.join("\n"),
    );
    assert.ok(
      m.includes(
        `cache-user-scoped (required): ${role("notification-service")} elasticache:Connect on ${group}/platform-dev-user-service is denied: ` +
          `user platform-dev-user-service reaches keys beyond notification-service:* ("on ~user-service:* &user-service:* +@all -@dangerous": user-service:*) ` +
          "(urn:pulumi:dev::platform::platform:data:GlobalCache$aws:elasticache/user:User::cache-us-east-1-user-user-service)",
      ),
      m.join("\n"),
    );
    assert.ok(m.some((x) => x.startsWith(`service-other-cache-user (forbidden): ${role("user-service")}`)));
  }).timeout(120_000);

  it("an over-broad access string: the user may touch every key", async () => {
    const rs = await devResources();
    byName(rs, USER, "cache-us-east-1-user-user-service").inputs.accessString = "on ~* +@all -@dangerous";
    const group = `arn:aws:elasticache:us-east-1:${ACCT}:replicationgroup:platform-dev-use1-cache`;
    assert.deepEqual(problems(rs), [
      `cache-user-scoped (required): arn:aws:iam::${ACCT}:role/us-east-1-workloads-user-service-pi-role elasticache:Connect on ` +
        `${group}/platform-dev-user-service is denied: user platform-dev-user-service reaches keys beyond user-service:* ` +
        '("on ~* +@all -@dangerous": *) ' +
        "(urn:pulumi:dev::platform::platform:data:GlobalCache$aws:elasticache/user:User::cache-us-east-1-user-user-service)",
    ]);
  }).timeout(120_000);

  it("a group without the user group, or a password user, fails the scope entry", async () => {
    const rs = await devResources();
    byName(rs, GROUP, "cache-us-east-1-group").inputs.userGroupIds = [];
    assert.equal(problems(rs).filter((m) => m.includes("is in no user group")).length, 3);
    const rs2 = await devResources();
    byName(rs2, USER, "cache-us-east-1-user-user-service").inputs.authenticationMode = { type: "password" };
    assert.deepEqual(
      problems(rs2).map((m) => m.replace(/ \(urn:.*\)$/, "").split(" is denied: ")[1]),
      ["user platform-dev-user-service authenticates with password, not IAM"],
    );
  }).timeout(120_000);
});

describe("access: cache access strings, for any service name", () => {
  const service = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/);

  it("each service's own string passes the scope policy and reaches exactly its prefix", () =>
    fc.assert(
      fc.property(service, (s) => {
        const access = cacheAccessString(s);
        assert.deepEqual(aclPatterns(access), { keys: [`${s}:*`], channels: [`${s}:*`] });
        assert.deepEqual(run(elasticacheUserScope(), USER, { userName: s, accessString: access }), []);
      }),
    ));

  it("adding any key pattern that is not the service's prefix, or widening it, is reported", () =>
    fc.assert(
      fc.property(service, fc.constantFrom("~*", "allkeys", "%RW~*", "~x*", "&*", "allchannels"), (s, extra) => {
        const access = `${cacheAccessString(s)} ${extra}`;
        assert.equal(run(elasticacheUserScope(), USER, { userName: s, accessString: access }).length, 1, access);
      }),
    ));
});
