import { strict as assert } from "assert";
import { protectionSection } from "../../tools/review/attention-text";
import type { ResourceReview, ReviewResource } from "../../tools/review/changes";
import type { ProtectedDeletion } from "../../tools/review/disruption";
import { review } from "../../tools/review/render";

/**
 * The protection steps under "Needs attention" (docs/views.md): AWS deletion protection off first
 * through its platform:*.deletionProtection key, then Pulumi protect through platform:*.protect or
 * `pulumi state unprotect`, resources no key reaches named, then the change; each resource with what
 * protects it, most costly to lose first; retainOnDelete resources listed as kept.
 */
const item = (
  type: string,
  name: string,
  flags: { protect?: boolean; dp?: boolean; retain?: boolean },
  configKeys: ProtectedDeletion["configKeys"] = {},
  region: string | null = "us-east-1",
): ProtectedDeletion => ({
  row: { type, name, region } as ResourceReview,
  engineUrn: `urn:e::${name}`,
  protect: flags.protect ?? false,
  deletionProtection: flags.dp ?? false,
  retainOnDelete: flags.retain ?? false,
  configKeys,
});
const DB_KEYS = { protect: "database.protect", deletionProtection: "database.deletionProtection" };
const HEAD =
  "**`pulumi up` fails until protection is lifted** on %d of the resources this change deletes or replaces: Pulumi " +
  'stops with `resource "<URN>" cannot be deleted because it is protected`, and AWS refuses to delete a resource ' +
  "whose deletion protection is on. In order:";
const LAST =
  "Run `pulumi up` with this change; set the keys back if the resources that stay should keep their protection.";
const KEPT =
  ": Pulumi drops them from the stack and the resources stay (and are billed); delete them in AWS if they are not wanted.";

describe("review: protection steps", () => {
  it("orders the steps and lists each blocked resource by how costly it is to lose", () => {
    const text = protectionSection([
      item("aws:rds/cluster:Cluster", "db-b", { protect: true, dp: true }, DB_KEYS),
      item("aws:s3/bucket:Bucket", "logs", { protect: true }, {}, null),
      item("aws:eks/cluster:Cluster", "eks", { dp: true }, { deletionProtection: "cluster.deletionProtection" }),
      item("aws:rds/cluster:Cluster", "db-a", { protect: true }, DB_KEYS),
      item("aws:sqs/queue:Queue", "zz", { protect: true }, { protect: "x.protect" }),
      item("aws:rds/globalCluster:GlobalCluster", "gdb", { dp: true }),
      item("aws:sqs/queue:Queue", "kept", { retain: true }),
    ]);
    assert.equal(
      text,
      [
        HEAD.replace("%d", "6"),
        "",
        "1. Turn AWS deletion protection off while the current code still has the resources: " +
          "`platform:database.deletionProtection: false`, `platform:cluster.deletionProtection: false` in the stack " +
          "file, then `pulumi up` (an in-place update; nothing is deleted).",
        "2. Lift Pulumi `protect`: `platform:database.protect: false`, `platform:x.protect: false` in the same " +
          "`pulumi up`, or `pulumi state unprotect '<URN>'` for each resource below.",
        "3. No stack setting reaches `logs`, `gdb`: `pulumi state unprotect '<URN>'`, and for deletion protection the " +
          "service's own call (e.g. `aws rds modify-db-cluster --no-deletion-protection`).",
        `4. ${LAST}`,
        "",
        "- `gdb` (us-east-1): AWS deletion protection (off in AWS)",
        "- `db-a` (us-east-1): Pulumi protect (`pulumi state unprotect 'urn:e::db-a'`)",
        "- `db-b` (us-east-1): AWS deletion protection (`platform:database.deletionProtection: false`) + Pulumi " +
          "protect (`pulumi state unprotect 'urn:e::db-b'`)",
        "- `logs` (global): Pulumi protect (`pulumi state unprotect 'urn:e::logs'`)",
        "- `eks` (us-east-1): AWS deletion protection (`platform:cluster.deletionProtection: false`)",
        "- `zz` (us-east-1): Pulumi protect (`pulumi state unprotect 'urn:e::zz'`)",
        "",
        `**Kept in AWS** (retainOnDelete): \`kept\`${KEPT}`,
        "",
      ].join("\n"),
    );
  });

  it("numbers only the steps that apply, and says nothing when nothing is protected", () => {
    assert.equal(
      protectionSection([item("aws:s3/bucket:Bucket", "logs", { protect: true })]),
      [
        HEAD.replace("%d", "1"),
        "",
        "1. Lift Pulumi `protect`: `pulumi state unprotect '<URN>'` for each resource below.",
        "2. No stack setting reaches `logs`: `pulumi state unprotect '<URN>'`, and for deletion protection the " +
          "service's own call (e.g. `aws rds modify-db-cluster --no-deletion-protection`).",
        `3. ${LAST}`,
        "",
        "- `logs` (us-east-1): Pulumi protect (`pulumi state unprotect 'urn:e::logs'`)",
        "",
      ].join("\n"),
    );
    assert.equal(
      protectionSection([
        item("aws:s3/bucket:Bucket", "a", { retain: true }),
        item("aws:s3/bucket:Bucket", "b", { retain: true }),
      ]),
      `\n**Kept in AWS** (retainOnDelete): \`a\`, \`b\`${KEPT}\n`,
    );
    assert.equal(protectionSection([item("aws:s3/bucket:Bucket", "a", {})]), "");
    assert.equal(protectionSection([]), "");
  });
});

describe("review: which deletions protection blocks", () => {
  const U = (type: string, name: string) => `urn:pulumi:prod::platform::${type}::${name}`;
  const r = (type: string, name: string, inputs: object = {}, extra: Partial<ReviewResource> = {}): ReviewResource => ({
    urn: U(type, name),
    type,
    name,
    custom: !type.startsWith("platform:"),
    parent: null,
    provider: null,
    region: "us-east-1",
    inputs: inputs as Record<string, unknown>,
    dependencies: [],
    ...extra,
  });
  it("reads BASE's protection, the nearest component's config keys and the engine URN", () => {
    const table = r("platform:dynamodb:GlobalTable", "activity");
    const group = r("platform:misc:Group", "g", {}, { parent: table.urn });
    const base = [
      table,
      group,
      r("aws:dynamodb/table:Table", "t", { deletionProtectionEnabled: true }, { parent: group.urn }),
      r("aws:sqs/queue:Queue", "q", { name: "a" }, { options: { retainOnDelete: true } }),
      r("aws:sqs/queue:Queue", "plain"),
      r("aws:kms/key:Key", "k", { deletionProtection: false }, { options: { protect: false } }),
    ];
    const head = [table, group, r("aws:sqs/queue:Queue", "q", { name: "b" })];
    const rv = review({ stack: "prod", resources: base }, { stack: "prod", resources: head });
    assert.deepEqual(
      rv.protectedDeletions.map((p) => [
        p.row.name,
        p.row.op,
        p.engineUrn,
        p.protect,
        p.deletionProtection,
        p.retainOnDelete,
        p.configKeys,
      ]),
      [
        ["q", "replace", "urn:pulumi:prod::platform::aws:sqs/queue:Queue::q", false, false, true, {}],
        [
          "t",
          "delete",
          "urn:pulumi:prod::platform::platform:dynamodb:GlobalTable$platform:misc:Group$aws:dynamodb/table:Table::t",
          false,
          true,
          false,
          { protect: "dynamodb.protect", deletionProtection: "dynamodb.deletionProtection" },
        ],
      ],
    );
  });
});
