import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { RUNNER_WORKFLOWS, runnerWebhookFilterGroups } from "../../components/cluster/deployer";
import { RUNNERS, type RunnerKind } from "../../components/cluster/runner-plan";
import { planFor, planWith, ROOT } from "../helpers/plan";
import { configIssues } from "../helpers/stand-in";
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

/** Whether a runner's webhook admits a queued job of this workflow by this actor (RE2 patterns; same in JavaScript). */
const admits = (kind: RunnerKind, workflow: string, actor = "1000001", ids = ["1000001", "2000002"]) =>
  runnerWebhookFilterGroups(kind, ids).some((g) =>
    g.filters.every(
      (f) =>
        (f.type === "EVENT" && f.pattern === "WORKFLOW_JOB_QUEUED") ||
        (f.type === "WORKFLOW_NAME" && new RegExp(f.pattern).test(workflow)) ||
        (f.type === "ACTOR_ACCOUNT_ID" && new RegExp(f.pattern).test(actor)),
    ),
  );
const admitted = (name: string) => admits("deploy", name) || admits("preview", name);
/** The project each workflow's runner job names in runs-on. */
/** The runners' projects of a plan (other CodeBuild projects, e.g. heavy builds, are not runners). */
const runnerProjects = (resources: { type: string; inputs: Record<string, unknown> }[]) =>
  resources.filter(
    (r) => r.type === "aws:codebuild/project:Project" && /-(deployer|previewer)$/.test(String(r.inputs.name)),
  );
const projectOf = (runsOn: string) => /codebuild-\$\{\{ vars\.[A-Z_]+ \|\| '([a-z0-9-]+)' \}\}/.exec(runsOn)?.[1];

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

  it("each runner takes one workflow: deploy jobs never reach the preview runner, PR jobs never the deploy runner", () => {
    assert.ok(admits("deploy", "deploy") && admits("preview", "pull-request"));
    assert.ok(!admits("deploy", "pull-request"), "a PR job on the deploy runner");
    assert.ok(!admits("preview", "deploy"), "a deploy job on the preview runner");
    const project = (wf: string, job: string) => projectOf(String(workflows[wf].jobs[job]["runs-on"]));
    assert.equal(project("deploy.yml", "up-prod"), `platform-prod-use1-${RUNNERS.deploy.suffix}`);
    assert.equal(project("pull-request.yml", "preview-prod"), `platform-prod-use1-${RUNNERS.preview.suffix}`);
  });

  it("only the maintainers' runs start a runner (ACTOR_ACCOUNT_ID), matched whole", () => {
    for (const kind of ["deploy", "preview"] as const) {
      assert.ok(admits(kind, RUNNERS[kind].workflow, "2000002"));
      for (const stranger of ["3000003", "10000010", "1000001 ", "11000001", "2000002x"])
        assert.ok(!admits(kind, RUNNERS[kind].workflow, stranger), `${kind} admits ${stranger}`);
    }
    assert.throws(() => runnerWebhookFilterGroups("deploy", ["octocat"]), /numeric GitHub account id/);
    // No ids: no actor filter (config refuses that in prod, platform:cluster.deployer.runner.actorAccountIds).
    assert.deepEqual(
      runnerWebhookFilterGroups("deploy", [])[0].filters.map((f) => f.type),
      ["EVENT", "WORKFLOW_NAME"],
    );
  });

  it("a prod runner without the maintainers' account ids is a config error naming the key", () => {
    const raw = (runner: Record<string, unknown>) => ({
      environment: "prod",
      regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }],
      cluster: { deployer: { mode: "in-network", runner: { githubRepository: "example-org/platform", ...runner } } },
    });
    // Set empty on purpose: the stand-in fills ids only when the key is absent.
    const issues = configIssues(raw({ actorAccountIds: [] }), "prod").filter((i) => i.path.endsWith("actorAccountIds"));
    assert.equal(issues.length, 1);
    assert.equal(issues[0].path, "platform:cluster.deployer.runner.actorAccountIds");
    assert.match(issues[0].expected, /maintainers .*ACTOR_ACCOUNT_ID/);
    assert.deepEqual(
      configIssues(raw({ actorAccountIds: ["1000001"] }), "prod").filter((i) => i.path.includes("actorAccountIds")),
      [],
    );
    assert.match(
      configIssues(raw({ actorAccountIds: ["octocat"] }), "prod").find((i) => i.path.includes("actorAccountIds"))!
        .expected,
      /numeric GitHub account id/,
    );
  });

  it("a renamed workflow would miss the filter (its runner job would hang): the check sees it", () => {
    const renamed = structuredClone(workflows);
    renamed["deploy.yml"].name = "release";
    assert.notDeepEqual(Object.keys(runnerJobs(renamed)).sort(), [...RUNNER_WORKFLOWS].sort());
    assert.ok(!admitted("release"));
  });

  it("prod plan: two repository webhooks (no organization or global scope), each on its own project, role and group", async () => {
    const { plan } = await planWith("prod", { "platform:cluster": withRunner({ connectionAvailable: true }) });
    assert.ok(plan, "the prod plan with an AVAILABLE connection");
    const hooks = plan.resources.filter((r) => r.type === "aws:codebuild/webhook:Webhook");
    const projects = runnerProjects(plan.resources);
    assert.deepEqual(
      projects.map((p) => p.inputs.name),
      ["platform-prod-use1-deployer", "platform-prod-use1-previewer"],
    );
    assert.equal(new Set(projects.map((p) => JSON.stringify(p.inputs.serviceRole))).size, 2);
    assert.equal(new Set(projects.map((p) => JSON.stringify(p.inputs.vpcConfig))).size, 2);
    const ids = prodStack.config["platform:cluster"].deployer.runner.actorAccountIds;
    for (const [kind, project] of [
      ["deploy", projects[0]],
      ["preview", projects[1]],
    ] as const) {
      const hook = hooks.find((h) => h.inputs.projectName === project.inputs.name)!;
      assert.equal(
        hook.inputs.scopeConfiguration,
        undefined,
        "REPOSITORY_NAME filters work only with org/global hooks",
      );
      assert.deepEqual(hook.inputs.filterGroups, runnerWebhookFilterGroups(kind, ids));
    }
    // The deploy runner keeps the first runner's Pulumi names (no replacement of an existing stack's runner).
    const [project] = projects;
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
      assert.equal(plan!.resources.filter((r) => r.type === WEBHOOK).length, 2);
      assert.deepEqual(
        plan!.violations.filter((v) => v.urn === connection.urn),
        [],
      );
    }).timeout(120_000);

    it("an existing connection (connectionArn): no connection created, the webhook goes through the named one", async () => {
      const arn = "arn:aws:codeconnections:us-east-1:111122223333:connection/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
      const { plan } = await planWith("prod", { "platform:cluster": withRunner({ connectionArn: arn }) });
      assert.equal(plan!.resources.filter((r) => r.type === CONNECTION).length, 0);
      assert.equal(plan!.resources.filter((r) => r.type === WEBHOOK).length, 2);
      const [project] = runnerProjects(plan!.resources);
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
