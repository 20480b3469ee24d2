import { strict as assert } from "assert";
import { toEntry, type AccessEntry } from "../../tools/access/model";
import { podNeeds } from "../../tools/access/needs-pods";
import { buildWorld } from "../../tools/access/world";
import { plannedResources } from "./resources";

// Who is wired to what in prod's us-east-1, from the default services
// (components/config/sections/workloads.ts): all four use the database; user-, activity- and
// notification-service the cache; activity-service DynamoDB; user- and activity-service Kafka;
// notification-service sends to the jobs queue, notification-worker consumes it. Each must reach its
// own and be forbidden the others' (docs/access.md). Node and controller roles are never passed by a pod.
const SERVICES = ["user-service", "activity-service", "notification-service", "notification-worker"];
const svc = (principal: string) => /us-east-1-workloads-(.+)-pi-role$/.exec(principal)?.[1];
const tail = (arn: string) => arn.split(/[/:]/).pop()!;

async function entries(): Promise<AccessEntry[]> {
  const world = buildWorld(await plannedResources("prod"));
  return podNeeds(world).map((n) => toEntry(world, n));
}

/** service -> sorted "action resource-tail" of one requirement in us-east-1. */
function byService(all: AccessEntry[], requirement: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of all) {
    const s = svc(e.principal);
    if (e.requirement !== requirement || !s || !e.resource.includes(":us-east-1:")) continue;
    (out[s] ??= []).push(`${e.action} ${tail(e.resource)}`);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...new Set(v)].sort()]));
}

describe("access model: each default service's own data and nobody else's (prod, us-east-1)", () => {
  it("database users: its own user, every other service's user forbidden", async () => {
    const all = await entries();
    const user = (s: string) => s.replace(/-/g, "_");
    assert.deepEqual(
      byService(all, "service-own-database-user"),
      Object.fromEntries(SERVICES.map((s) => [s, [`rds-db:connect ${user(s)}`]])),
    );
    assert.deepEqual(
      byService(all, "service-other-database-user"),
      Object.fromEntries(
        SERVICES.map((s) => [
          s,
          SERVICES.filter((o) => o !== s)
            .map((o) => `rds-db:connect ${user(o)}`)
            .sort(),
        ]),
      ),
    );
  });

  it("the table: activity-service reads and writes items (and decrypts), the others may not", async () => {
    const all = await entries();
    const items = [
      "BatchGetItem",
      "BatchWriteItem",
      "ConditionCheckItem",
      "DeleteItem",
      "GetItem",
      "PutItem",
      "Query",
      "UpdateItem",
    ];
    const own = byService(all, "service-own-table");
    assert.deepEqual(Object.keys(own), ["activity-service"]);
    assert.deepEqual(
      own["activity-service"],
      [
        ...items.map((a) => `dynamodb:${a} dynamodb-table`),
        "kms:Decrypt dynamodb-us-east-1-key",
        "kms:DescribeKey dynamodb-us-east-1-key",
      ].sort(),
    );
    const no = byService(all, "service-no-table");
    assert.deepEqual(Object.keys(no).sort(), ["notification-service", "notification-worker", "user-service"]);
    for (const s of Object.keys(no))
      assert.deepEqual(no[s], items.map((a) => `dynamodb:${a} dynamodb-table`).sort(), s);
  });

  it("the jobs queue: the worker consumes, notification-service sends; no one else touches it", async () => {
    const all = await entries();
    assert.deepEqual(byService(all, "service-own-queue"), {
      "notification-worker": ["ChangeMessageVisibility", "DeleteMessage", "GetQueueAttributes", "ReceiveMessage"].map(
        (a) => `sqs:${a} platform-prod-use1-jobs`,
      ),
      "notification-service": ["sqs:SendMessage platform-prod-use1-jobs"],
    });
    const other = byService(all, "service-other-queue");
    const all5 = ["ChangeMessageVisibility", "DeleteMessage", "GetQueueAttributes", "ReceiveMessage", "SendMessage"];
    for (const s of ["user-service", "activity-service"])
      assert.ok(
        all5.every((a) => other[s].includes(`sqs:${a} platform-prod-use1-jobs`)),
        s,
      );
    assert.ok(other["notification-worker"].includes("sqs:SendMessage platform-prod-use1-jobs"));
    assert.ok(!other["notification-worker"].includes("sqs:ReceiveMessage platform-prod-use1-jobs"));
    assert.ok(other["notification-service"].includes("sqs:ReceiveMessage platform-prod-use1-jobs"));
    assert.ok(!other["notification-service"].includes("sqs:SendMessage platform-prod-use1-jobs"));
    for (const s of SERVICES) assert.ok(other[s].includes("sqs:ReceiveMessage platform-prod-use1-karpenter"), s);
  });

  it("Kafka and cache: declared by some services only; the rest are forbidden", async () => {
    const all = await entries();
    assert.deepEqual(Object.keys(byService(all, "service-own-kafka-topics")).sort(), [
      "activity-service",
      "user-service",
    ]);
    assert.deepEqual(Object.keys(byService(all, "service-no-kafka")).sort(), [
      "notification-service",
      "notification-worker",
    ]);
    const cache = byService(all, "service-own-cache-user");
    assert.deepEqual(Object.keys(cache).sort(), ["activity-service", "notification-service", "user-service"]);
    assert.deepEqual(cache["user-service"], [
      "elasticache:Connect platform-prod-use1-cache",
      "elasticache:Connect platform-prod-user-service",
    ]);
    assert.deepEqual(Object.keys(byService(all, "service-no-cache")), ["notification-worker"]);
    assert.deepEqual(byService(all, "service-other-secret")["user-service"], [
      "secretsmanager:GetSecretValue platform-prod-aurora-master-AbCdEf",
      "secretsmanager:GetSecretValue platform-prod-cache-auth-AbCdEf",
    ]);
  });

  it("no pod passes a node or controller role of its region; Karpenter passes its cluster's node roles only", async () => {
    const all = (await entries()).filter((e) => e.requirement === "no-pass-role");
    const of = (role: string) => all.filter((e) => tail(e.principal) === role).map((e) => tail(e.resource));
    const karpenter = of("us-east-1-karpenter-controller-role");
    // Karpenter hands its cluster's node roles to the instances it launches: those alone it may pass.
    assert.ok(
      !karpenter.includes("platform-prod-use1-system-node") && !karpenter.includes("platform-prod-use1-karpenter-node"),
    );
    assert.ok(karpenter.includes("us-east-1-lb-controller-controller-role"));
    // A role's region, named long (us-east-1-...) or short (...-use1-...).
    const region = (arn: string) =>
      ["us-east-1", "us-west-2", "eu-west-1"].findIndex(
        (r, i) => arn.includes(`/${r}-`) || arn.includes(`-${["use1", "usw2", "euw1"][i]}-`),
      );
    const prometheus = of("us-east-1-observability-prometheus-pi-role");
    for (const r of [
      "platform-prod-use1-karpenter-node",
      "platform-prod-use1-system-node",
      "us-east-1-karpenter-controller-role",
      "platform-prod-use1-vpc-cni",
      "us-east-1-workloads-user-service-pi-role",
    ])
      assert.ok(prometheus.includes(r), r);
    for (const e of all) {
      assert.deepEqual([e.action, e.kind, e.ok], ["iam:PassRole", "forbidden", true]);
      assert.ok(region(e.principal) >= 0 && region(e.resource) === region(e.principal), `${e.principal} ${e.resource}`);
    }
  });
});
