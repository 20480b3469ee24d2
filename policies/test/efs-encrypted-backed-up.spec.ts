import { strict as assert } from "node:assert";
import type { PolicyResource } from "@pulumi/policy";
import {
  EFS_BACKUP_POLICY,
  EFS_FILE_SYSTEM,
  EFS_FILE_SYSTEM_POLICY,
  efsEncryptedBackedUp,
} from "../aws/storage/efs-encrypted-backed-up";
import { runStack, stackResource, urnOf } from "./harness";

const FS_URN = urnOf(EFS_FILE_SYSTEM, "home");
const fs = (props: Record<string, unknown> = {}) =>
  stackResource(EFS_FILE_SYSTEM, "home", {
    id: "fs-1",
    encrypted: true,
    kmsKeyId: "arn:aws:kms:us-east-1:1:key/k",
    ...props,
  });
const on = (type: string, f: PolicyResource, props: Record<string, unknown>, name: string, byDependency = false) =>
  stackResource(
    type,
    name,
    { fileSystemId: byDependency ? undefined : "fs-1", ...props },
    byDependency ? { propertyDependencies: { fileSystemId: [f] }, dependencies: [f] } : {},
  );
const TLS_ONLY = JSON.stringify({
  Statement: [
    { Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
  ],
});
const backup = (f: PolicyResource, status = "ENABLED", dep = false) =>
  on(EFS_BACKUP_POLICY, f, { backupPolicy: { status } }, "backup", dep);
const tls = (f: PolicyResource, policy = TLS_ONLY, dep = false) =>
  on(EFS_FILE_SYSTEM_POLICY, f, { policy }, "policy", dep);

describe("policies: aws-efs-encrypted-backed-up", () => {
  const policy = efsEncryptedBackedUp();
  const run = (rs: PolicyResource[]) => runStack(policy, rs).map((v) => v.message);

  it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));

  it("passes a customer-key file system with backups on and a TLS-only policy (by id or by dependency)", () => {
    const f = fs();
    assert.deepEqual(run([f, backup(f), tls(f)]), []);
    assert.deepEqual(run([f, backup(f, "ENABLED", true), tls(f, TLS_ONLY, true)]), []);
  });

  it("reports an unencrypted file system, and one on the AWS managed key", () => {
    const plain = fs({ encrypted: false });
    assert.deepEqual(run([plain, backup(plain), tls(plain)]), [
      'EFS file system "home" is not encrypted at rest (encrypted: true)',
    ]);
    const managed = fs({ kmsKeyId: undefined });
    assert.deepEqual(run([managed, backup(managed), tls(managed)]), [
      'EFS file system "home" uses the AWS managed key: give it a customer key (kmsKeyId)',
    ]);
  });

  it("reports backups missing or disabled", () => {
    const f = fs();
    const want = ['EFS file system "home" has no BackupPolicy with status ENABLED'];
    assert.deepEqual(run([f, tls(f)]), want);
    assert.deepEqual(run([f, backup(f, "DISABLED"), tls(f)]), want);
  });

  it("reports a file system policy that admits plain NFS, and none at all; names the file system's URN", () => {
    const f = fs();
    const allowAll = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "*" }] });
    const violations = runStack(policy, [f, backup(f), tls(f, allowAll)]);
    assert.deepEqual(violations, [
      {
        message:
          'EFS file system "home" has no file system policy denying requests without TLS (aws:SecureTransport false)',
        urn: FS_URN,
      },
    ]);
    assert.equal(run([f, backup(f)]).length, 1);
  });

  it("does not take another file system's backup or policy for this one", () => {
    const f = fs();
    const other = stackResource(EFS_FILE_SYSTEM, "other", { id: "fs-2", encrypted: true, kmsKeyId: "k" });
    const elsewhere = [backup(other), tls(other)].map((r) => ({ ...r, props: { ...r.props, fileSystemId: "fs-2" } }));
    assert.equal(run([f, other, ...elsewhere]).length, 2);
  });
});
