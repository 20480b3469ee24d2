// Who holds which credential in a workflow, as GitHub and AWS decide it (issue 19, CI trust).
// A job's OIDC subject follows GitHub's documented order (docs.github.com/en/actions/reference/
// security/oidc, checked 2026-12-02): environment:<name> when the job references an environment,
// else pull_request for pull_request events, else ref:<ref>. AWS then lets the job assume a role
// only if that subject is the one the role trusts (components/bootstrap/ci-roles.ts).
import { parseCiRolesInput, planCiRoles, type CiRolePlan } from "../../components/bootstrap/ci-roles";

export const REPO = "example-org/platform";
export const CI_ROLES: CiRolePlan[] = planCiRoles(parseCiRolesInput({ repository: REPO }));
const byVariable = new Map(CI_ROLES.map((r) => [r.variable, r]));

export type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
export interface Job {
  environment?: string | { name: string };
  steps: Step[];
  "timeout-minutes"?: number;
  strategy?: { matrix?: { include?: Record<string, string>[] } };
}
export interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const CREDS = "aws-actions/configure-aws-credentials@";
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

/** Problems with the roles a workflow's jobs assume; empty when every job gets only what it should. */
export function credentialProblems(wf: Workflow): string[] {
  const problems: string[] = [];
  const runsPrCode = "pull_request" in wf.on || "pull_request_target" in wf.on;
  for (const [name, job] of Object.entries(wf.jobs)) {
    const env = environmentOf(job);
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
        if (row.stack !== undefined && row.stack !== role.stack)
          problems.push(`${name}: the ${row.stack} row assumes ${variable}`);
        const duration = Number(step.with?.["role-duration-seconds"] ?? 3600);
        if (duration < (job["timeout-minutes"] ?? 360) * 60 || duration > role.maxSessionDuration)
          problems.push(
            `${name}: role-duration-seconds ${duration} outside [timeout ${job["timeout-minutes"]} min, ${role.maxSessionDuration}]`,
          );
      }
    }
    for (const secret of secretsOf(job)) {
      const deploy = /^PULUMI_([A-Z0-9_]+)_DEPLOY_TOKEN$/.exec(secret);
      if (deploy && env?.toUpperCase() !== deploy[1])
        problems.push(`${name}: ${secret} outside the ${deploy[1].toLowerCase()} environment`);
      const allowed = runsPrCode ? ["GITHUB_TOKEN", "PULUMI_PREVIEW_TOKEN"] : ["GITHUB_TOKEN"];
      if (!deploy && !allowed.includes(secret)) problems.push(`${name}: secret ${secret} is not scoped`);
    }
    if (runsPrCode && env) problems.push(`${name}: a pull-request job declares environment ${env}`);
  }
  return problems;
}
