/**
 * Jenkins' AWS permissions as plain documents, each the least the caller needs:
 * - the EFS CSI controller: read the one file system and its access points (static provisioning:
 *   no CreateAccessPoint/DeleteAccessPoint, unlike AWS's AmazonEFSCSIDriverPolicy);
 * - the Jenkins controller: start and watch builds of the one CodeBuild project, read its logs;
 *   never iam:PassRole, so a StartBuild override cannot swap the build's role;
 * - the CodeBuild project: write its own log group, nothing else (no VPC, no data tier);
 * - the file system policy: TLS only, mounts through a mount target only.
 * Actions: Service Authorization Reference for Amazon EFS, AWS CodeBuild and CloudWatch Logs (read 2026-12-07).
 */
type Statement = Record<string, unknown>;

export function efsCsiStatements(fileSystemArn: string, accessPointArn: string): Statement[] {
  return [
    {
      Sid: "DescribeJenkinsHome",
      Effect: "Allow",
      Action: [
        "elasticfilesystem:DescribeAccessPoints",
        "elasticfilesystem:DescribeFileSystems",
        "elasticfilesystem:DescribeMountTargets",
      ],
      Resource: [fileSystemArn, accessPointArn],
    },
    // DescribeAvailabilityZones supports no resource-level permission.
    { Sid: "DescribeZones", Effect: "Allow", Action: ["ec2:DescribeAvailabilityZones"], Resource: "*" },
  ];
}

export function controllerStatements(projectArn: string, logGroupArn: string): Statement[] {
  return [
    {
      Sid: "HeavyBuildsOnOneProject",
      Effect: "Allow",
      Action: ["codebuild:StartBuild", "codebuild:BatchGetBuilds", "codebuild:StopBuild"],
      Resource: projectArn,
    },
    {
      Sid: "ReadBuildLogs",
      Effect: "Allow",
      Action: ["logs:GetLogEvents", "logs:FilterLogEvents"],
      Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
    },
  ];
}

export function codebuildStatements(logGroupArn: string): Statement[] {
  return [
    {
      Sid: "WriteBuildLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
    },
  ];
}

/** CodeBuild assumes the project's role for builds of this account only (confused-deputy guard). */
export function codebuildTrust(account: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "codebuild.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
    ],
  };
}

/**
 * Refuse NFS without TLS; allow mounting and writing only through a mount target (EFS User Guide,
 * "Using IAM to control file system data access": elasticfilesystem:AccessedViaMountTarget, and
 * aws:SecureTransport). No ClientRootAccess: the access point's POSIX user is the only identity.
 */
export function fileSystemPolicy(fileSystemArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyWithoutTls",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: "*",
        Resource: fileSystemArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "MountThroughMountTargets",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        Resource: fileSystemArn,
        Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
      },
    ],
  };
}

/** arn:aws:codebuild:<region>:<account>:project/<name> (CodeBuild resource ARN format). */
export function codebuildProjectArn(region: string, account: string, project: string): string {
  return `arn:aws:codebuild:${region}:${account}:project/${project}`;
}
