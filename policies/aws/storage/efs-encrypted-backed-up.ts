import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { dependsOn, known, peek } from "../../lib/policy";

export const EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
export const EFS_BACKUP_POLICY = "aws:efs/backupPolicy:BackupPolicy";
export const EFS_FILE_SYSTEM_POLICY = "aws:efs/fileSystemPolicy:FileSystemPolicy";

/** A resource that names `fs` through `fileSystemId`: by id when both are known, else by the input's dependency. */
function attached(resources: PolicyResource[], type: string, fs: PolicyResource): PolicyResource[] {
  const id = peek(() => fs.props.id);
  return resources.filter((r) => {
    if (r.type !== type) return false;
    const ref = peek(() => r.props.fileSystemId);
    if (typeof ref === "string" && typeof id === "string" && ref === id) return true;
    return dependsOn(r, fs, "fileSystemId");
  });
}

/** Does a file system policy refuse requests without TLS (a Deny on aws:SecureTransport false)? */
function refusesPlainNfs(policy: PolicyResource): boolean | undefined {
  const text = known(() => policy.props.policy);
  if (typeof text !== "string") return undefined;
  const doc = JSON.parse(text) as {
    Statement?: { Effect?: string; Condition?: Record<string, Record<string, unknown>> }[];
  };
  return (doc.Statement ?? []).some(
    (s) => s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false",
  );
}

/**
 * Mandatory: an EFS file system holds state (Jenkins' home: jobs, build history, credentials) and
 * is reached over the network. It is encrypted at rest with a customer key, backed up by AWS
 * Backup (its BackupPolicy ENABLED), and its file system policy refuses NFS without TLS. The
 * checks read the file system's own inputs and the resources that name it.
 */
export function efsEncryptedBackedUp(): StackValidationPolicy {
  return {
    name: "aws-efs-encrypted-backed-up",
    description: "EFS file systems are KMS-encrypted, backed up and refuse NFS without TLS.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      for (const fs of args.resources.filter((r) => r.type === EFS_FILE_SYSTEM)) {
        const keyed =
          peek(() => fs.props.kmsKeyId) !== undefined || (fs.propertyDependencies?.kmsKeyId?.length ?? 0) > 0;
        if (peek(() => fs.props.encrypted) !== true)
          reportViolation(`EFS file system "${fs.name}" is not encrypted at rest (encrypted: true)`, fs.urn);
        else if (!keyed)
          reportViolation(
            `EFS file system "${fs.name}" uses the AWS managed key: give it a customer key (kmsKeyId)`,
            fs.urn,
          );
        const backups = attached(args.resources, EFS_BACKUP_POLICY, fs);
        const enabled = backups.some(
          (b) => (known(() => b.props.backupPolicy) as { status?: string })?.status === "ENABLED",
        );
        if (!enabled) reportViolation(`EFS file system "${fs.name}" has no BackupPolicy with status ENABLED`, fs.urn);
        const policies = attached(args.resources, EFS_FILE_SYSTEM_POLICY, fs);
        if (!policies.some((p) => refusesPlainNfs(p) !== false))
          reportViolation(
            `EFS file system "${fs.name}" has no file system policy denying requests without TLS (aws:SecureTransport false)`,
            fs.urn,
          );
      }
    },
  };
}
