import { strict as assert } from "assert";
import { GITHUB_COMMENT_LIMIT, renderReview, review, summaryLine } from "../../tools/review/render";
import type { ReviewPlan, ReviewResource } from "../../tools/review/changes";

/**
 * The comment's limits and edge forms (docs/views.md, "The review"): 1,024 characters stay free
 * for the sticky marker, 400 for the truncation note; a group that only creates or only deletes is
 * folded; diagrams over a fifth of the comment become a note; nothing changed says so.
 */
const U = (type: string, name: string) => `urn:pulumi:dev::platform::${type}::${name}`;
const REGION = U("platform:region:Region", "eu-west-1");
const r = (type: string, name: string, inputs: object = {}, extra: Partial<ReviewResource> = {}): ReviewResource => ({
  urn: U(type, name),
  type,
  name,
  custom: true,
  parent: REGION,
  provider: null,
  region: "eu-west-1",
  inputs: inputs as Record<string, unknown>,
  dependencies: [],
  ...extra,
});
const region = { ...r("platform:region:Region", "eu-west-1"), parent: null, region: null, custom: false };
const plan = (...resources: ReviewResource[]): ReviewPlan => ({ stack: "dev", resources: [region, ...resources] });
const queues = (n: number) =>
  Array.from({ length: n }, (_, i) => r("aws:sqs/queue:Queue", `queue-${String(i).padStart(2, "0")}`));
const NOTHING =
  "#### Needs attention\n\nNothing: no stateful or protected resource is deleted or replaced, no update restarts, " +
  "fails over or replaces running capacity, and no mandatory policy violation is introduced or resolved.\n";

describe("review: limits and edge forms of the comment", () => {
  it("says when nothing changes", () => {
    assert.equal(
      renderReview(review(plan(), plan())),
      "### Offline plan review for `dev`\n\n**0 to create, 0 to update, 0 to replace, 0 to delete, 1 unchanged**\n\n" +
        `${NOTHING}\nNo resource changes.\n`,
    );
    assert.equal(
      summaryLine({ create: 1, update: 2, replace: 3, delete: 4, same: 5 }),
      "1 to create, 2 to update, 3 to replace, 4 to delete, 5 unchanged",
    );
    assert.equal(GITHUB_COMMENT_LIMIT, 65536);
  });

  it("cuts a group at the limit, folds a create-only group and notes what is left out", () => {
    const text = renderReview(review(plan(), plan(...queues(40))), { limit: 4096 });
    // (4,096 - 1,024) characters, 400 kept for the note: the header, the group's top and end and 37 rows of
    // 57 characters (with the newline) fit.
    const rows = text.split("\n").filter((l) => l.startsWith("| + |"));
    assert.equal(rows.length, 37);
    assert.equal(rows[36], "| + | `queue-36` | `aws:sqs/queue:Queue` | eu-west-1 |  |");
    assert.ok(
      text.includes("<details><summary><b>region eu-west-1</b>: 40 resources (40 to create) — region 40</summary>"),
    );
    assert.ok(
      text.endsWith(
        "| + | `queue-36` | `aws:sqs/queue:Queue` | eu-west-1 |  |\n| | … 3 more in this group | | | |\n</details>\n\n" +
          "> **Truncated:** 3 of 40 changed resources are not listed, to stay under GitHub's 65,536-character comment " +
          'limit. The summary and "Needs attention" above are complete; the full review is in the run\'s step summary ' +
          "and its `plan-diff` artifact.\n",
      ),
    );
    assert.ok(text.length <= 4096 - 1024);
    const all = renderReview(review(plan(), plan(...queues(40))));
    assert.equal(all.split("\n").filter((l) => l.startsWith("| + |")).length, 40);
    assert.ok(!all.includes("Truncated"));
  });

  it("leaves out a group that does not fit at all, and keeps an updated group of up to 25 rows open", () => {
    const many = (n: number, v: number) =>
      Array.from({ length: n }, (_, i) => r("aws:sqs/queue:Queue", `q${i}`, { delaySeconds: v }));
    const open = renderReview(review(plan(...many(25, 1)), plan(...many(25, 2))));
    assert.ok(
      open.includes(
        "<details open><summary><b>region eu-west-1</b>: 25 resources (25 to update) — region 25</summary>",
      ),
    );
    const closed = renderReview(review(plan(...many(26, 1)), plan(...many(26, 2))));
    assert.ok(closed.includes("<details><summary><b>region eu-west-1</b>: 26 resources (26 to update)"));
    const tiny = renderReview(review(plan(), plan(...queues(3))), { limit: 1024 + 700 });
    assert.ok(!tiny.includes("<details"));
    assert.ok(
      tiny.endsWith(
        "> **Truncated:** 3 of 3 changed resources are not listed, to stay under GitHub's 65,536-character comment limit. The summary and \"Needs attention\" above are complete; the full review is in the run's step summary and its `plan-diff` artifact.\n",
      ),
    );
  });

  it("replaces diagrams larger than a fifth of the comment by a note", () => {
    const big = "graph TD\n" + "  a --> b\n".repeat(1400);
    const text = renderReview(review(plan(), plan(...queues(1))), { pictures: { deploy: big, flows: big } });
    assert.ok(
      text.includes(
        "#### Pictures\n\nDeploy critical path (changed) and Network flows (changed): too large for this comment; `npm run pictures` draws them.\n",
      ),
    );
    const flows = renderReview(review(plan(), plan(...queues(1))), { pictures: { flows: "graph LR\n  x --> y" } });
    assert.ok(
      flows.includes(
        "#### Pictures\n\n<details><summary>Network flows (changed)</summary>\n\n```mermaid\ngraph LR\n  x --> y\n```\n\n</details>\n",
      ),
    );
    assert.ok(!flows.includes("Deploy critical path"));
  });

  it("names why a stateful resource is replaced: its replacing input, a replaced dependency or its provider", () => {
    const cluster = (engine: string) => r("aws:rds/cluster:Cluster", "db", { engine });
    const instance = r(
      "aws:rds/clusterInstance:ClusterInstance",
      "db-1",
      { clusterIdentifier: "db-id" },
      { dependencies: [U("aws:rds/cluster:Cluster", "db")] },
    );
    const key = (provider: string | null) => r("aws:kms/key:Key", "k", {}, { provider });
    const text = renderReview(
      review(
        plan(cluster("aurora-mysql"), instance, key(null)),
        plan(cluster("aurora-postgresql"), instance, key(U("pulumi:providers:aws", "eu"))),
      ),
    );
    const lines = text.split("\n").filter((l) => l.startsWith("- **+- replace**"));
    assert.deepEqual(lines, [
      "- **+- replace** Aurora cluster `db` (`aws:rds/cluster:Cluster`, eu-west-1): `engine` changes",
      "- **+- replace** Aurora instance `db-1` (`aws:rds/clusterInstance:ClusterInstance`, eu-west-1): `clusterIdentifier` refers to replaced `db`",
      "- **+- replace** KMS key `k` (`aws:kms/key:Key`, eu-west-1): `provider changed: none -> urn:pulumi:dev::platform::pulumi:providers:aws::eu` changes",
    ]);
    assert.ok(
      text.includes(
        "| +- | `k` | `aws:kms/key:Key` | eu-west-1 | replaced: provider changed: none -> urn:pulumi:dev::platform::pulumi:providers:aws::eu |",
      ),
    );
  });
});
