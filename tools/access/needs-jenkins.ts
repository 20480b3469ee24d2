/**
 * Jenkins (components/jenkins): what its identities must and must not do.
 * - the controller (Pod Identity of ServiceAccount jenkins): start, watch and stop builds of its
 *   CodeBuild project and read that project's logs; never another project, never pass a role (a
 *   StartBuild override could then swap the build's role), never assume the CI deploy role of the
 *   stack, never the data tier (secrets, database users, tables, queues);
 * - the CodeBuild project's role: write its log streams; no data tier either;
 * - the EFS CSI controller: describe the one file system and its access point; no access point
 *   creation or deletion (static provisioning).
 * Actions: Service Authorization Reference for CodeBuild, CloudWatch Logs, EFS (read 2026-12-07).
 */
import { parseCiRolesInput, planCiRoles } from "../../components/bootstrap/ci-roles";
import type { PlanResource } from "../../policies/lib/offline";
import { stackOf } from "./ci-identity";
import type { Need } from "./model";
import type { World } from "./world";

const JENKINS_PARENT = "platform:jenkins:Jenkins";
const mine = (r: PlanResource) => (r.parent ?? "").includes(JENKINS_PARENT);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

interface JenkinsWorld {
  region: string;
  controllerRole?: string;
  codebuildRole?: string;
  csiRole?: string;
  project?: PlanResource;
  logGroup?: PlanResource;
  fileSystem?: PlanResource;
  accessPoint?: PlanResource;
}

function jenkinsOf(world: World): JenkinsWorld[] {
  return world
    .ofType("aws:codebuild/project:Project")
    .filter(mine)
    .map((project) => {
      const region = project.region ?? "";
      const inRegion = (type: string) => world.ofType(type).find((r) => mine(r) && r.region === region);
      const assoc = world
        .ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")
        .find((a) => mine(a) && a.region === region);
      const addon = inRegion("aws:eks/addon:Addon");
      const pia = (addon?.inputs.podIdentityAssociations as { roleArn?: string }[] | undefined)?.[0];
      const logGroup = world
        .ofType("aws:cloudwatch/logGroup:LogGroup")
        .find((g) => mine(g) && g.region === region && String(g.inputs.name).startsWith("/aws/codebuild/"));
      return {
        region,
        project,
        logGroup,
        controllerRole: str(assoc?.inputs.roleArn),
        codebuildRole: str(project.inputs.serviceRole),
        csiRole: str(pia?.roleArn),
        fileSystem: inRegion("aws:efs/fileSystem:FileSystem"),
        accessPoint: inRegion("aws:efs/accessPoint:AccessPoint"),
      };
    });
}

/** The data tier a build system must never touch: every secret, table, queue and database user of the plan. */
function dataTier(world: World): [string, string][] {
  const arn = (type: string) => world.ofType(type).map((r) => String(world.out(r).arn));
  return [
    ...arn("aws:secretsmanager/secret:Secret").map((a): [string, string] => ["secretsmanager:GetSecretValue", a]),
    ...world
      .ofType("aws:dynamodb/table:Table")
      .map((t): [string, string] => [
        "dynamodb:GetItem",
        `arn:aws:dynamodb:${t.region}:${world.account}:table/${t.inputs.name ?? t.name}`,
      ]),
    ...arn("aws:sqs/queue:Queue").map((a): [string, string] => ["sqs:ReceiveMessage", a]),
    ...world
      .ofType("aws:rds/cluster:Cluster")
      .map((c): [string, string] => [
        "rds-db:connect",
        `arn:aws:rds-db:${c.region}:${world.account}:dbuser:${world.out(c).clusterResourceId}/app`,
      ]),
  ];
}

export function jenkinsNeeds(world: World): Need[] {
  const out: Need[] = [];
  const deployRoles = planCiRoles(parseCiRolesInput({ repository: "owner/repository", stacks: [stackOf(world)] }))
    .filter((p) => p.kind === "deploy")
    .map((p) => `arn:aws:iam::${world.account}:role/${p.roleName}`);
  for (const j of jenkinsOf(world)) {
    const need = (requirement: string, kind: Need["kind"], role: string, action: string, resource: string): Need => ({
      requirement,
      kind,
      asker: { role },
      action,
      resource,
      urn: j.project!.urn,
    });
    const project = String(world.out(j.project!).arn);
    const logs = j.logGroup ? String(world.out(j.logGroup).arn) : undefined;
    if (j.controllerRole) {
      const c = j.controllerRole;
      for (const a of ["codebuild:StartBuild", "codebuild:BatchGetBuilds", "codebuild:StopBuild"])
        out.push(need("jenkins-codebuild", "required", c, a, project));
      if (logs)
        for (const a of ["logs:GetLogEvents", "logs:FilterLogEvents"])
          out.push(need("jenkins-codebuild", "required", c, a, `${logs}:log-stream:build`));
      const other = `arn:aws:codebuild:${j.region}:${world.account}:project/another-project`;
      out.push(need("jenkins-codebuild-only", "forbidden", c, "codebuild:StartBuild", other));
      if (j.codebuildRole) out.push(need("jenkins-codebuild-only", "forbidden", c, "iam:PassRole", j.codebuildRole));
      for (const r of deployRoles) out.push(need("jenkins-no-deploy", "forbidden", c, "sts:AssumeRole", r));
      for (const [a, r] of dataTier(world)) out.push(need("jenkins-no-data", "forbidden", c, a, r));
    }
    if (j.codebuildRole && logs) {
      out.push(
        need("jenkins-codebuild", "required", j.codebuildRole, "logs:CreateLogStream", `${logs}:log-stream:build`),
      );
      for (const [a, r] of dataTier(world)) out.push(need("jenkins-no-data", "forbidden", j.codebuildRole, a, r));
      for (const r of deployRoles)
        out.push(need("jenkins-no-deploy", "forbidden", j.codebuildRole, "sts:AssumeRole", r));
    }
    if (j.csiRole && j.fileSystem && j.accessPoint) {
      const fs = String(world.out(j.fileSystem).arn);
      const ap = String(world.out(j.accessPoint).arn);
      for (const a of ["elasticfilesystem:DescribeFileSystems", "elasticfilesystem:DescribeMountTargets"])
        out.push(need("efs-csi", "required", j.csiRole, a, fs));
      out.push(need("efs-csi", "required", j.csiRole, "elasticfilesystem:DescribeAccessPoints", ap));
      out.push(need("efs-csi", "required", j.csiRole, "ec2:DescribeAvailabilityZones", "*"));
      out.push(need("efs-csi", "forbidden", j.csiRole, "elasticfilesystem:CreateAccessPoint", fs));
      out.push(need("efs-csi", "forbidden", j.csiRole, "elasticfilesystem:DeleteAccessPoint", ap));
    }
  }
  return out;
}
