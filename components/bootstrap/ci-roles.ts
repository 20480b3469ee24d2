/**
 * The IAM roles GitHub Actions assumes for this repository (CI trust). Pure: input in,
 * role plans (trust policy, permissions, permissions boundary) out; ci-roles-component.ts creates
 * them, bootstrap/index.ts is the tiny Pulumi program that runs it once per AWS account.
 *
 * Trust, as GitHub documents the OIDC `sub` claim (https://docs.github.com/en/actions/reference/
 * security/oidc, "Example subject claims", checked 2026-12-02):
 * - a job that references an environment gets `repo:<owner>/<repo>:environment:<name>`, whatever
 *   the event (the environment takes precedence);
 * - a `pull_request` job without an environment gets `repo:<owner>/<repo>:pull_request`.
 * So each deploy role trusts exactly `environment:<stack>` (deploy.yml's jobs declare `environment:
 * dev` / `prod`, whose deployment-branch rule admits only main and whose secrets hold the deploy
 * token). A preview role trusts exactly `pull_request` (pull-request.yml's dev preview declares no
 * environment) for the stacks in `pullRequestPreviewStacks` (default: dev). Any other stack (prod)
 * has a private API, so its preview runs PR code on the in-network runner, only after a person
 * approves the job through the GitHub environment `<stack>-preview`: that role trusts exactly
 * `environment:<stack>-preview`, so no unapproved job can assume it. Audience `sts.amazonaws.com` is what
 * aws-actions/configure-aws-credentials requests. Conditions use StringEquals: a `*` or `?` in a
 * subject would turn it into a pattern (StringLike), so the planner refuses them.
 */
import { z } from "zod";
import { deployBoundary, GITHUB_OIDC_HOST, previewPolicy, type PolicyDocument } from "./ci-policies";

export { GITHUB_OIDC_HOST };
export type { PolicyDocument, PolicyStatement } from "./ci-policies";
export {
  GLOBAL_SERVICE_ACTIONS,
  PREVIEW_DENIED_DATA_READS,
  PREVIEW_READ_ACTIONS,
  workloadBoundary,
} from "./ci-policies";

export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
export const STS_AUDIENCE = "sts.amazonaws.com";

export type CiRoleKind = "preview" | "deploy";

export interface CiRolePlan {
  /** Pulumi resource name suffix and stable key, e.g. `prod-deploy`. */
  key: string;
  /** IAM role name (no path: EKS access entries name the role ARN as is). */
  roleName: string;
  kind: CiRoleKind;
  stack: string;
  /** The exact `sub` this role trusts. */
  subject: string;
  /** GitHub environment a job must declare to get `subject`; undefined for a pull_request preview. */
  environment?: string;
  /** Repository variable the workflows read the role ARN from. */
  variable: string;
  /** Seconds; deploy jobs run up to 120 min (deploy.yml timeout-minutes) and ask for that long. */
  maxSessionDuration: number;
  managedPolicyArns: string[];
  inlinePolicy?: PolicyDocument;
  boundaryName: string;
  boundary: PolicyDocument;
}

const name = z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: "letters, digits, '.', '_' or '-' (no wildcards)" });
export const ciRolesInputSchema = z.strictObject({
  /** "owner/name" exactly as GitHub spells it. */
  repository: z
    .string({ error: 'a GitHub repository as "owner/name" (required: pulumi config set repository <owner>/<repo>)' })
    .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/, { error: 'a GitHub repository as "owner/name" (no wildcards)' }),
  /** Stacks whose roles live in this account (run once per account: dev and prod may be apart). */
  stacks: z.array(name).min(1, { error: "at least one stack" }).default(["dev", "prod"]),
  /** Regions deploys may touch (the boundary denies others); keep equal to the stacks' platform:allowedRegions. */
  allowedRegions: z
    .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: "an AWS region like us-east-1" }))
    .min(1)
    .default(["us-east-1", "us-west-2", "eu-west-1"]),
  /** Role and policy name prefix; matches the placeholders in Pulumi.prod.yaml (platform-prod-deploy). */
  namePrefix: name.default("platform"),
  /**
   * Stacks whose preview runs outside the network, on any pull_request job: their preview role
   * trusts `pull_request`. Every other stack's preview role trusts only `environment:<stack>-preview`
   * (a misspelt entry therefore fails closed). Default dev: prod's API is private.
   */
  pullRequestPreviewStacks: z.array(name).default(["dev"]),
  /**
   * Deny a deploy creating a role without the stack's workload boundary. Off by default: the EKS
   * component creates its cluster and node roles itself, without a boundary input, so a new stack's
   * first `pulumi up` would be refused (docs/access.md, "Boundaries").
   */
  requireWorkloadBoundary: z.boolean().default(false),
  /**
   * Stack -> the 12-digit id of the AWS account it lives in (one account per environment). A run
   * bootstraps one account: every stack it plans must be in the same one, and two environments'
   * stacks in one account are refused unless `sharedAccount` says so.
   */
  accounts: z.record(name, z.string().regex(/^\d{12}$/, { error: "a 12-digit AWS account id" })).optional(),
  /** Two environments' stacks in one account, on purpose (their identities then reach each other). */
  sharedAccount: z.boolean().default(false),
  /**
   * Trust names the workflow too: the repository's OIDC subject template includes
   * `job_workflow_ref` (docs/deploying.md), so a deploy role trusts only deploy.yml on main and a
   * preview role only pull-request.yml, whatever other workflow declares the same environment.
   */
  workflowSubjects: z.boolean().default(false),
});
export type CiRolesInput = z.output<typeof ciRolesInputSchema>;

export type GithubContext = { environment: string } | "pull_request";

/** The `sub` GitHub issues for a job of this repository in this context (refuses wildcards). */
export function githubSubject(repository: string, context: GithubContext, workflow?: WorkflowRef): string {
  const subject =
    context === "pull_request"
      ? `repo:${repository}:pull_request`
      : `repo:${repository}:environment:${context.environment}`;
  if (/[*?]/.test(subject)) throw new Error(`OIDC subject "${subject}": wildcards are refused (exact subjects only)`);
  if (!workflow) return subject;
  if (!/^[A-Za-z0-9_.-]+\.ya?ml$/.test(workflow.file))
    throw new Error(`workflow file "${workflow.file}": a file name under .github/workflows (no wildcards)`);
  // GitHub's `job_workflow_ref` claim: <owner>/<repo>/.github/workflows/<file>@<ref> (OIDC reference,
  // "Customizing the subject claims", read 2026-12-07). A pull request's ref carries its number.
  const ref = workflow.ref === "pull_request" ? PULL_REQUEST_REF : "refs/heads/main";
  return `${subject}:job_workflow_ref:${repository}/.github/workflows/${workflow.file}@${ref}`;
}

/** The one pattern a subject may hold: any pull request's merge ref (GitHub sets the number). */
export const PULL_REQUEST_REF = "refs/pull/*/merge";
/** The workflow a role's jobs run in: its file, and main (deploys) or a pull request's merge ref. */
export interface WorkflowRef {
  file: string;
  ref: "main" | "pull_request";
}
/** The workflow files whose jobs assume each kind of role (.github/workflows). */
export const ROLE_WORKFLOWS: Readonly<Record<CiRoleKind, WorkflowRef>> = {
  deploy: { file: "deploy.yml", ref: "main" },
  preview: { file: "pull-request.yml", ref: "pull_request" },
};

/** Trust policy: GitHub's OIDC provider, audience sts.amazonaws.com, exactly one subject. */
export function trustPolicy(providerArn: string, subject: string): PolicyDocument {
  const pattern = subject.endsWith(`@${PULL_REQUEST_REF}`);
  const rest = pattern ? subject.slice(0, -PULL_REQUEST_REF.length) : subject;
  if (/[*?]/.test(rest)) throw new Error(`OIDC subject "${subject}": wildcards are refused (exact subjects only)`);
  // StringLike only for the pull request number; every other character is matched as written.
  const op = pattern ? "StringLike" : "StringEquals";
  const aud = { [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE };
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition:
          op === "StringEquals"
            ? { StringEquals: { ...aud, [`${GITHUB_OIDC_HOST}:sub`]: subject } }
            : { StringEquals: aud, StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: subject } },
      },
    ],
  };
}

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

/** The boundary every role of a stack's program must carry (created by the bootstrap program). */
export const workloadBoundaryName = (namePrefix: string, stack: string) => `${namePrefix}-${stack}-workload-boundary`;

function ciRoleNames(input: CiRolesInput): { roles: string[]; boundaries: string[] } {
  const roles = input.stacks.flatMap((s) => [`${input.namePrefix}-${s}-preview`, `${input.namePrefix}-${s}-deploy`]);
  const workload = input.stacks.map((s) => workloadBoundaryName(input.namePrefix, s));
  return { roles, boundaries: [...roles.map((r) => `${r}-boundary`), ...workload] };
}

/** IAM name limits (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, checked 2026-12-02). */
export const IAM_ROLE_NAME_MAX = 64;
export const IAM_POLICY_NAME_MAX = 128;

/** The GitHub environment that gates a stack's in-network preview (pull-request.yml `preview-prod`). */
export const previewEnvironment = (stack: string) => `${stack}-preview`;

/** Plans one preview and one deploy role per stack. */
export function planCiRoles(input: CiRolesInput): CiRolePlan[] {
  const { roles, boundaries } = ciRoleNames(input);
  for (const [names, max, what] of [
    [roles, IAM_ROLE_NAME_MAX, "role"],
    [boundaries, IAM_POLICY_NAME_MAX, "policy"],
  ] as const)
    for (const n of names)
      if (n.length > max)
        throw new Error(
          `IAM ${what} name "${n}" is ${n.length} characters; IAM allows ${max} (shorten namePrefix or the stack name)`,
        );
  for (const stack of input.stacks)
    if (input.stacks.includes(previewEnvironment(stack)) && !input.pullRequestPreviewStacks.includes(stack))
      throw new Error(
        `stack "${previewEnvironment(stack)}" shares its GitHub environment with ${stack}'s preview: rename the stack`,
      );
  accountOfRun(input);
  return input.stacks.flatMap((stack): CiRolePlan[] => {
    const upper = stack.toUpperCase().replace(/[^A-Z0-9]/g, "_");
    const preview = `${input.namePrefix}-${stack}-preview`;
    const deploy = `${input.namePrefix}-${stack}-deploy`;
    const previewEnv = input.pullRequestPreviewStacks.includes(stack) ? undefined : previewEnvironment(stack);
    const wf = (kind: CiRoleKind) => (input.workflowSubjects ? ROLE_WORKFLOWS[kind] : undefined);
    const previewSubject = githubSubject(
      input.repository,
      previewEnv ? { environment: previewEnv } : "pull_request",
      wf("preview"),
    );
    const deploySubject = githubSubject(input.repository, { environment: stack }, wf("deploy"));
    return [
      {
        key: `${stack}-preview`,
        roleName: preview,
        kind: "preview",
        stack,
        subject: previewSubject,
        environment: previewEnv,
        variable: `AWS_${upper}_PREVIEW_ROLE_ARN`,
        maxSessionDuration: 3600,
        managedPolicyArns: [],
        inlinePolicy: previewPolicy("PreviewReads"),
        boundaryName: `${preview}-boundary`,
        boundary: previewPolicy("Ceiling"),
      },
      {
        key: `${stack}-deploy`,
        roleName: deploy,
        kind: "deploy",
        stack,
        subject: deploySubject,
        environment: stack,
        variable: `AWS_${upper}_DEPLOY_ROLE_ARN`,
        maxSessionDuration: 7200,
        managedPolicyArns: [ADMIN],
        boundaryName: `${deploy}-boundary`,
        boundary: deployBoundary(input.allowedRegions, {
          ...ciRoleNames(input),
          workloadBoundary: workloadBoundaryName(input.namePrefix, stack),
          requireWorkloadBoundary: input.requireWorkloadBoundary,
        }),
      },
    ];
  });
}

/** Parses the bootstrap program's config; errors name the key, the value and what was expected. */
export function parseCiRolesInput(raw: unknown, namespace = "platform-ci"): CiRolesInput {
  const result = ciRolesInputSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const key = [namespace, ...i.path.map(String)].join(":").replace(/:(\d+)/g, "[$1]");
    const value = i.path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k as string], raw);
    return `  ${key} = ${JSON.stringify(value)}: expected ${i.message}`;
  });
  throw new Error(`Invalid bootstrap config:\n${lines.join("\n")}`);
}

/**
 * The one account a bootstrap run creates roles in (its provider allows only that one), from
 * `accounts`: every stack of the run must be in it, and two stacks in it need `sharedAccount`.
 */
export function accountOfRun(input: CiRolesInput): string | undefined {
  if (!input.accounts) return undefined;
  const missing = input.stacks.filter((s) => input.accounts![s] === undefined);
  if (missing.length)
    throw new Error(
      `platform-ci:accounts has no account id for stack ${missing.join(", ")} (one 12-digit id per stack)`,
    );
  const ids = [...new Set(input.stacks.map((s) => input.accounts![s]))];
  if (ids.length > 1)
    throw new Error(
      `platform-ci:stacks ${input.stacks.join(", ")} live in ${ids.length} accounts (${ids.join(", ")}): run the bootstrap ` +
        "once per account, with only that account's stacks",
    );
  if (input.stacks.length > 1 && !input.sharedAccount)
    throw new Error(
      `platform-ci:stacks ${input.stacks.join(", ")} share account ${ids[0]}: one account per environment keeps dev ` +
        "identities out of prod; set platform-ci:sharedAccount true to accept that they reach each other",
    );
  return ids[0];
}
