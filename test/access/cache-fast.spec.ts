import { strict as assert } from "assert";
import { cacheNeeds } from "../../tools/access/needs-cache";
import { buildWorld } from "../../tools/access/world";
import { res } from "./world-fixture";

// ElastiCache role-based access control as the ElastiCache guide describes it ("Authenticating with
// IAM", "Role-Based Access Control"; Valkey ACL key patterns `~p`, `%R~p`, `%W~p`, `%RW~p`,
// `allkeys`): a service connects as its own user, an IAM-authenticated member of the group's user
// group, on, reaching only its own keys. Hand-written plan resources with the mock engine's ARNs.
const ACC = "123456789012";
const GROUP = `arn:aws:elasticache:us-east-1:${ACC}:replicationgroup:cache`;
const ROLE = (n: string) => `arn:aws:iam::${ACC}:role/${n}`;
type User = { userId: string; accessString?: string; authenticationMode?: { type: string }; region?: string };
const world = (users: User[], groupUsers: string[], userGroupIds: string[] = ["ug"], extra = []) =>
  buildWorld([
    res("aws:elasticache/replicationGroup:ReplicationGroup", "cache", { replicationGroupId: "cache", userGroupIds }),
    res("aws:elasticache/userGroup:UserGroup", "ug", { userGroupId: "ug", userIds: groupUsers }),
    res("aws:elasticache/userGroup:UserGroup", "ug-west", { userGroupId: "ug", userIds: ["orders"] }, "us-west-2"),
    ...users.map((u) => res("aws:elasticache/user:User", u.userId, u, u.region)),
    // A writer name that follows promotion: CNAME to the primary endpoint (trailing dot as Route 53 writes it).
    res("aws:route53/record:Record", "writer", {
      type: "CNAME",
      name: "writer.cache.internal.",
      records: ["master.cache.mock.use1.cache.amazonaws.com"],
    }),
    res("aws:route53/record:Record", "alias", {
      type: "A",
      name: "reader.cache.internal",
      records: ["replica.cache.mock.use1.cache.amazonaws.com"],
    }),
    ...extra,
  ]);
const load = (name: string, cacheUser: string | undefined, host = "writer.cache.internal") => ({
  name,
  region: "us-east-1",
  roleArn: ROLE(name),
  ...(cacheUser ? { cacheUser } : {}),
  shared: { REDIS_WRITER_HOST: host },
  urn: `urn:${name}`,
});
const iam = { type: "iam" };
const scoped = (w: ReturnType<typeof world>, user = "orders", service = "orders") =>
  cacheNeeds(w, [load(service, user)]).find((n) => n.requirement === "cache-user-scoped")!.decided!;

describe("access model: the cache from the pods (RBAC)", () => {
  it("a service with its user connects to the group it resolves, as itself, and nobody else's user", () => {
    const w = world(
      [{ userId: "orders", accessString: "on ~orders:* +@all -@dangerous", authenticationMode: iam }],
      ["orders"],
    );
    const needs = cacheNeeds(w, [
      load("orders", "orders"),
      load("billing", "billing"),
      load("web", undefined),
      load("far", "far", "elsewhere"),
    ]);
    assert.deepEqual(
      needs.map((n) => [
        n.requirement,
        n.kind,
        (n.asker as { role: string }).role.split("/")[1],
        n.action,
        n.resource,
        n.urn,
      ]),
      [
        ["service-own-cache-user", "required", "orders", "elasticache:Connect", GROUP, "urn:orders"],
        [
          "service-own-cache-user",
          "required",
          "orders",
          "elasticache:Connect",
          `arn:aws:elasticache:us-east-1:${ACC}:user:orders`,
          "urn:orders",
        ],
        ["cache-user-scoped", "required", "orders", "elasticache:Connect", `${GROUP}/orders`, "urn:orders"],
        [
          "service-other-cache-user",
          "forbidden",
          "orders",
          "elasticache:Connect",
          `arn:aws:elasticache:us-east-1:${ACC}:user:billing`,
          "urn:orders",
        ],
        [
          "service-other-cache-user",
          "forbidden",
          "orders",
          "elasticache:Connect",
          `arn:aws:elasticache:us-east-1:${ACC}:user:far`,
          "urn:orders",
        ],
        ["service-own-cache-user", "required", "billing", "elasticache:Connect", GROUP, "urn:billing"],
        [
          "service-own-cache-user",
          "required",
          "billing",
          "elasticache:Connect",
          `arn:aws:elasticache:us-east-1:${ACC}:user:billing`,
          "urn:billing",
        ],
        ["cache-user-scoped", "required", "billing", "elasticache:Connect", `${GROUP}/billing`, "urn:billing"],
        [
          "service-other-cache-user",
          "forbidden",
          "billing",
          "elasticache:Connect",
          `arn:aws:elasticache:us-east-1:${ACC}:user:orders`,
          "urn:billing",
        ],
        [
          "service-other-cache-user",
          "forbidden",
          "billing",
          "elasticache:Connect",
          `arn:aws:elasticache:us-east-1:${ACC}:user:far`,
          "urn:billing",
        ],
        ["service-no-cache", "forbidden", "web", "elasticache:Connect", GROUP, "urn:web"],
      ],
    );
    assert.deepEqual(needs[2].decided, {
      allowed: true,
      decidedBy: [
        "urn:pulumi:test::platform::aws:elasticache/userGroup:UserGroup::ug",
        "urn:pulumi:test::platform::aws:elasticache/user:User::orders",
      ],
      reason: "",
    });
    assert.deepEqual(needs[0].context, {});
  });

  it("the reader endpoint reaches the group too; an A record is not followed", () => {
    const w = world([], []);
    const byReader = cacheNeeds(w, [
      { ...load("r", undefined), shared: { REDIS_READER_HOST: "replica.cache.mock.use1.cache.amazonaws.com" } },
    ]);
    assert.deepEqual(
      byReader.map((n) => n.requirement),
      ["service-no-cache"],
    );
    assert.deepEqual(cacheNeeds(w, [load("a", undefined, "reader.cache.internal")]), []);
    assert.deepEqual(cacheNeeds(w, [{ ...load("none", undefined), shared: {} }]), []);
  });

  it("denies, naming why: not a member, not planned, not IAM, off, keys beyond its own", () => {
    const user = (u: Partial<User>) => ({
      userId: "orders",
      accessString: "on ~orders:*",
      authenticationMode: iam,
      ...u,
    });
    const userUrn = "urn:pulumi:test::platform::aws:elasticache/user:User::orders";
    assert.deepEqual(scoped(world([user({})], ["billing"])), {
      allowed: false,
      decidedBy: [],
      reason: `user orders is in no user group of ${GROUP} (ug)`,
    });
    assert.equal(
      scoped(world([user({})], ["orders"], [])).reason,
      `user orders is in no user group of ${GROUP} (none)`,
    );
    assert.equal(
      scoped(world([user({})], ["orders"], ["other"])).reason,
      `user orders is in no user group of ${GROUP} (other)`,
    );
    assert.deepEqual(scoped(world([user({ region: "us-west-2" })], ["orders"])), {
      allowed: false,
      decidedBy: ["urn:pulumi:test::platform::aws:elasticache/userGroup:UserGroup::ug"],
      reason: "user orders is not planned in us-east-1",
    });
    assert.deepEqual(scoped(world([user({ authenticationMode: { type: "password" } })], ["orders"])), {
      allowed: false,
      decidedBy: [userUrn],
      reason: "user orders authenticates with password, not IAM",
    });
    assert.equal(
      scoped(world([user({ authenticationMode: undefined })], ["orders"])).reason,
      "user orders authenticates with no mode, not IAM",
    );
    assert.equal(
      scoped(world([user({ accessString: "off ~orders:*" })], ["orders"])).reason,
      'user orders is off ("off ~orders:*")',
    );
    assert.equal(
      scoped(world([user({ accessString: "~orders:* onx" })], ["orders"])).reason,
      'user orders is off ("~orders:* onx")',
    );
    assert.equal(scoped(world([user({ accessString: undefined })], ["orders"])).reason, 'user orders is off ("")');
    assert.equal(scoped(world([user({ accessString: "+@all on" })], ["orders"])).allowed, true);
    for (const [access, wide] of [
      ["on ~orders:* ~billing:*", "billing:*"],
      ["on %R~x:*  %W~y:* %RW~z:*", "x:*, y:*, z:*"],
      ["on allkeys", "*"],
      ["on AllKeys", "*"],
      ["on ~*", "*"],
    ])
      assert.deepEqual(scoped(world([user({ accessString: access })], ["orders"])), {
        allowed: false,
        decidedBy: [userUrn],
        reason: `user orders reaches keys beyond orders:* ("${access}": ${wide})`,
      });
    assert.equal(scoped(world([user({ accessString: "on %RW~orders:* &x allkeysx x~y" })], ["orders"])).allowed, true);
  });
});
