// Posts or updates the sticky offline-plan review comment for one stack.
// Runs from pr-comment.yml (workflow_run, base-repository token) and is checked
// out from the default branch, never from the pull request. Everything in the
// artifact (Markdown, PR number) is written by the PR's own run, so:
//   - the PR is found from the API by the run's head SHA (and head repository),
//     and the artifact's PR number must agree;
//   - nothing is posted unless that PR's head SHA is still the run's head SHA
//     (an older run never overwrites the comment of a newer commit);
//   - only a comment written by this bot and starting with the marker is edited.
"use strict";
const fs = require("fs");
const path = require("path");

const LIMIT = 65536;
const BOT = "github-actions[bot]";

/** What produced the review: the PR's own run (its workflow file, program and plan data), not trusted code. */
const PROVENANCE =
  "> **Produced by this pull request's own code.** The plan data and this review come from the " +
  "pull-request workflow as this PR has it (a PR can change its program, its workflow file and so this text). " +
  "Only the posting runs from the default branch. Judge the change by its diff, not by this summary.";

const marker = (stack) => `<!-- offline-plan-review:${stack} -->`;

/** The open PR whose head is the run's head commit in the run's head repository, or null. */
async function findPullRequest({ github, owner, repo, run }) {
  const pulls = await github.paginate(github.rest.pulls.list, { owner, repo, state: "open", per_page: 100 });
  const matches = pulls.filter(
    (p) => p.head.sha === run.head_sha && p.head.repo && p.head.repo.full_name === run.head_repository.full_name,
  );
  return matches.length === 1 ? matches[0] : null;
}

/** Body for the stack: the review when the artifact has it, a notice when the run failed or was cancelled. */
function commentBody({ stack, run, dir }) {
  const file = path.join(dir, `diff-${stack}.md`);
  const review = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
  const sha = run.head_sha.slice(0, 7);
  const link = `[run ${run.id}](${run.html_url})`;
  const lines = [marker(stack)];
  if (run.conclusion !== "success")
    lines.push(
      `> **The offline plan run for ${sha} ended \`${run.conclusion}\`** (${link}).` +
        (review
          ? " The review below is what it produced before it ended."
          : ` No review was produced for \`${stack}\`.`),
      "",
    );
  // Said plainly: pull-request.yml runs as the PR has it, so the PR's own code and workflow wrote this.
  if (review) lines.push(PROVENANCE, "", review);
  else if (run.conclusion === "success") lines.push(`No review artifact for \`${stack}\` in ${link}.`);
  let body = lines.join("\n");
  if (body.length > LIMIT) {
    const note = `\n\n> **Truncated** to GitHub's ${LIMIT}-character limit; see ${link}.`;
    body = body.slice(0, LIMIT - note.length) + note;
  }
  return body;
}

/** Create or update this stack's sticky comment; returns what it did. */
async function postReview({ github, context, core, stack, dir }) {
  const { owner, repo } = context.repo;
  const run = context.payload.workflow_run;
  const pr = await findPullRequest({ github, owner, repo, run });
  if (!pr) {
    core.info(`No open pull request has head ${run.head_sha} from ${run.head_repository.full_name}; nothing posted.`);
    return "skipped: no pull request at this head";
  }
  const numberFile = path.join(dir, "pr-number");
  if (fs.existsSync(numberFile)) {
    const claimed = Number(fs.readFileSync(numberFile, "utf8").trim());
    if (claimed !== pr.number) {
      core.setFailed(
        `artifact names PR ${claimed}, but head ${run.head_sha} belongs to PR ${pr.number}; nothing posted`,
      );
      return "refused: PR number mismatch";
    }
  }
  // Re-read right before writing: a push since the lookup makes this run stale.
  const { data: fresh } = await github.rest.pulls.get({ owner, repo, pull_number: pr.number });
  if (fresh.head.sha !== run.head_sha) {
    core.info(`PR ${pr.number} moved to ${fresh.head.sha}; this run (${run.head_sha}) is stale, nothing posted.`);
    return "skipped: stale run";
  }
  const body = commentBody({ stack, run, dir });
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: pr.number,
    per_page: 100,
  });
  const mine = comments.find(
    (c) => c.user && c.user.login === BOT && c.user.type === "Bot" && (c.body || "").startsWith(marker(stack)),
  );
  if (mine) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
    return `updated ${mine.id}`;
  }
  await github.rest.issues.createComment({ owner, repo, issue_number: pr.number, body });
  return "created";
}

module.exports = { postReview, commentBody, findPullRequest, marker, BOT, LIMIT, PROVENANCE };
