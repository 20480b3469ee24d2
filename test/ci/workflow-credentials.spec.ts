import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { parseCiRolesInput, planCiRoles } from "../../components/bootstrap/ci-roles";
import { ROOT } from "../helpers/plan";
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

const dir = path.join(ROOT, ".github", "workflows");
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const load = (f: string): Workflow => YAML.parse(fs.readFileSync(path.join(dir, f), "utf8"));

describe("GitHub workflows: credentials (CI trust)", () => {
  const wfs = Object.fromEntries(files.map((f) => [f, load(f)]));

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
      ["pull-request.yml:preview-prod", `repo:${REPO}:environment:prod-preview`, "prod-preview"],
    ]);
  });

  it("jobs that run pull-request code hold no deploy credential or unscoped Pulumi token", () => {
    const pr = wfs["pull-request.yml"];
    const held = Object.entries(pr.jobs).map(([name, job]) => [name, [...new Set(secretsOf(job))].sort()]);
    assert.deepEqual(held, [
      ["test", []],
      ["plan", []],
      ["review", []],
      ["preview", ["GITHUB_TOKEN"]],
      ["preview-prod", ["GITHUB_TOKEN"]],
    ]);
    for (const f of files) assert.doesNotMatch(JSON.stringify(wfs[f]), /secrets\.PULUMI_/, f);
  });

  it("no stored Pulumi token: each pulumi/actions step follows an OIDC exchange for its job's team", () => {
    const teams: string[][] = [];
    for (const f of files)
      for (const [name, job] of Object.entries(wfs[f].jobs))
        job.steps.forEach((step, i) => {
          if (!step.uses?.startsWith("pulumi/actions@")) return;
          assert.equal(step.env?.PULUMI_ACCESS_TOKEN, undefined, `${name} sets PULUMI_ACCESS_TOKEN`);
          const auth = job.steps.slice(0, i).find((s) => s.uses?.startsWith("pulumi/auth-actions@"));
          assert.ok(auth, `${name}: no pulumi/auth-actions step before pulumi/actions`);
          assert.equal(auth.with?.["requested-token-type"], "urn:pulumi:token-type:access_token:team");
          teams.push([name, String(auth.with?.scope)]);
        });
    assert.deepEqual(teams.sort(), [
      ["preview", "team:platform-preview"],
      ["preview-prod", "team:platform-prod-preview"],
      ["up-dev", "team:platform-dev-deploy"],
      ["up-prod", "team:platform-prod-deploy"],
    ]);
  });

  it("previews refresh and show the full diff, leaving out only what the preview role may not read", () => {
    const pr = wfs["pull-request.yml"];
    for (const name of ["preview", "preview-prod"]) {
      const step = pr.jobs[name].steps.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
      assert.deepEqual([step.with?.command, step.with?.refresh, step.with?.diff], ["preview", true, true]);
      assert.deepEqual(String(step.with?.exclude).trim().split("\n"), [
        "**aws:secretsmanager/secretVersion:SecretVersion::**",
        "**aws:lambda/function:Function::**",
        "**aws:cloudfront/distribution:Distribution::**",
        "**kubernetes:core/v1:Secret::**",
      ]);
    }
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
    assert.equal(runs, 4, "preview (dev), preview-prod, up-dev, up-prod");
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
        "preview: a pull-request job declares environment preview, which gates no preview role",
      ],
    );
    const withDeployRole = mutate("pull-request.yml", (wf) => {
      credsOf(wf.jobs["preview-prod"])["role-to-assume"] = "${{ vars.AWS_PROD_DEPLOY_ROLE_ARN }}";
    });
    assert.ok(
      withDeployRole.includes("preview-prod: runs pull-request code with AWS_PROD_DEPLOY_ROLE_ARN"),
      String(withDeployRole),
    );
    // PR code on the in-network runner without a person's approval, or from a fork.
    assert.deepEqual(
      mutate("pull-request.yml", (wf) => {
        delete wf.jobs["preview-prod"].environment;
      }),
      [
        `preview-prod: GitHub issues repo:${REPO}:pull_request, but AWS_PROD_PREVIEW_ROLE_ARN trusts only repo:${REPO}:environment:prod-preview`,
        "preview-prod: environment (none), AWS_PROD_PREVIEW_ROLE_ARN needs prod-preview",
        "preview-prod: runs on the in-network runner without an environment (approval)",
      ],
    );
    for (const cond of [
      "${{ vars.AWS_PROD_PREVIEW_ROLE_ARN != '' }}",
      "${{ vars.AWS_PROD_PREVIEW_ROLE_ARN != '' || github.event.pull_request.head.repo.full_name == github.repository }}",
    ])
      assert.deepEqual(
        mutate("pull-request.yml", (wf) => {
          wf.jobs["preview-prod"].if = cond;
        }),
        ["preview-prod: runs pull-request code on the in-network runner without excluding forks"],
      );
    // The prod preview with dev's role; dev's preview with prod's token.
    assert.deepEqual(
      mutate("pull-request.yml", (wf) => {
        credsOf(wf.jobs["preview-prod"])["role-to-assume"] = "${{ vars.AWS_DEV_PREVIEW_ROLE_ARN }}";
        (wf.jobs.preview.steps.at(-1)!.env ??= {}).PULUMI_ACCESS_TOKEN = "${{ secrets.PULUMI_PROD_PREVIEW_TOKEN }}";
      }),
      [
        "preview: PULUMI_PROD_PREVIEW_TOKEN outside the prod-preview environment",
        `preview-prod: GitHub issues repo:${REPO}:environment:prod-preview, but AWS_DEV_PREVIEW_ROLE_ARN trusts only repo:${REPO}:pull_request`,
        "preview-prod: environment prod-preview, AWS_DEV_PREVIEW_ROLE_ARN needs (none)",
        "preview-prod: the prod stack assumes AWS_DEV_PREVIEW_ROLE_ARN",
      ],
    );
    // A bootstrap whose prod preview role still trusts pull_request: the approval would gate nothing.
    const ungated = planCiRoles(parseCiRolesInput({ repository: REPO, pullRequestPreviewStacks: ["dev", "prod"] }));
    assert.deepEqual(credentialProblems(wfs["pull-request.yml"], ungated), [
      `preview-prod: GitHub issues repo:${REPO}:environment:prod-preview, but AWS_PROD_PREVIEW_ROLE_ARN trusts only repo:${REPO}:pull_request`,
      "preview-prod: environment prod-preview, AWS_PROD_PREVIEW_ROLE_ARN needs (none)",
      "preview-prod: a pull-request job declares environment prod-preview, which gates no preview role",
    ]);
    assert.deepEqual(
      mutate("deploy.yml", (wf) => {
        (wf.jobs["up-dev"].steps.at(-1)!.env ??= {}).PULUMI_ACCESS_TOKEN = "${{ secrets.PULUMI_PROD_DEPLOY_TOKEN }}";
        delete credsOf(wf.jobs["up-prod"])["role-duration-seconds"];
      }),
      [
        "up-dev: PULUMI_PROD_DEPLOY_TOKEN outside the prod environment",
        "up-prod: role-duration-seconds 3600 outside [timeout 120 min, 7200]",
      ],
    );
  });
});
