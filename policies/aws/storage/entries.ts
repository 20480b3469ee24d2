import type { RegistryEntry } from "../../lib/registry-entry";
import { efsEncryptedBackedUp } from "./efs-encrypted-backed-up";
import { kmsKeyRotation } from "./kms-key-rotation";
import { s3Encryption } from "./s3-encryption";
import { s3LogBucketVersioning } from "./s3-log-bucket-versioning";
import { s3PublicAccessBlock } from "./s3-public-access-block";
import { statefulProtected } from "./stateful-protected";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const storagePolicies: readonly RegistryEntry[] = [
  { create: s3PublicAccessBlock },
  { create: s3Encryption, strict: "mandatory" },
  { create: s3LogBucketVersioning, strict: "mandatory" },
  { create: kmsKeyRotation },
  { create: statefulProtected },
  { create: efsEncryptedBackedUp },
];
