import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { planFor, ROOT } from "../helpers/plan";
import {
  assumesRole,
  credentialProblems,
  environmentOf,
  REPO,
  secretsOf,
  subjectOf,
  type Job,
  type Workflow,
} from "./workflow-credentials";

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
    const job = load("pull-request.yml").jobs.preview;
    assert.match(job.if, /vars\.AWS_DEV_PREVIEW_ROLE_ARN != ''/);
    const step = job.steps.find((s: { uses?: string }) => s.uses?.startsWith("pulumi/actions@"));
    assert.equal(step.with.command, "preview");
    assert.equal(step.with["comment-on-pr"], true);
    assert.equal(step.with.policyPacks, "policies");
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
    const [project] = plan.resources.filter((r) => r.type === "aws:codebuild/project:Project");
    assert.equal(
      load("deploy.yml").jobs["up-prod"]["runs-on"],
      `codebuild-\${{ vars.PROD_DEPLOYER_PROJECT || '${project.inputs.name}' }}-\${{ github.run_id }}-\${{ github.run_attempt }}`,
    );
    // dev keeps GitHub-hosted runners: its endpoint is public, limited to the deployer's CIDRs.
    assert.equal(load("deploy.yml").jobs["up-dev"]["runs-on"], "ubuntu-latest");
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
    assert.deepEqual(wf.jobs.review.needs, ["plan"]);
    // The head plan reaches the review as data (an artifact), never as code.
    assert.ok(
      review.some(
        (s) => s.uses?.startsWith("actions/download-artifact@") && s.with?.name === "plan-head-${{ matrix.stack }}",
      ),
    );
  });

  it("the prod preview assumes the prod preview role, never the dev role", () => {
    const job = load("pull-request.yml").jobs.preview;
    assert.deepEqual(job.strategy.matrix.include, [
      { stack: "dev", role: "${{ vars.AWS_DEV_PREVIEW_ROLE_ARN }}" },
      { stack: "prod", role: "${{ vars.AWS_PROD_PREVIEW_ROLE_ARN }}" },
    ]);
    const creds = job.steps.find((s: Step) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    assert.equal(creds.with["role-to-assume"], "${{ matrix.role }}");
    assert.equal(job.steps[0].if, "${{ matrix.role == '' }}", "an unset role fails the job before anything runs");
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

describe("GitHub workflows: credentials (issue 19, CI trust)", () => {
  const wfs = Object.fromEntries(files.map((f) => [f, load(f) as Workflow]));

  for (const f of files)
    it(`${f}: each role is exactly its variable, assumed only where GitHub issues the subject it trusts`, () => {
      assert.deepEqual(credentialProblems(wfs[f]), []);
    });

  it("the roles assumed: preview roles from pull requests, each deploy role from its own environment", () => {
    const assumed = Object.entries(wfs).flatMap(([f, wf]) =>
      Object.entries(wf.jobs)
        .filter(([, job]) => assumesRole(job))
        .map(([name, job]) => [`${f}:${name}`, subjectOf(wf, job), environmentOf(job)]),
    );
    assert.deepEqual(assumed, [
      ["deploy.yml:up-dev", `repo:${REPO}:environment:dev`, "dev"],
      ["deploy.yml:up-prod", `repo:${REPO}:environment:prod`, "prod"],
      ["pull-request.yml:preview", `repo:${REPO}:pull_request`, undefined],
    ]);
  });

  it("jobs that run pull-request code hold no deploy credential or unscoped Pulumi token", () => {
    const pr = wfs["pull-request.yml"];
    const held = Object.entries(pr.jobs).map(([name, job]) => [name, [...new Set(secretsOf(job))].sort()]);
    assert.deepEqual(held, [
      ["test", []],
      ["plan", []],
      ["review", []],
      ["preview", ["GITHUB_TOKEN", "PULUMI_PREVIEW_TOKEN"]],
    ]);
    for (const f of files) assert.doesNotMatch(JSON.stringify(wfs[f]), /secrets\.PULUMI_ACCESS_TOKEN/, f);
  });

  it("every job that runs the policy pack installs it from its lockfile first", () => {
    for (const [f, wf] of Object.entries(wfs))
      for (const [name, job] of Object.entries(wf.jobs)) {
        const pulumi = job.steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
        if (pulumi < 0) continue;
        const install = job.steps.findIndex((s) => /npm ci --prefix policies --ignore-scripts/.test(s.run ?? ""));
        assert.ok(install >= 0 && install < pulumi, `${f}:${name}`);
      }
  });

  it("every policy-pack run reads its stack's own policy config, written by npm run policy-config in the job", () => {
    let runs = 0;
    for (const [f, wf] of Object.entries(wfs))
      for (const [name, job] of Object.entries(wf.jobs)) {
        const at = job.steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@") && s.with?.policyPacks);
        if (at < 0) continue;
        runs++;
        const step = job.steps[at] as { with: Record<string, string> };
        const stack = step.with["stack-name"].split("/").pop()!;
        assert.equal(step.with.policyPackConfigs, "${{ runner.temp }}/policy-config.json", `${f}:${name}`);
        const writes = job.steps.findIndex(
          (s) => s.run === `npm run --silent policy-config -- --stack ${stack} > "$RUNNER_TEMP/policy-config.json"`,
        );
        assert.ok(writes >= 0 && writes < at, `${f}:${name}: policy-config for ${stack} before the pulumi step`);
      }
    assert.equal(runs, 3, "preview (dev and prod matrix), up-dev, up-prod");
  });

  it("the checks fail on the mistakes they exist for", () => {
    const mutate = (f: string, edit: (wf: Workflow) => void) => {
      const wf = structuredClone(wfs[f]);
      edit(wf);
      return credentialProblems(wf);
    };
    const credsOf = (job: Job) => job.steps.find((s) => s.uses?.startsWith("aws-actions/"))!.with!;
    assert.deepEqual(
      mutate("deploy.yml", (wf) => {
        credsOf(wf.jobs["up-prod"])["role-to-assume"] =
          "${{ vars.AWS_PROD_DEPLOY_ROLE_ARN || vars.AWS_DEV_DEPLOY_ROLE_ARN }}";
      }),
      [
        "up-prod: role-to-assume ${{ vars.AWS_PROD_DEPLOY_ROLE_ARN || vars.AWS_DEV_DEPLOY_ROLE_ARN }} is not exactly one CI role variable (no fallbacks)",
      ],
    );
    assert.deepEqual(
      mutate("pull-request.yml", (wf) => {
        wf.jobs.preview.environment = "preview";
      }),
      [
        `preview: GitHub issues repo:${REPO}:environment:preview, but AWS_DEV_PREVIEW_ROLE_ARN trusts only repo:${REPO}:pull_request`,
        "preview: environment preview, AWS_DEV_PREVIEW_ROLE_ARN needs (none)",
        `preview: GitHub issues repo:${REPO}:environment:preview, but AWS_PROD_PREVIEW_ROLE_ARN trusts only repo:${REPO}:pull_request`,
        "preview: environment preview, AWS_PROD_PREVIEW_ROLE_ARN needs (none)",
        "preview: a pull-request job declares environment preview",
      ],
    );
    const withDeployRole = mutate("pull-request.yml", (wf) => {
      wf.jobs.preview.strategy!.matrix!.include![1].role = "${{ vars.AWS_PROD_DEPLOY_ROLE_ARN }}";
    });
    assert.ok(
      withDeployRole.includes("preview: runs pull-request code with AWS_PROD_DEPLOY_ROLE_ARN"),
      String(withDeployRole),
    );
    assert.deepEqual(
      mutate("deploy.yml", (wf) => {
        wf.jobs["up-dev"].steps.at(-1)!.env!.PULUMI_ACCESS_TOKEN = "${{ secrets.PULUMI_PROD_DEPLOY_TOKEN }}";
        delete credsOf(wf.jobs["up-prod"])["role-duration-seconds"];
      }),
      [
        "up-dev: PULUMI_PROD_DEPLOY_TOKEN outside the prod environment",
        "up-prod: role-duration-seconds 3600 outside [timeout 120 min, 7200]",
      ],
    );
  });
});
