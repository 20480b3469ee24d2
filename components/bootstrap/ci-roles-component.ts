import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  GITHUB_OIDC_URL,
  planCiRoles,
  STS_AUDIENCE,
  trustPolicy,
  workloadBoundary,
  workloadBoundaryName,
  type CiRolesInput,
} from "./ci-roles";

export interface CiRolesArgs {
  /** Parsed by parseCiRolesInput (repository, stacks, allowedRegions, namePrefix). */
  input: CiRolesInput;
  /**
   * ARN of an existing IAM OIDC provider for token.actions.githubusercontent.com. IAM allows one
   * provider per URL per account, so an account that already has it passes it here; otherwise the
   * component creates it (audience sts.amazonaws.com; no thumbprint: IAM validates GitHub's
   * certificate against its own trusted CAs, per the provider docs).
   */
  existingProviderArn?: string;
  provider: aws.Provider;
}

/** GitHub OIDC trust plus one preview and one deploy role per stack, each under its boundary. */
export class CiRoles extends pulumi.ComponentResource {
  /** Role ARNs by repository variable name (AWS_DEV_DEPLOY_ROLE_ARN, ...). */
  public readonly roleArns: pulumi.Output<Record<string, string>>;
  public readonly providerArn: pulumi.Output<string>;
  /** Per stack, the boundary every role its program creates must carry (the deploy role enforces it). */
  public readonly workloadBoundaryArns: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: CiRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:bootstrap:CiRoles", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    this.providerArn = args.existingProviderArn
      ? pulumi.output(args.existingProviderArn)
      : new aws.iam.OpenIdConnectProvider(
          `${name}-github`,
          { url: GITHUB_OIDC_URL, clientIdLists: [STS_AUDIENCE] },
          child,
        ).arn;
    const arns: Record<string, pulumi.Output<string>> = {};
    for (const plan of planCiRoles(args.input)) {
      const boundary = new aws.iam.Policy(
        `${name}-${plan.key}-boundary`,
        { name: plan.boundaryName, policy: JSON.stringify(plan.boundary) },
        child,
      );
      const role = new aws.iam.Role(
        `${name}-${plan.key}`,
        {
          name: plan.roleName,
          description: `GitHub Actions ${plan.kind} role for ${plan.stack}: trusts only ${plan.subject}`,
          assumeRolePolicy: this.providerArn.apply((arn) => JSON.stringify(trustPolicy(arn, plan.subject))),
          maxSessionDuration: plan.maxSessionDuration,
          permissionsBoundary: boundary.arn,
        },
        child,
      );
      plan.managedPolicyArns.forEach(
        (policyArn, i) =>
          new aws.iam.RolePolicyAttachment(`${name}-${plan.key}-managed-${i}`, { role: role.name, policyArn }, child),
      );
      if (plan.inlinePolicy)
        new aws.iam.RolePolicy(
          `${name}-${plan.key}-inline`,
          { role: role.name, policy: JSON.stringify(plan.inlinePolicy) },
          child,
        );
      arns[plan.variable] = role.arn;
    }
    const workload: Record<string, pulumi.Output<string>> = {};
    for (const stack of args.input.stacks)
      workload[stack] = new aws.iam.Policy(
        `${name}-${stack}-workload-boundary`,
        {
          name: workloadBoundaryName(args.input.namePrefix, stack),
          description: `Boundary of every role the ${stack} stack creates`,
          policy: JSON.stringify(workloadBoundary()),
        },
        child,
      ).arn;
    this.roleArns = pulumi.output(arns);
    this.workloadBoundaryArns = pulumi.output(workload);
    this.registerOutputs({
      roleArns: this.roleArns,
      providerArn: this.providerArn,
      workloadBoundaryArns: this.workloadBoundaryArns,
    });
  }
}
