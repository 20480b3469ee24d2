// Bootstrap program (README "Deploying for real", step 3): the GitHub Actions roles of one AWS
// account. Thin: config -> planner input -> CiRoles -> the repository variables to set.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountOfRun, parseCiRolesInput } from "../components/bootstrap/ci-roles";
import { CiRoles } from "../components/bootstrap/ci-roles-component";

// Keys live in the project's namespace (platform-ci): the CLI types only those.
const cfg = new pulumi.Config();
const input = parseCiRolesInput({
  repository: cfg.get("repository"),
  stacks: cfg.getObject<string[]>("stacks"),
  allowedRegions: cfg.getObject<string[]>("allowedRegions"),
  namePrefix: cfg.get("namePrefix"),
  pullRequestPreviewStacks: cfg.getObject<string[]>("pullRequestPreviewStacks"),
  requireWorkloadBoundary: cfg.getBoolean("requireWorkloadBoundary"),
  accounts: cfg.requireObject<Record<string, string>>("accounts"),
  sharedAccount: cfg.getBoolean("sharedAccount"),
  workflowSubjects: cfg.getBoolean("workflowSubjects"),
});
const account = accountOfRun(input);
if (input.sharedAccount) void pulumi.log.warn(`SHARED ACCOUNT: stacks ${input.stacks.join(", ")} share ${account}`);
// IAM is global; the provider's region only decides the endpoint. It refuses any other account's credentials.
const provider = new aws.Provider("iam", { region: "us-east-1", allowedAccountIds: account ? [account] : undefined });
const roles = new CiRoles("ci", { input, existingProviderArn: cfg.get("existingProviderArn") || undefined, provider });

/** Repository variable name -> role ARN: set each as a GitHub repository variable. */
export const repositoryVariables = roles.roleArns;
export const oidcProviderArn = roles.providerArn;
/** Stack -> the permissions boundary every role of that stack's program must carry. */
export const workloadBoundaryArns = roles.workloadBoundaryArns;
