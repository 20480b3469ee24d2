import type { ResourceValidationPolicy } from "@pulumi/policy";
import { known } from "../../lib/policy";

const WEBHOOK = "aws:codebuild/webhook:Webhook";
const RUNNER_EVENT = "WORKFLOW_JOB_QUEUED";

interface Filter {
  type?: string;
  pattern?: string;
  excludeMatchedPattern?: boolean;
}

/**
 * Mandatory: a CodeBuild-hosted GitHub Actions runner sits inside the network the private EKS
 * endpoints are reachable from. Its webhook (the WORKFLOW_JOB_QUEUED event) must serve one
 * repository and name the workflows allowed on it:
 * - `scopeConfiguration` makes it an organization or global webhook: every repository of the
 *   organization (or account) could queue jobs on the runner (CodeBuild user guide, "GitHub global
 *   and organization webhooks"; terraform-provider-aws codebuild webhook `scope_configuration`).
 * - Each filter group is an OR branch; a group without a WORKFLOW_NAME filter admits every workflow
 *   of the repository, and an excluded pattern admits every workflow but those named.
 * The workflow-name filter prevents mistakes, not attacks: a branch can rename a workflow
 * (README: the prod-preview environment). The repository itself is the project's source.
 */
export function codebuildRunnerScope(): ResourceValidationPolicy {
  return {
    name: "aws-codebuild-runner-scope",
    description:
      "A CodeBuild GitHub Actions runner webhook serves one repository (no organization/global scope) and names the workflows it runs in every filter group.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== WEBHOOK) return;
      const groups = known(() => args.props.filterGroups as { filters?: Filter[] }[] | undefined);
      if (!Array.isArray(groups)) return;
      const isRunner = groups.some((g) =>
        (g.filters ?? []).some((f) => f.type === "EVENT" && f.pattern === RUNNER_EVENT),
      );
      if (!isRunner) return;
      const label = `CodeBuild runner webhook for project "${known(() => args.props.projectName) ?? args.name}"`;
      if (known(() => args.props.scopeConfiguration))
        reportViolation(
          `${label} has scopeConfiguration (organization or global webhook): every repository in scope could run jobs on the in-network runner; drop it and keep the project's repository as its source`,
        );
      groups.forEach((g, i) => {
        const names = (g.filters ?? []).filter((f) => f.type === "WORKFLOW_NAME");
        if (names.length === 0)
          reportViolation(
            `${label}: filterGroups[${i}] has no WORKFLOW_NAME filter, so it admits every workflow of the repository; name the workflows that run on the runner (e.g. ^(deploy|pull-request)$)`,
          );
        else if (names.some((f) => f.excludeMatchedPattern))
          reportViolation(
            `${label}: filterGroups[${i}] excludes workflow names (excludeMatchedPattern), so it admits every other workflow; name the allowed ones instead`,
          );
      });
    },
  };
}
