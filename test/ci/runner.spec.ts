import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { RUNNER_WORKFLOWS, runnerWebhookFilterGroups } from "../../components/cluster/deployer";
import { planFor, ROOT } from "../helpers/plan";
import { environmentOf, IN_NETWORK_RUNNER, type Workflow } from "./workflow-credentials";

// The in-network runner (components/cluster/deployer.ts) sits in the prod network: it must take
// jobs from this repository's own workflows only, and only jobs a person approved.
const dir = path.join(ROOT, ".github", "workflows");
const workflows = Object.fromEntries(
  fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => [f, YAML.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Workflow & { name: string }]),
);

/** `name:` of every workflow with a job on the runner -> those jobs and their environments. */
function runnerJobs(wfs: Record<string, Workflow & { name: string }>): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  for (const wf of Object.values(wfs))
    for (const [name, job] of Object.entries(wf.jobs))
      if (String(job["runs-on"] ?? "").startsWith(IN_NETWORK_RUNNER))
        (out[wf.name] ??= []).push([name, environmentOf(job) ?? "(none)"]);
  return out;
}

/** What the WORKFLOW_NAME filter admits (RE2; this pattern means the same in JavaScript). */
const admitted = (name: string) =>
  runnerWebhookFilterGroups().some((g) =>
    g.filters.every((f) => f.type !== "WORKFLOW_NAME" || new RegExp(f.pattern).test(name)),
  );

describe("in-network runner: whose jobs it takes", () => {
  it("the runner's jobs: up-prod (environment prod) and preview-prod (environment prod-preview)", () => {
    assert.deepEqual(runnerJobs(workflows), {
      deploy: [["up-prod", "prod"]],
      "pull-request": [["preview-prod", "prod-preview"]],
    });
  });

  it("the webhook admits exactly the workflows that have runner jobs, by exact name", () => {
    assert.deepEqual(Object.keys(runnerJobs(workflows)).sort(), [...RUNNER_WORKFLOWS].sort());
    for (const name of RUNNER_WORKFLOWS) assert.ok(admitted(name), name);
    for (const name of ["pr-comment", "deploy2", "my-pull-request", "pull-requestx", "deploy|x"])
      assert.ok(!admitted(name), name);
  });

  it("a renamed workflow would miss the filter (its runner job would hang): the check sees it", () => {
    const renamed = structuredClone(workflows);
    renamed["deploy.yml"].name = "release";
    assert.notDeepEqual(Object.keys(runnerJobs(renamed)).sort(), [...RUNNER_WORKFLOWS].sort());
    assert.ok(!admitted("release"));
  });

  it("prod plan: a repository webhook (no organization or global scope) on the configured repository", async () => {
    const { plan } = await planFor("prod");
    const [hook, ...moreHooks] = plan.resources.filter((r) => r.type === "aws:codebuild/webhook:Webhook");
    const [project, ...moreProjects] = plan.resources.filter((r) => r.type === "aws:codebuild/project:Project");
    assert.deepEqual([moreHooks.length, moreProjects.length], [0, 0]);
    assert.equal(hook.inputs.scopeConfiguration, undefined, "REPOSITORY_NAME filters work only with org/global hooks");
    assert.equal(hook.inputs.projectName, project.inputs.name);
    assert.deepEqual(hook.inputs.filterGroups, runnerWebhookFilterGroups());
    const source = project.inputs.source as { type: string; location: string };
    assert.deepEqual([source.type, source.location], ["GITHUB", "https://github.com/example-org/platform.git"]);
    const stackFile = YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8"));
    assert.equal(
      source.location,
      `https://github.com/${stackFile.config["platform:cluster"].deployer.runner.githubRepository}.git`,
    );
  }).timeout(120_000);
});
