// Who holds which credential in a workflow, as GitHub and AWS decide it (CI trust).
// A job's OIDC subject follows GitHub's documented order (docs.github.com/en/actions/reference/
// security/oidc, checked 2026-12-02): environment:<name> when the job references an environment,
// else pull_request for pull_request events, else ref:<ref>. AWS then lets the job assume a role
// only if that subject is the one the role trusts (components/bootstrap/ci-roles.ts).
import { parseCiRolesInput, planCiRoles, type CiRolePlan } from "../../components/bootstrap/ci-roles";

export const REPO = "example-org/platform";
export const CI_ROLES: CiRolePlan[] = planCiRoles(parseCiRolesInput({ repository: REPO }));

export type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
export interface Job {
  environment?: string | { name: string };
  if?: string;
  "runs-on"?: string;
  steps: Step[];
  "timeout-minutes"?: number;
  strategy?: { matrix?: { include?: Record<string, string>[] } };
}
export interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const CREDS = "aws-actions/configure-aws-credentials@";
/** The in-network runner's label prefix (components/cluster/deployer.ts runnerLabel). */
export const IN_NETWORK_RUNNER = "codebuild-";
/** A pull-request job's condition that keeps forks out (their runs get no secrets, and no runner of ours). */
export const SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository";
export const environmentOf = (job: Job) =>
  typeof job.environment === "string" ? job.environment : job.environment?.name;

/** The `sub` GitHub puts in this job's OIDC token. */
export function subjectOf(wf: Workflow, job: Job): string {
  const env = environmentOf(job);
  if (env) return `repo:${REPO}:environment:${env}`;
  if ("pull_request" in wf.on) return `repo:${REPO}:pull_request`;
  return `repo:${REPO}:ref:refs/heads/main`;
}

/** Every secret a job references. */
export const secretsOf = (job: Job) => [...JSON.stringify(job).matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]);

export const assumesRole = (job: Job) => job.steps.some((s) => s.uses?.startsWith(CREDS));

/** Problems with the roles a workflow's jobs assume, against the roles the bootstrap plans. */
export function credentialProblems(wf: Workflow, roles: CiRolePlan[] = CI_ROLES): string[] {
  const byVariable = new Map(roles.map((r) => [r.variable, r]));
  const problems: string[] = [];
  const runsPrCode = "pull_request" in wf.on || "pull_request_target" in wf.on;
  for (const [name, job] of Object.entries(wf.jobs)) {
    const env = environmentOf(job);
    const stackOf = (row: { stack?: string }) =>
      row.stack ??
      String(job.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))?.with?.["stack-name"] ?? "")
        .split("/")
        .pop();
    for (const step of job.steps.filter((s) => s.uses?.startsWith(CREDS))) {
      const expr = String(step.with?.["role-to-assume"]);
      const rows =
        expr === "${{ matrix.role }}" ? (job.strategy?.matrix?.include ?? []) : [{ role: expr, stack: undefined }];
      for (const row of rows) {
        const variable = /^\$\{\{ vars\.([A-Z0-9_]+) \}\}$/.exec(row.role ?? "")?.[1];
        const role = variable ? byVariable.get(variable) : undefined;
        if (!role) {
          problems.push(`${name}: role-to-assume ${row.role} is not exactly one CI role variable (no fallbacks)`);
          continue;
        }
        if (subjectOf(wf, job) !== role.subject)
          problems.push(`${name}: GitHub issues ${subjectOf(wf, job)}, but ${variable} trusts only ${role.subject}`);
        if (env !== role.environment)
          problems.push(`${name}: environment ${env ?? "(none)"}, ${variable} needs ${role.environment ?? "(none)"}`);
        if (runsPrCode && role.kind !== "preview") problems.push(`${name}: runs pull-request code with ${variable}`);
        if (stackOf(row) && stackOf(row) !== role.stack)
          problems.push(`${name}: the ${stackOf(row)} stack assumes ${variable}`);
        const duration = Number(step.with?.["role-duration-seconds"] ?? 3600);
        if (duration < (job["timeout-minutes"] ?? 360) * 60 || duration > role.maxSessionDuration)
          problems.push(
            `${name}: role-duration-seconds ${duration} outside [timeout ${job["timeout-minutes"]} min, ${role.maxSessionDuration}]`,
          );
      }
    }
    for (const secret of secretsOf(job)) {
      // A stack's token lives in its environment: PULUMI_<STACK>_DEPLOY_TOKEN in <stack>,
      // PULUMI_<STACK>_PREVIEW_TOKEN in <stack>-preview (the deploy workflow's scheme).
      const scoped = /^PULUMI_([A-Z0-9_]+)_(DEPLOY|PREVIEW)_TOKEN$/.exec(secret);
      const home = scoped && `${scoped[1].toLowerCase()}${scoped[2] === "PREVIEW" ? "-preview" : ""}`;
      if (home && env !== home) problems.push(`${name}: ${secret} outside the ${home} environment`);
      const allowed = runsPrCode && !env ? ["GITHUB_TOKEN", "PULUMI_PREVIEW_TOKEN"] : ["GITHUB_TOKEN"];
      if (!home && !allowed.includes(secret)) problems.push(`${name}: secret ${secret} is not scoped`);
    }
    // A pull-request job may only declare the environment that gates a preview role (approval first).
    if (runsPrCode && env && !roles.some((r) => r.kind === "preview" && r.environment === env))
      problems.push(`${name}: a pull-request job declares environment ${env}, which gates no preview role`);
    problems.push(...runnerProblems(name, job, runsPrCode));
  }
  return problems;
}

/**
 * The in-network runner sits in the prod network: a job on it must wait for a person (an
 * environment with required reviewers: GitHub queues it, and so starts the CodeBuild build, only
 * after approval), and a pull-request job on it must keep forks out (SAME_REPOSITORY, no `||`).
 */
function runnerProblems(name: string, job: Job, runsPrCode: boolean): string[] {
  if (!String(job["runs-on"] ?? "").startsWith(IN_NETWORK_RUNNER)) return [];
  const problems: string[] = [];
  if (!environmentOf(job)) problems.push(`${name}: runs on the in-network runner without an environment (approval)`);
  const cond = String(job.if ?? "");
  if (runsPrCode && (!cond.includes(SAME_REPOSITORY) || cond.includes("||")))
    problems.push(`${name}: runs pull-request code on the in-network runner without excluding forks`);
  return problems;
}
