import { COST_STORAGE_TAG } from "../../../components/jenkins/names";
import { usd } from "../context";
import type { Price, Reading } from "../prices/types";
import { type Rule, obj, priceIn, str } from "./common";

/**
 * Jenkins' own AWS costs (components/jenkins): the EFS home's storage and its AWS Backup copies,
 * at the size `platform:jenkins.efs.storageGiB` assumes (carried as a tag on the file system).
 * Bursting throughput is included in the storage price; elastic throughput bills per GB moved,
 * which is not estimated. The CodeBuild project is priced by the shared CodeBuild rule at
 * `ci.buildMinutesPerProject`; the controller and agent pods run on Karpenter nodes and are
 * cluster compute. EU figures are not pinned (no page read for them): EU lines are unpriced.
 */

const read = (url: string, publisher: Reading["publisher"], regions: Reading["regions"], v: number, says: string) =>
  ({ url, readOn: "2026-12-07", publisher, regions, usd: v, says }) as const;
const US = (v: number) => ({ "us-east-1": v, "us-east-2": v, "us-west-2": v });

export const EFS_PRICES: { standard: Price; backupWarm: Price } = {
  standard: {
    unit: "GB-month",
    usd: US(0.3),
    source: "https://aws.amazon.com/efs/pricing/",
    seen: [
      read(
        "http://aws.amazon.com/efs/pricing/",
        "aws",
        "unnamed",
        0.3,
        "Standard storage $0.30/GB-month (example page, no region named).",
      ),
      read(
        "https://www.factualminds.com/blog/amazon-efs-pricing-throughput-modes-storage-classes/",
        "third-party",
        ["us-east-1"],
        0.3,
        "EFS pricing breakdown, us-east-1, June 2026: Standard storage $0.30/GB-month.",
      ),
    ],
  },
  backupWarm: {
    unit: "GB-month",
    usd: US(0.05),
    source: "https://aws.amazon.com/backup/pricing/",
    seen: [
      read(
        "https://www.factualminds.com/blog/aws-backup-pricing-vaults-cross-region-restores/",
        "third-party",
        ["us-east-1"],
        0.05,
        "AWS Backup pricing breakdown, us-east-1, June 2026: EFS warm storage $0.05/GB-month.",
      ),
    ],
    note: "First backup is a full copy, then incremental: backup storage assumed equal to the file system's size.",
  },
};

const assumedGiB = (tags: unknown): number | undefined => {
  const v = Number(str(obj(tags)[COST_STORAGE_TAG]));
  return Number.isFinite(v) && v > 0 ? v : undefined;
};

const fileSystem: Rule = (ctx, r) => {
  const gib = assumedGiB(r.inputs.tags);
  if (gib === undefined) return ctx.skip(r, `EFS file system without a ${COST_STORAGE_TAG} size assumption`);
  const rate = priceIn(ctx, r, EFS_PRICES.standard, ctx.regionOf(r), "EFS Standard storage");
  if (rate === undefined) return;
  ctx.add(r, "EFS storage", gib * rate, `${gib} GiB assumed (platform:jenkins.efs.storageGiB) x ${usd(rate)}/GB-month`);
  if (r.inputs.throughputMode === "elastic")
    ctx.skip(r, "EFS elastic throughput bills per GB read and written: no transfer assumption", undefined, "usage");
};

/** Automatic backups of a file system the same component sized: its size again, at AWS Backup's EFS rate. */
const backupPolicy: Rule = (ctx, r) => {
  if (obj(r.inputs.backupPolicy).status !== "ENABLED") return ctx.free(r, "EFS automatic backups are off");
  const fs = ctx.ofType("aws:efs/fileSystem:FileSystem").find((f) => f.parent === r.parent);
  const gib = fs ? assumedGiB(fs.inputs.tags) : undefined;
  if (gib === undefined) return ctx.skip(r, "EFS automatic backups: no size assumption on the file system");
  const rate = priceIn(ctx, r, EFS_PRICES.backupWarm, ctx.regionOf(r), "AWS Backup EFS warm storage");
  if (rate === undefined) return;
  ctx.add(
    r,
    "EFS backups",
    gib * rate,
    `${gib} GiB backed up (incremental after the first copy) x ${usd(rate)}/GB-month`,
  );
};

export const JENKINS_RULES: Record<string, Rule> = {
  "aws:efs/fileSystem:FileSystem": fileSystem,
  "aws:efs/backupPolicy:BackupPolicy": backupPolicy,
};
