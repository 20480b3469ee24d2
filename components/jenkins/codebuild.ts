import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityRole } from "../cluster/pod-identity";
import type { JenkinsConfig } from "../config/sections/jenkins";
import type { RegionContext } from "../region-context";
import { nameTags } from "../tags";
import { codebuildStatements, codebuildTrust, controllerStatements } from "./iam";
import { JENKINS } from "./names";

type Region = Pick<RegionContext, "name" | "physicalName" | "provider" | "cluster">;

/**
 * The project's own buildspec only says how to use it: each pipeline sends its buildspec with
 * StartBuild (`buildspecOverride`), so one project serves every heavy build.
 */
export const DEFAULT_BUILDSPEC = [
  "version: 0.2",
  "phases:",
  "  build:",
  "    commands:",
  '      - echo "Start builds from Jenkins with a buildspecOverride; this project has no source of its own." && exit 1',
].join("\n");

/** The CodeBuild project's physical name in a region. */
export function codebuildProjectName(physicalName: string): string {
  return `${physicalName}-jenkins-heavy`;
}

/**
 * The path for heavy builds: a CodeBuild project (no source, no VPC: it reaches the internet and
 * nothing of the VPC's data tier) with a role that only writes its log group, and the controller's
 * Pod Identity role that may start, watch and stop builds of this project only.
 */
export function createHeavyBuilds(
  name: string,
  j: JenkinsConfig,
  region: Region,
  parent: pulumi.Resource,
): { project: aws.codebuild.Project; projectName: string } {
  const child = { parent, provider: region.provider };
  const projectName = codebuildProjectName(region.physicalName);
  const logGroupName = `/aws/codebuild/${projectName}`;
  const account = aws.getCallerIdentityOutput({}, child).accountId;
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-codebuild-logs`,
    { name: logGroupName, retentionInDays: j.codebuild.logRetentionDays, tags: nameTags(projectName) },
    child,
  );
  const role = new aws.iam.Role(
    `${name}-codebuild-role`,
    {
      assumeRolePolicy: account.apply((a) => JSON.stringify(codebuildTrust(a))),
      description: `CodeBuild ${projectName}: write its build logs`,
      tags: nameTags(`${projectName}-role`),
    },
    child,
  );
  const rolePolicy = new aws.iam.RolePolicy(
    `${name}-codebuild-policy`,
    {
      role: role.id,
      policy: logGroup.arn.apply((arn) =>
        JSON.stringify({ Version: "2012-10-17", Statement: codebuildStatements(arn) }),
      ),
    },
    child,
  );
  const project = new aws.codebuild.Project(
    `${name}-codebuild`,
    {
      name: projectName,
      description: "Heavy Jenkins builds: started by the Jenkins controller with a buildspecOverride",
      serviceRole: role.arn,
      buildTimeout: j.codebuild.timeoutMinutes,
      source: { type: "NO_SOURCE", buildspec: DEFAULT_BUILDSPEC },
      artifacts: { type: "NO_ARTIFACTS" },
      environment: {
        type: "LINUX_CONTAINER",
        computeType: j.codebuild.computeType,
        image: j.codebuild.image,
        imagePullCredentialsType: "CODEBUILD",
        privilegedMode: j.codebuild.privilegedMode,
      },
      logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logGroupName }, s3Logs: { status: "DISABLED" } },
      tags: nameTags(projectName),
    },
    { ...child, dependsOn: [rolePolicy] },
  );
  podIdentityRole(
    `${name}-controller-pi`,
    {
      clusterName: region.cluster.name,
      namespace: j.namespace,
      serviceAccount: JENKINS.serviceAccount,
      statements: pulumi
        .all([project.arn, logGroup.arn])
        .apply(([p, l]) => controllerStatements(p, l) as Record<string, unknown>[]),
    },
    child,
  );
  return { project, projectName };
}
