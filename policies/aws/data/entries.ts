import type { RegistryEntry } from "../../lib/registry-entry";
import { dataDeletionProtection } from "./data-deletion-protection";
import { dataSgPorts } from "./data-sg-ports";
import { elasticacheAuth } from "./elasticache-auth";
import { elasticacheEncryption } from "./elasticache-encryption";
import { elasticacheMultiAz } from "./elasticache-multi-az";
import { noMasterSecretGrant } from "./no-master-secret-grant";
import { rdsBackupRetention } from "./rds-backup-retention";
import { rdsEncryption } from "./rds-encryption";
import { rdsIamAuth } from "./rds-iam-auth";
import { rdsNotPublic } from "./rds-not-public";
import { rdsPerformanceInsights } from "./rds-performance-insights";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const dataPolicies: readonly RegistryEntry[] = [
  { create: rdsEncryption },
  { create: elasticacheEncryption },
  { create: rdsNotPublic },
  { create: rdsBackupRetention },
  { create: dataDeletionProtection },
  { create: rdsIamAuth, strict: "mandatory" },
  { create: rdsPerformanceInsights, strict: "mandatory" },
  { create: elasticacheMultiAz },
  { create: elasticacheAuth },
  { create: dataSgPorts },
  { create: noMasterSecretGrant },
];
