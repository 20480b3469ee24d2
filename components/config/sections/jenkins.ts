import { z } from "zod";
import type { ConfigIssue } from "../errors";
import {
  cpuMillis,
  cpuQuantity,
  DNS_LABEL_RE,
  memoryBytes,
  memoryQuantity,
  pinnedImage,
  positiveInt,
} from "../primitives";
import { ADDON_VERSION_RE, CODEBUILD_COMPUTE_TYPES } from "./cluster";

const resources = z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity });
const namespace = z
  .string()
  .regex(DNS_LABEL_RE, { error: "a DNS label (lowercase letters, digits, '-')" })
  .max(63, { error: "at most 63 characters (Kubernetes namespace name)" });

/** EFS throughput modes the file system may use (EFS User Guide, "Throughput modes"). */
export const EFS_THROUGHPUT_MODES = ["bursting", "elastic"] as const;

/**
 * `platform:jenkins`: seed 002's "Jenkins CI/CD Scaling". One controller (requests 1 CPU / 2Gi,
 * limits 2 CPU / 4Gi) with its home on EFS, configured as code; a pool of build agents in their
 * own namespace scaled by KEDA 2..20 on the build queue (threshold 2) and on available executors
 * (threshold 1); heavy builds go to a CodeBuild project. Jenkins is never exposed: reach it with
 * `kubectl port-forward` (docs/jenkins.md).
 */
export const jenkinsSchema = z
  .strictObject({
    /** Default on in every stack: builds run where the stack's cluster is; one controller per stack. */
    enabled: z.boolean().default(true),
    /** The one region Jenkins runs in (a single controller); default: the primary region. */
    region: z.string().optional(),
    namespace: namespace.default("jenkins"),
    /** Where agent pods run, away from the controller (their own NetworkPolicies). */
    agentsNamespace: namespace.default("jenkins-agents"),
    controller: z
      .strictObject({
        /** Seed 002: requests 1 CPU / 2Gi. */
        requests: resources.default({ cpu: "1", memory: "2Gi" }),
        /** Seed 002: limits 2 CPU / 4Gi. */
        limits: resources.default({ cpu: "2", memory: "4Gi" }),
      })
      .prefault({}),
    agents: z
      .strictObject({
        /** Seed 002: minReplicaCount 2. */
        minReplicas: positiveInt.default(2),
        /** Seed 002: maxReplicaCount 20. */
        maxReplicas: positiveInt.default(20),
        /** Seed 002: queue-size trigger threshold 2 (queued builds per agent). */
        queueThreshold: positiveInt.default(2),
        /** Seed 002: available-executors trigger threshold 1 (spare executors kept free). */
        availableExecutorsThreshold: positiveInt.default(1),
        /** The Jenkins label the pool's agents carry; pipelines ask for it with `agent { label '...' }`. */
        label: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "a Jenkins label (lowercase letters, digits, '-')" })
          .default("pool"),
        /** Executors per agent pod (one build at a time keeps a pod's resources the build's). */
        executors: positiveInt.default(1),
        /** The agent container: Java and the swarm client's runtime (jenkins/inbound-agent, the chart's pin). */
        image: pinnedImage.default("jenkins/inbound-agent:3385.vf1123fb_515da_-1"),
        requests: resources.default({ cpu: "500m", memory: "1Gi" }),
        limits: resources.default({ cpu: "1", memory: "2Gi" }),
      })
      .prefault({}),
    efs: z
      .strictObject({
        /** bursting: pay for storage only (credits accrue with size); elastic: pay per GiB transferred. */
        throughputMode: z
          .enum(EFS_THROUGHPUT_MODES, { error: `one of ${EFS_THROUGHPUT_MODES.join(", ")}` })
          .default("bursting"),
        /** Cost assumption: GiB JENKINS_HOME holds (builds, logs, plugins). */
        storageGiB: positiveInt.default(20),
        /**
         * Pin of the aws-efs-csi-driver EKS add-on; unset: the version AWS marks default for the
         * cluster's Kubernetes version, looked up at deploy time (components/cluster/addon-versions.ts).
         */
        csiDriverVersion: z
          .string()
          .regex(ADDON_VERSION_RE, { error: "an EKS add-on version like v2.1.0-eksbuild.1" })
          .optional(),
        /** Alarm when BurstCreditBalance falls under this many bytes (bursting mode). */
        burstCreditAlarmBytes: positiveInt.default(1_000_000_000_000),
      })
      .prefault({}),
    codebuild: z
      .strictObject({
        computeType: z
          .enum(CODEBUILD_COMPUTE_TYPES, { error: `one of ${CODEBUILD_COMPUTE_TYPES.join(", ")}` })
          .default("BUILD_GENERAL1_MEDIUM"),
        /** CodeBuild's curated Amazon Linux image (no Docker daemon needed: privileged mode stays off). */
        image: z.string().min(1).default("aws/codebuild/amazonlinux-x86_64-standard:5.0"),
        /** Builds that need a Docker daemon (docker build); off: the build container gets no privileges. */
        privilegedMode: z.boolean().default(false),
        timeoutMinutes: z
          .number({ error: "an integer from 5 to 2160 (CodeBuild build timeout, minutes)" })
          .int({ error: "an integer from 5 to 2160 (CodeBuild build timeout, minutes)" })
          .min(5, { error: "an integer from 5 to 2160 (CodeBuild build timeout, minutes)" })
          .max(2160, { error: "an integer from 5 to 2160 (CodeBuild build timeout, minutes)" })
          .default(60),
        logRetentionDays: positiveInt.default(30),
      })
      .prefault({}),
    /** Seconds between the Prometheus plugin's metric collections (its default is 120: too slow to scale on). */
    metricsPeriodSeconds: positiveInt.default(30),
  })
  .superRefine((j, ctx) => {
    if (j.agents.minReplicas > j.agents.maxReplicas)
      ctx.addIssue({
        code: "custom",
        path: ["agents", "minReplicas"],
        message: `at most agents.maxReplicas (${j.agents.maxReplicas})`,
      });
    if (j.namespace === j.agentsNamespace)
      ctx.addIssue({
        code: "custom",
        path: ["agentsNamespace"],
        message: `a namespace other than namespace ("${j.namespace}"): agents run apart from the controller`,
      });
    for (const [part, r] of [
      ["controller", j.controller],
      ["agents", j.agents],
    ] as const)
      for (const k of ["cpu", "memory"] as const) {
        const n = k === "cpu" ? cpuMillis : memoryBytes;
        if (n(r.limits[k]) < n(r.requests[k]))
          ctx.addIssue({
            code: "custom",
            path: [part, "limits", k],
            message: `at least ${part}.requests.${k} (${r.requests[k]})`,
          });
      }
  })
  .prefault({});

export type JenkinsConfig = z.output<typeof jenkinsSchema>;

type Sections = {
  jenkins?: JenkinsConfig;
  regions?: readonly { name: string }[];
  observability?: { enabled: boolean };
};

/**
 * Cross-section rules: the region must be one of the stack's, and the agents scale on Prometheus
 * (observability on). The apps namespace's KEDA is installed when Jenkins needs it.
 */
export function jenkinsIssues(c: Sections): ConfigIssue[] {
  const j = c.jenkins;
  if (!j?.enabled) return [];
  const issues: ConfigIssue[] = [];
  const names = c.regions?.map((r) => r.name);
  if (j.region !== undefined && names && !names.includes(j.region))
    issues.push({
      path: "platform:jenkins.region",
      value: j.region,
      expected: `one of the stack's regions (${names.join(", ")}); Jenkins runs one controller in one region`,
    });
  if (c.observability && !c.observability.enabled)
    issues.push({
      path: "platform:jenkins.enabled",
      value: true,
      expected:
        "false while platform:observability.enabled is false (the agents scale on Jenkins metrics Prometheus scrapes)",
    });
  return issues;
}

/** Whether Jenkins runs in `region` of a stack whose primary region is `primary`. */
export function jenkinsRunsIn(j: Pick<JenkinsConfig, "enabled" | "region">, region: string, primary: boolean): boolean {
  return j.enabled && (j.region === undefined ? primary : j.region === region);
}
