import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { ROOT } from "../helpers/plan";

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

  it("the validator rejects a broken workflow (so the checks above can fail)", () => {
    const result = validateWorkflow("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n");
    assert.ok(result.errors.length > 0);
  });

  it("pull requests run tests, the offline plan for dev and prod, and a diff, with no cloud credentials", () => {
    const wf = load("pull-request.yml");
    assert.deepEqual(wf.permissions, { contents: "read" });
    assert.deepEqual(wf.jobs.plan.strategy.matrix.stack, ["dev", "prod"]);
    const runs = wf.jobs.plan.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
    assert.match(runs, /npm run plan -- --stack \$\{\{ matrix\.stack \}\}/);
    assert.match(runs, /npm run --silent diff --/);
    assert.ok(!JSON.stringify(wf.jobs.plan).includes("secrets."), "the offline plan job uses no secrets");
  });

  it("pulumi preview comments on the PR with the policy pack, only when credentials are configured", () => {
    const job = load("pull-request.yml").jobs.preview;
    assert.match(job.if, /vars\.AWS_ROLE_ARN != ''/);
    const step = job.steps.find((s: { uses?: string }) => s.uses === "pulumi/actions@v6");
    assert.equal(step.with.command, "preview");
    assert.equal(step.with["comment-on-pr"], true);
    assert.equal(step.with.policyPacks, "policies");
  });

  it("main deploys dev, then prod behind an environment approval", () => {
    const wf = load("deploy.yml");
    assert.deepEqual(wf.on, { push: { branches: ["main"] } });
    assert.equal(wf.jobs["up-prod"].environment, "prod");
    assert.deepEqual(wf.jobs["up-prod"].needs, ["up-dev"]);
    const up = (job: string) => wf.jobs[job].steps.find((s: { uses?: string }) => s.uses === "pulumi/actions@v6").with;
    assert.equal(up("up-dev").command, "up");
    assert.match(up("up-prod")["stack-name"], /\/prod$/);
  });
});
