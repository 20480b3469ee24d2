import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../helpers/plan";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const script = require(path.join(ROOT, ".github", "scripts", "pr-comment.js")) as {
  postReview(args: unknown): Promise<string>;
  marker(stack: string): string;
  PROVENANCE: string;
};

interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
}
const BOT = { login: "github-actions[bot]", type: "Bot" };
const HEAD = "a".repeat(40);
const REPO = { full_name: "fork/platform" };

/** A GitHub API stand-in recording every write. */
function fakeGithub(opts: { pulls: object[]; headNow?: string; comments?: Comment[] }) {
  const writes: { op: string; id?: number; issue?: number; body: string }[] = [];
  const rest = {
    pulls: {
      list: "pulls.list",
      get: async () => ({ data: { head: { sha: opts.headNow ?? HEAD } } }),
    },
    issues: {
      listComments: "issues.listComments",
      updateComment: async (a: { comment_id: number; body: string }) =>
        writes.push({ op: "update", id: a.comment_id, body: a.body }),
      createComment: async (a: { issue_number: number; body: string }) =>
        writes.push({ op: "create", issue: a.issue_number, body: a.body }),
    },
  };
  const paginate = async (what: string) => (what === "pulls.list" ? opts.pulls : (opts.comments ?? []));
  return { github: { rest, paginate }, writes };
}

const pr = (number: number, sha = HEAD, repo = REPO) => ({ number, head: { sha, repo } });

function run(conclusion = "success") {
  return { id: 7, html_url: "https://example.test/run/7", head_sha: HEAD, head_repository: REPO, conclusion };
}

function artifact(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-comment-"));
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

async function post(gh: ReturnType<typeof fakeGithub>, dir: string, conclusion = "success") {
  const failed: string[] = [];
  const core = { info: () => undefined, setFailed: (m: string) => failed.push(m) };
  const context = { repo: { owner: "org", repo: "platform" }, payload: { workflow_run: run(conclusion) } };
  const result = await script.postReview({ github: gh.github, context, core, stack: "prod", dir });
  return { result, failed };
}

describe("pr-comment script (posting the review on the PR)", () => {
  const review = "### Offline plan review for `prod`\n\n**1 to create**\n";

  it("creates the sticky comment on the PR whose head is the run's head commit", async () => {
    const gh = fakeGithub({ pulls: [pr(3, "b".repeat(40)), pr(5)] });
    const { result } = await post(gh, artifact({ "diff-prod.md": review, "pr-number": "5\n" }));
    assert.equal(result, "created");
    assert.deepEqual(
      gh.writes.map((w) => [w.op, w.issue]),
      [["create", 5]],
    );
    assert.equal(gh.writes[0].body, `${script.marker("prod")}\n${script.PROVENANCE}\n\n${review}`);
    // The comment says plainly that the PR's own code produced it.
    assert.match(script.PROVENANCE, /Produced by this pull request's own code/);
  });

  it("posts nothing when the PR has moved on to a newer commit (a stale run cannot overwrite)", async () => {
    const gh = fakeGithub({ pulls: [pr(5)], headNow: "c".repeat(40) });
    const { result } = await post(gh, artifact({ "diff-prod.md": review, "pr-number": "5" }));
    assert.equal(result, "skipped: stale run");
    assert.deepEqual(gh.writes, []);
  });

  it("refuses an artifact that names another PR than the run's head belongs to", async () => {
    const gh = fakeGithub({ pulls: [pr(5)] });
    const { result, failed } = await post(gh, artifact({ "diff-prod.md": review, "pr-number": "4" }));
    assert.equal(result, "refused: PR number mismatch");
    assert.match(failed[0], /artifact names PR 4, but head a{40} belongs to PR 5/);
    assert.deepEqual(gh.writes, []);
  });

  it("ignores a PR from another repository with the same head SHA", async () => {
    const gh = fakeGithub({ pulls: [pr(5, HEAD, { full_name: "someone-else/platform" })] });
    const { result } = await post(gh, artifact({ "diff-prod.md": review }));
    assert.equal(result, "skipped: no pull request at this head");
    assert.deepEqual(gh.writes, []);
  });

  it("edits only the bot's own comment: a user's comment starting with the marker is left alone", async () => {
    const marker = script.marker("prod");
    const comments = [
      { id: 1, body: `${marker}\nforged by a user`, user: { login: "mallory", type: "User" } },
      { id: 2, body: `${marker}\nold review`, user: BOT },
    ];
    const gh = fakeGithub({ pulls: [pr(5)], comments });
    const { result } = await post(gh, artifact({ "diff-prod.md": review, "pr-number": "5" }));
    assert.equal(result, "updated 2");
    assert.deepEqual(
      gh.writes.map((w) => [w.op, w.id]),
      [["update", 2]],
    );
  });

  it("a user's forged marker alone makes the bot create its own comment, not edit the user's", async () => {
    const comments = [{ id: 1, body: `${script.marker("prod")}\nforged`, user: { login: "mallory", type: "User" } }];
    const gh = fakeGithub({ pulls: [pr(5)], comments });
    assert.equal((await post(gh, artifact({ "diff-prod.md": review }))).result, "created");
  });

  it("says so when the plan run was cancelled before producing a review (no stale 'no changes')", async () => {
    const gh = fakeGithub({ pulls: [pr(5)], comments: [{ id: 2, body: `${script.marker("prod")}\nold`, user: BOT }] });
    await post(gh, artifact({}), "cancelled");
    assert.equal(gh.writes[0].op, "update");
    assert.match(
      gh.writes[0].body,
      /^<!-- offline-plan-review:prod -->\n> \*\*The offline plan run for aaaaaaa ended `cancelled`\*\* \(\[run 7\]\(https:\/\/example\.test\/run\/7\)\)\. No review was produced for `prod`\./,
    );
  });

  it("a failed run that still produced a review shows the failure first, then the review", async () => {
    const gh = fakeGithub({ pulls: [pr(5)] });
    await post(gh, artifact({ "diff-prod.md": review, "pr-number": "5" }), "failure");
    const body = gh.writes[0].body;
    assert.ok(body.indexOf("ended `failure`") < body.indexOf("### Offline plan review"));
  });
});
