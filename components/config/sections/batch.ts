import { z } from "zod";
import {
  cpuMillis,
  cpuQuantity,
  DNS_LABEL_RE,
  memoryBytes,
  memoryQuantity,
  pinnedImage,
  positiveInt,
} from "../primitives";
import { FARGATE_MAX, fargatePodSize } from "../../batch/fargate";

const cron = z
  .string({ error: 'a five-field cron schedule like "0 3 * * *"' })
  .regex(/^\S+( \S+){4}$/, { error: 'a five-field cron schedule like "0 3 * * *" (minute hour day month weekday)' });

const resources = z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity });

/**
 * `platform:batch`: seed 002's "Fargate for batch processing", a Job of `completions` pods,
 * `parallelism` at a time, each on its own Fargate micro-VM. The Job is the template of a CronJob:
 * suspended by default (runs on demand with `kubectl create job --from=cronjob/...`), on its
 * schedule when `suspend` is false. The seed's `nodeSelector: compute-type: fargate` is not
 * carried over: Fargate picks pods by namespace and labels (the Fargate profile's selectors), and
 * Fargate nodes are labelled `eks.amazonaws.com/compute-type: fargate`, so the seed's selector
 * would match no node; `compute-type: fargate` becomes the pod label the profile selects on.
 */
export const batchSchema = z
  .strictObject({
    /** Default on: the Fargate profile, role, log group and a suspended CronJob cost nothing until a run. */
    enabled: z.boolean().default(true),
    /** "primary": the primary region only (one copy of the data is processed once); "all": every region. */
    regions: z.enum(["primary", "all"], { error: '"primary" or "all"' }).default("primary"),
    namespace: z
      .string()
      .regex(DNS_LABEL_RE, { error: "a DNS label (lowercase letters, digits, '-')" })
      .max(63, { error: "at most 63 characters (Kubernetes namespace name)" })
      .default("batch"),
    /** Job and CronJob name (seed 002: data-processing-job); Kubernetes adds 11 characters per run. */
    name: z
      .string()
      .regex(DNS_LABEL_RE, { error: "a DNS label (lowercase letters, digits, '-')" })
      .max(52, { error: "at most 52 characters (CronJob names leave 11 for the run suffix)" })
      .default("data-processing"),
    /** Seed 002's data-processor:latest, pinned: "latest" is refused everywhere on the platform. */
    image: pinnedImage.default("ghcr.io/example/data-processor:1.0.0"),
    /** Pods running at once (seed 002: 10). */
    parallelism: positiveInt.default(10),
    /** Successful pods that finish the Job (seed 002: 100). */
    completions: positiveInt.default(100),
    /** Per container (seed 002: requests 1 CPU / 2Gi). Fargate sizes the pod's VM from these. */
    requests: resources.default({ cpu: "1", memory: "2Gi" }),
    /** Per container (seed 002: limits 2 CPU / 4Gi); no more than the VM Fargate sized from the requests. */
    limits: resources.default({ cpu: "2", memory: "4Gi" }),
    schedule: cron.default("0 3 * * *"),
    /** True: the CronJob never starts a run itself; runs are created on demand from it. */
    suspend: z.boolean().default(true),
    /** Retries of failed pods before the Job fails (Kubernetes default 6). */
    backoffLimit: z.number().int().min(0, { error: "an integer >= 0" }).default(6),
    /** A run is stopped after this long (seconds). */
    activeDeadlineSeconds: positiveInt.default(4 * 3600),
    /** Finished runs (and their pods' records) are removed after this long (seconds). */
    ttlSecondsAfterFinished: positiveInt.default(86400),
    logRetentionDays: positiveInt.default(30),
    /** Cost assumptions: runs a month and minutes one pod takes, for `npm run cost`. */
    usage: z
      .strictObject({ runsPerMonth: z.number().min(0).default(30), minutesPerCompletion: positiveInt.default(10) })
      .prefault({}),
  })
  .superRefine((b, ctx) => {
    if (b.parallelism > b.completions)
      ctx.addIssue({
        code: "custom",
        path: ["parallelism"],
        message: `at most completions (${b.completions}): more pods at once than the Job ever needs`,
      });
    for (const k of ["cpu", "memory"] as const) {
      const [req, lim] = [b.requests[k], b.limits[k]];
      const n = k === "cpu" ? cpuMillis : memoryBytes;
      if (n(lim) < n(req))
        ctx.addIssue({ code: "custom", path: ["limits", k], message: `at least requests.${k} (${req})` });
    }
    const size = fargatePodSize(cpuMillis(b.requests.cpu) / 1000, memoryBytes(b.requests.memory) / 2 ** 30);
    if (!size)
      ctx.addIssue({
        code: "custom",
        path: ["requests"],
        message:
          `requests that fit one Fargate pod with its 0.25 GiB for Kubernetes components: at most ` +
          `${FARGATE_MAX.vcpu} vCPU and ${FARGATE_MAX.memoryGiB - 0.25} GiB`,
      });
  })
  .prefault({});

export type BatchConfig = z.output<typeof batchSchema>;
