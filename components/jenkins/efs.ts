import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { MetricAlarmSpec } from "../cloudwatch-alarms";
import { resolveAddonVersion } from "../cluster/addon-versions";
import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS } from "../cluster/types";
import { podIdentityTrustOutput } from "../cluster/pod-identity";
import type { JenkinsConfig } from "../config/sections/jenkins";
import type { RegionContext } from "../region-context";
import { nameTags } from "../tags";
import { efsCsiStatements, fileSystemPolicy } from "./iam";
import { COST_STORAGE_TAG, EFS_CSI, NFS_PORT } from "./names";

type Region = Pick<RegionContext, "name" | "physicalName" | "provider" | "vpc" | "cluster" | "alarmTopic">;

export interface JenkinsHome {
  fileSystem: aws.efs.FileSystem;
  accessPoint: aws.efs.AccessPoint;
  /** The driver, mount targets and file system policy: the volume mounts once all exist. */
  ready: pulumi.Resource[];
}

/** The POSIX identity of the jenkins/jenkins image (uid/gid 1000) owns the access point's root. */
export const JENKINS_POSIX = { uid: 1000, gid: 1000, permissions: "750", path: "/jenkins-home" } as const;

/**
 * The EFS CSI add-on's configurationValues: its controller on the system nodes. Keys are the
 * driver chart's (kubernetes-sigs/aws-efs-csi-driver charts/aws-efs-csi-driver/values.yaml at
 * helm-chart-aws-efs-csi-driver-4.4.1, read 2026-12-07; the add-on's configuration schema follows
 * them). Setting `tolerations` replaces the chart's list, so its agent-not-ready toleration is
 * kept. The node DaemonSet keeps the chart's `operator: Exists`: it mounts wherever the pod lands.
 */
export function efsCsiConfiguration() {
  return {
    controller: {
      nodeSelector: { ...SYSTEM_NODE_LABEL },
      tolerations: [
        ...SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
        { key: "efs.csi.aws.com/agent-not-ready", operator: "Exists" },
      ],
    },
  };
}

/** BurstCreditBalance under the configured floor for 15 minutes: EFS is about to throttle to baseline. */
export function efsAlarmSpecs(j: Pick<JenkinsConfig, "efs">, fileSystemId: string): MetricAlarmSpec[] {
  if (j.efs.throughputMode !== "bursting") return [];
  return [
    {
      role: "efs-burst-credits",
      namespace: "AWS/EFS",
      metricName: "BurstCreditBalance",
      dimensions: { FileSystemId: fileSystemId },
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: j.efs.burstCreditAlarmBytes,
      periodSeconds: 300,
      evaluationPeriods: 3,
      description: "Jenkins home (EFS) is running out of burst credits: builds slow to baseline throughput",
    },
  ];
}

/**
 * Jenkins' home in one region: a KMS key, the encrypted file system with AWS Backup on, a security
 * group admitting NFS only from the cluster security group (nodes and the pods on them), one mount
 * target per private subnet, the access point, the TLS-only file system policy, and the EFS CSI
 * driver as an EKS add-on whose controller reads this file system only (Pod Identity).
 */
export function createJenkinsHome(
  name: string,
  j: JenkinsConfig,
  region: Region,
  opts: { kubernetesVersion: string; protect: boolean },
  parent: pulumi.Resource,
): JenkinsHome {
  const child = { parent, provider: region.provider };
  const kept = { ...child, ...(opts.protect ? { protect: true } : {}) };
  const fsName = `${region.physicalName}-jenkins-home`;
  const key = new aws.kms.Key(
    `${name}-efs-key`,
    {
      description: `EFS ${fsName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: nameTags(`${fsName}-key`),
    },
    kept,
  );
  const fileSystem = new aws.efs.FileSystem(
    `${name}-efs`,
    {
      encrypted: true,
      kmsKeyId: key.arn,
      performanceMode: "generalPurpose",
      throughputMode: j.efs.throughputMode,
      tags: nameTags(fsName, { [COST_STORAGE_TAG]: String(j.efs.storageGiB) }),
    },
    kept,
  );
  const backup = new aws.efs.BackupPolicy(
    `${name}-efs-backup`,
    { fileSystemId: fileSystem.id, backupPolicy: { status: "ENABLED" } },
    child,
  );
  const policy = new aws.efs.FileSystemPolicy(
    `${name}-efs-policy`,
    { fileSystemId: fileSystem.id, policy: fileSystem.arn.apply((arn) => JSON.stringify(fileSystemPolicy(arn))) },
    child,
  );
  const sg = new aws.ec2.SecurityGroup(
    `${name}-efs-sg`,
    {
      vpcId: region.vpc.vpcId,
      description: `EFS ${fsName}: NFS ${NFS_PORT} from the cluster security group only`,
      tags: nameTags(`${fsName}-efs`),
    },
    child,
  );
  const rule = new aws.vpc.SecurityGroupIngressRule(
    `${name}-efs-sg-from-cluster`,
    {
      securityGroupId: sg.id,
      ipProtocol: "tcp",
      fromPort: NFS_PORT,
      toPort: NFS_PORT,
      referencedSecurityGroupId: region.cluster.clusterSecurityGroupId,
      description: "NFS from the EKS cluster security group (nodes mount the volume for the controller pod)",
    },
    child,
  );
  const mounts = region.vpc.privateSubnetIds.map(
    (subnetId, i) =>
      new aws.efs.MountTarget(
        `${name}-efs-mount-${i}`,
        { fileSystemId: fileSystem.id, subnetId, securityGroups: [sg.id] },
        child,
      ),
  );
  const accessPoint = new aws.efs.AccessPoint(
    `${name}-efs-ap`,
    {
      fileSystemId: fileSystem.id,
      posixUser: { uid: JENKINS_POSIX.uid, gid: JENKINS_POSIX.gid },
      rootDirectory: {
        path: JENKINS_POSIX.path,
        creationInfo: {
          ownerUid: JENKINS_POSIX.uid,
          ownerGid: JENKINS_POSIX.gid,
          permissions: JENKINS_POSIX.permissions,
        },
      },
      tags: nameTags(`${fsName}-ap`),
    },
    child,
  );

  const roleName = `${region.cluster.name}-${EFS_CSI.addon}`.slice(0, 64);
  const role = new aws.iam.Role(
    `${name}-efs-csi-role`,
    {
      name: roleName,
      description: `Pod Identity for the ${EFS_CSI.addon} add-on of ${region.cluster.name}`,
      assumeRolePolicy: podIdentityTrustOutput(
        {
          clusterName: region.cluster.name,
          namespace: "kube-system",
          serviceAccount: EFS_CSI.controllerServiceAccount,
        },
        child,
      ),
      tags: nameTags(roleName),
    },
    child,
  );
  const rolePolicy = new aws.iam.RolePolicy(
    `${name}-efs-csi-policy`,
    {
      role: role.id,
      policy: pulumi
        .all([fileSystem.arn, accessPoint.arn])
        .apply(([fs, ap]) => JSON.stringify({ Version: "2012-10-17", Statement: efsCsiStatements(fs, ap) })),
    },
    child,
  );
  const addon = new aws.eks.Addon(
    `${name}-efs-csi`,
    {
      clusterName: region.cluster.name,
      addonName: EFS_CSI.addon,
      addonVersion: resolveAddonVersion(EFS_CSI.addon, opts.kubernetesVersion, j.efs.csiDriverVersion, child),
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      configurationValues: JSON.stringify(efsCsiConfiguration()),
      podIdentityAssociations: [{ roleArn: role.arn, serviceAccount: EFS_CSI.controllerServiceAccount }],
      tags: nameTags(`${region.cluster.name}-${EFS_CSI.addon}`),
    },
    { ...child, dependsOn: [...region.cluster.workloadDependencies, rolePolicy] },
  );
  // The alarm's dimension is the file system's id, known only once it exists.
  for (const a of efsAlarmSpecs(j, ""))
    new aws.cloudwatch.MetricAlarm(
      `${name}-alarm-${a.role}`,
      {
        alarmDescription: a.description,
        namespace: a.namespace,
        metricName: a.metricName,
        dimensions: { FileSystemId: fileSystem.id },
        statistic: a.statistic,
        comparisonOperator: a.comparisonOperator,
        threshold: a.threshold,
        period: a.periodSeconds,
        evaluationPeriods: a.evaluationPeriods,
        treatMissingData: "notBreaching",
        alarmActions: [region.alarmTopic.arn],
        okActions: [region.alarmTopic.arn],
      },
      child,
    );
  return { fileSystem, accessPoint, ready: [addon, ...mounts, rule, policy, backup] };
}
