import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { planFor, ROOT } from "../helpers/plan";
import { CI_ROLES, REPO } from "./workflow-credentials";

// The real validator (action-validator, JSON-schema based, shipped as wasm).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateWorkflow } = require("@action-validator/core") as {
  validateWorkflow(src: string): { errors: unknown[] };
};

const dir = path.join(ROOT, ".github", "workflows");
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const load = (f: string) => YAML.parse(fs.readFileSync(path.join(dir, f), "utf8"));

describe("GitHub workflows", () => {
  it("exist for pull requests, PR comments and deploys", () => {
    assert.deepEqual(files.sort(), ["deploy.yml", "pr-comment.yml", "pull-request.yml"]);
  });

  for (const f of files) {
    it(`${f} passes action-validator`, () => {
      const result = validateWorkflow(fs.readFileSync(path.join(dir, f), "utf8"));
      assert.deepEqual(result.errors, [], JSON.stringify(result.errors, null, 2));
    });
  }

  // A tag can be moved to other code; a commit SHA cannot (GitHub's security hardening guide for Actions).
  for (const f of files)
    it(`${f} pins every action to a full commit SHA with its tag in a comment`, () => {
      const uses = fs
        .readFileSync(path.join(dir, f), "utf8")
        .split("\n")
        .filter((line) => /^\s*(- )?uses:/.test(line));
      assert.ok(uses.length > 0);
      for (const line of uses) assert.match(line, /uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, line);
    });

  it("installs every package from a lockfile without install scripts (the policy pack too)", () => {
    assert.ok(fs.existsSync(path.join(ROOT, "policies", "package-lock.json")), "policies/package-lock.json");
    for (const f of files) {
      const runs = fs.readFileSync(path.join(dir, f), "utf8");
      assert.doesNotMatch(runs, /npm (install|i)\b/, f);
      for (const ci of runs.match(/npm ci\b[^\n]*/g) ?? []) assert.match(ci, /--ignore-scripts/, `${f}: ${ci}`);
    }
  });

  it("the validator rejects a broken workflow (so the checks above can fail)", () => {
    const result = validateWorkflow("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n");
    assert.ok(result.errors.length > 0);
  });

  it("pull requests run tests, the offline plan for dev and prod, and a diff, with no cloud credentials", () => {
    const wf = load("pull-request.yml");
    assert.deepEqual(wf.permissions, { contents: "read" });
    assert.deepEqual(wf.jobs.plan.strategy.matrix.stack, ["dev", "prod"]);
    const runs = (job: string) => wf.jobs[job].steps.map((s: { run?: string }) => s.run ?? "").join("\n");
    assert.match(runs("plan"), /npm run plan -- --stack \$\{\{ matrix\.stack \}\}/);
    assert.match(runs("review"), /npm run --silent diff --/);
    for (const job of ["plan", "review"])
      assert.ok(!JSON.stringify(wf.jobs[job]).includes("secrets."), `the ${job} job uses no secrets`);
  });

  it("pulumi preview comments on the PR with the policy pack, only when credentials are configured", () => {
    const wf = load("pull-request.yml");
    for (const [name, stack] of [
      ["preview", "DEV"],
      ["preview-prod", "PROD"],
    ]) {
      const job = wf.jobs[name];
      assert.equal(
        job.if,
        `\${{ vars.AWS_${stack}_PREVIEW_ROLE_ARN != '' && github.event.pull_request.head.repo.full_name == github.repository }}`,
      );
      assert.deepEqual(job.needs, ["test"]);
      const step = job.steps.find((s: { uses?: string }) => s.uses?.startsWith("pulumi/actions@"));
      assert.equal(step.with.command, "preview");
      assert.equal(step.with["stack-name"], `\${{ vars.PULUMI_ORG }}/${stack.toLowerCase()}`);
      assert.equal(step.with["comment-on-pr"], true);
      assert.equal(step.with.policyPacks, "policies");
    }
  });

  it("main deploys dev, then prod behind an environment approval", () => {
    const wf = load("deploy.yml");
    assert.deepEqual(wf.on, { push: { branches: ["main"] } });
    assert.equal(wf.jobs["up-prod"].environment, "prod");
    assert.deepEqual(wf.jobs["up-prod"].needs, ["up-dev"]);
    const up = (job: string) =>
      wf.jobs[job].steps.find((s: { uses?: string }) => s.uses?.startsWith("pulumi/actions@")).with;
    assert.equal(up("up-dev").command, "up");
    assert.match(up("up-prod")["stack-name"], /\/prod$/);
  });

  it("prod deploys from the in-network CodeBuild runner the prod stack provisions (private endpoints)", async () => {
    const { plan } = await planFor("prod");
    const name = (suffix: string) =>
      plan.resources.find((r) => r.type === "aws:codebuild/project:Project" && String(r.inputs.name).endsWith(suffix))!
        .inputs.name;
    assert.equal(
      load("deploy.yml").jobs["up-prod"]["runs-on"],
      `codebuild-\${{ vars.PROD_DEPLOYER_PROJECT || '${name("-deployer")}' }}-\${{ github.run_id }}-\${{ github.run_attempt }}`,
    );
    // The prod preview needs the same network path, on its own runner (project, role, security group).
    assert.equal(
      load("pull-request.yml").jobs["preview-prod"]["runs-on"],
      `codebuild-\${{ vars.PROD_PREVIEWER_PROJECT || '${name("-previewer")}' }}-\${{ github.run_id }}-\${{ github.run_attempt }}`,
    );
    // dev keeps GitHub-hosted runners: its endpoint is public, limited to the deployer's CIDRs.
    assert.equal(load("deploy.yml").jobs["up-dev"]["runs-on"], "ubuntu-latest");
    assert.equal(load("pull-request.yml").jobs.preview["runs-on"], "ubuntu-latest");
  }).timeout(120_000);
});

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; "working-directory"?: string; if?: string };
const steps = (wf: { jobs: Record<string, { steps: Step[] }> }, job: string) => wf.jobs[job].steps;

describe("GitHub workflows: what a pull request cannot spoof", () => {
  it("the review is rendered by the base branch's diff tool, in a job that never checks out the PR", () => {
    const wf = load("pull-request.yml");
    const review = steps(wf, "review");
    const checkouts = review.filter((s) => s.uses?.startsWith("actions/checkout@"));
    assert.deepEqual(
      checkouts.map((s) => s.with?.ref),
      ["${{ github.event.pull_request.base.sha }}"],
    );
    const diff = review.find((s) => /npm run --silent diff/.test(s.run ?? ""))!;
    assert.equal(diff["working-directory"], "base");
    assert.deepEqual(wf.jobs.review.needs, ["plan", "preview"]);
    // The head plan and the live state reach the review as data (artifacts), never as code.
    const downloads = review.filter((s) => s.uses?.startsWith("actions/download-artifact@")).map((s) => s.with?.name);
    assert.deepEqual(downloads, ["plan-head-${{ matrix.stack }}", "live-${{ matrix.stack }}"]);
    assert.match(diff.run!, /--live \.\.\/plans\/live\/live-\$\{\{ matrix\.stack \}\}\.json/);
    assert.match(diff.run!, /diff -- \.\.\/plans\/base\/plan\.json \.\.\/plans\/head\/plan\.json \$LIVE/);
  });

  it("dev's preview hands the review its refreshed state (drift), leaving out what the preview role may not read", () => {
    const preview = steps(load("pull-request.yml"), "preview");
    const live = preview.find((s) => /pulumi preview/.test(s.run ?? ""))!;
    assert.ok(live, "a step writes the refreshed state");
    for (const flag of ["--refresh", "--show-sames", "--json"]) assert.ok(live.run!.includes(flag), flag);
    const excluded = [...live.run!.matchAll(/--exclude '([^']+)'/g)].map((m) => m[1]);
    const action = preview.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
    assert.deepEqual(excluded, String(action.with!.exclude).trim().split("\n"));
    const upload = preview.find((s) => s.uses?.startsWith("actions/upload-artifact@") && s.with?.name === "live-dev");
    assert.ok(upload, "uploaded as live-dev");
    assert.ok(preview.indexOf(live) > preview.indexOf(action), "after the real preview, with its credentials");
  });

  it("the prod preview assumes the prod preview role, never the dev role, and only after approval", () => {
    const jobs = load("pull-request.yml").jobs;
    const roleOf = (job: { steps: Step[] }) =>
      job.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!.with!["role-to-assume"];
    assert.equal(roleOf(jobs.preview), "${{ vars.AWS_DEV_PREVIEW_ROLE_ARN }}");
    assert.equal(roleOf(jobs["preview-prod"]), "${{ vars.AWS_PROD_PREVIEW_ROLE_ARN }}");
    assert.equal(jobs.preview.environment, undefined, "dev previews without approval (subject pull_request)");
    assert.equal(jobs["preview-prod"].environment, "prod-preview");
    const prodRole = CI_ROLES.find((r) => r.variable === "AWS_PROD_PREVIEW_ROLE_ARN")!;
    assert.deepEqual(
      [prodRole.environment, prodRole.subject],
      ["prod-preview", `repo:${REPO}:environment:prod-preview`],
      "the bootstrap's prod preview role trusts exactly the environment the job declares",
    );
  });

  it("pr-comment runs the default branch's script, one queue per pull request, and survives a missing artifact", () => {
    const wf = load("pr-comment.yml");
    assert.equal(
      wf.concurrency.group,
      "pr-comment-${{ github.event.workflow_run.head_repository.full_name }}-${{ github.event.workflow_run.head_branch }}",
    );
    assert.equal(wf.concurrency["cancel-in-progress"], true);
    const s = steps(wf, "comment");
    assert.deepEqual(s[0].with, {
      ref: "${{ github.event.repository.default_branch }}",
      "sparse-checkout": ".github/scripts",
      "persist-credentials": false,
    });
    const download = s.find((x) => x.uses?.startsWith("actions/download-artifact@")) as Step & Record<string, unknown>;
    assert.equal(download["continue-on-error"], true);
    assert.match(String(s.find((x) => x.uses?.startsWith("actions/github-script@"))!.with!.script), /postReview\(/);
  });

  it("deploy: one concurrency group per stack; OIDC only for the jobs that assume a role", () => {
    const wf = load("deploy.yml");
    assert.equal(wf.concurrency, undefined, "no workflow-wide queue shared by dev and prod");
    assert.deepEqual(wf.permissions, { contents: "read" });
    for (const [name, job] of Object.entries(wf.jobs) as [
      string,
      { steps: Step[]; permissions?: object; concurrency?: { group: string } },
    ][]) {
      const assumes = job.steps.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
      assert.equal(JSON.stringify(job.permissions ?? {}).includes('"id-token":"write"'), assumes, `${name}: id-token`);
    }
    assert.equal(wf.jobs["up-dev"].concurrency.group, "deploy-dev");
    assert.equal(wf.jobs["up-prod"].concurrency.group, "deploy-prod");
  });
});
