import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { parseCiRolesInput, planCiRoles, type CiRolePlan } from "../../components/bootstrap/ci-roles";
import { ROOT } from "../helpers/plan";
import { assumesRole, REPO, subjectOf, type Job, type Workflow } from "./workflow-credentials";

// With the repository's subject template naming the workflow (bootstrap workflowSubjects, on in the
// bootstrap project), GitHub appends `job_workflow_ref:<repo>/.github/workflows/<file>@<ref>` to each
// job's subject. Each job that assumes a role must still match exactly that role's trust.
const dir = path.join(ROOT, ".github", "workflows");
const wfs: Record<string, Workflow> = Object.fromEntries(
  fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => [f, YAML.parse(fs.readFileSync(path.join(dir, f), "utf8"))]),
);
const roles = planCiRoles(parseCiRolesInput({ repository: REPO, workflowSubjects: true }));

/** The subject GitHub issues for this job of this file (pull request 42, or a push to main). */
function subjectWithWorkflow(file: string, wf: Workflow, job: Job): string {
  const ref = "pull_request" in wf.on ? "refs/pull/42/merge" : "refs/heads/main";
  return `${subjectOf(wf, job)}:job_workflow_ref:${REPO}/.github/workflows/${file}@${ref}`;
}

/** IAM StringLike: `*` any run of characters, everything else literal. */
const like = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  ).test(value);

function mismatches(all: Record<string, Workflow>, plans: CiRolePlan[] = roles): string[] {
  const out: string[] = [];
  for (const [file, wf] of Object.entries(all))
    for (const [name, job] of Object.entries(wf.jobs).filter(([, j]) => assumesRole(j))) {
      const creds = job.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
      const variable = /vars\.([A-Z0-9_]+)/.exec(String(creds.with?.["role-to-assume"]))?.[1];
      const role = plans.find((r) => r.variable === variable);
      const subject = subjectWithWorkflow(file, wf, job);
      if (!role || !like(role.subject, subject)) out.push(`${file}:${name}: ${subject} vs ${role?.subject}`);
    }
  return out;
}

describe("GitHub workflows: trust that names the workflow", () => {
  it("every job that assumes a role matches its role's job_workflow_ref subject", () =>
    assert.deepEqual(mismatches(wfs), []));

  it("the prod deploy job moved to another workflow file, or a preview job into deploy.yml, no longer matches", () => {
    const moved = structuredClone(wfs);
    moved["release.yml"] = moved["deploy.yml"];
    delete moved["deploy.yml"];
    assert.deepEqual(
      mismatches(moved).map((m) => m.split(":")[0] + ":" + m.split(":")[1]),
      ["release.yml:up-dev", "release.yml:up-prod"],
    );
    const sneaky = structuredClone(wfs);
    sneaky["deploy.yml"].jobs["preview-prod"] = sneaky["pull-request.yml"].jobs["preview-prod"];
    assert.ok(mismatches(sneaky).some((m) => m.startsWith("deploy.yml:preview-prod")));
  });
});
