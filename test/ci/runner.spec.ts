import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { RUNNER_WORKFLOWS, runnerWebhookFilterGroups } from "../../components/cluster/deployer";
import { planFor, planWith, ROOT } from "../helpers/plan";
import { environmentOf, IN_NETWORK_RUNNER, type Workflow } from "./workflow-credentials";

const prodStack = YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8"));
/** The prod stack's cluster section with runner settings changed. */
function withRunner(runner: Record<string, unknown>): Record<string, unknown> {
  const cluster = structuredClone(prodStack.config["platform:cluster"]);
  cluster.deployer.runner = { ...cluster.deployer.runner, ...runner };
  return cluster;
}

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
    const { plan } = await planWith("prod", { "platform:cluster": withRunner({ connectionAvailable: true }) });
    assert.ok(plan, "the prod plan with an AVAILABLE connection");
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

  describe("its GitHub connection: the webhook only through an AVAILABLE connection", () => {
    const CONNECTION = "aws:codeconnections/connection:Connection";
    const WEBHOOK = "aws:codebuild/webhook:Webhook";

    it("prod as committed: creates the connection (PENDING), holds the webhook back and says what to do next", async () => {
      const { plan } = await planFor("prod");
      const [connection] = plan.resources.filter((r) => r.type === CONNECTION);
      assert.equal(connection.inputs.name, "platform-prod-use1-github");
      assert.equal(connection.inputs.tags, undefined);
      assert.equal(plan.resources.filter((r) => r.type === WEBHOOK).length, 0);
      const next = plan.violations.filter((v) => v.urn === connection.urn);
      assert.equal(next.length, 1);
      assert.equal(next[0].enforcementLevel, "advisory");
      assert.match(
        next[0].message,
        /^runner webhook held back: next step: complete the GitHub handshake of connection platform-prod-use1-github .*set platform:cluster\.deployer\.runner\.connectionAvailable: true/,
      );
    }).timeout(120_000);

    it("connectionAvailable: true tags the connection as attested and creates the webhook through it", async () => {
      const { plan } = await planWith("prod", { "platform:cluster": withRunner({ connectionAvailable: true }) });
      const [connection] = plan!.resources.filter((r) => r.type === CONNECTION);
      assert.deepEqual(connection.inputs.tags, { "platform.io/handshake": "completed" });
      assert.equal(plan!.resources.filter((r) => r.type === WEBHOOK).length, 1);
      assert.deepEqual(
        plan!.violations.filter((v) => v.urn === connection.urn),
        [],
      );
    }).timeout(120_000);

    it("an existing connection (connectionArn): no connection created, the webhook goes through the named one", async () => {
      const arn = "arn:aws:codeconnections:us-east-1:111122223333:connection/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
      const { plan } = await planWith("prod", { "platform:cluster": withRunner({ connectionArn: arn }) });
      assert.equal(plan!.resources.filter((r) => r.type === CONNECTION).length, 0);
      assert.equal(plan!.resources.filter((r) => r.type === WEBHOOK).length, 1);
      const [project] = plan!.resources.filter((r) => r.type === "aws:codebuild/project:Project");
      assert.equal((project.inputs.source as { auth: { resource: string } }).auth.resource, arn);
    }).timeout(120_000);

    it("connectionAvailable must be a boolean", async () => {
      const { error } = await planWith("prod", { "platform:cluster": withRunner({ connectionAvailable: "yes" }) });
      assert.match(
        String(error?.message),
        /platform:cluster\.deployer\.runner\.connectionAvailable: got "yes"; expected true or false/,
      );
    });
  });
});
