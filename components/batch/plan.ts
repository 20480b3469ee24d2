import type { BatchConfig } from "../config/sections/batch";
import { cpuMillis, memoryBytes } from "../config/primitives";
import { fargatePodSize, type FargateSize } from "./fargate";

/** The pod label the Fargate profile selects on (seed 002's `compute-type: fargate`, as a label). */
export const FARGATE_POD_LABELS = { "compute-type": "fargate" } as const;
/** Fargate's log router reads its configuration from this namespace and ConfigMap (names fixed by EKS). */
export const FARGATE_LOGGING = { namespace: "aws-observability", configMap: "aws-logging" } as const;
/** Annotations the cost estimate reads: the usage assumptions of `platform:batch.usage`. */
export const COST_ANNOTATIONS = {
  runsPerMonth: "platform.io/cost-runs-per-month",
  minutesPerCompletion: "platform.io/cost-minutes-per-completion",
  fargateSize: "platform.io/fargate-size",
} as const;

/** The VM Fargate gives each pod of the Job (one container: its requests decide). */
export function batchPodSize(b: Pick<BatchConfig, "requests">): FargateSize {
  const size = fargatePodSize(cpuMillis(b.requests.cpu) / 1000, memoryBytes(b.requests.memory) / 2 ** 30);
  // The config schema refuses requests that fit no combination, so this holds for validated config.
  if (!size) throw new Error(`platform:batch.requests fit no Fargate pod size`);
  return size;
}

/** Restricted Pod Security, and no ambient-mesh label: ztunnel is a DaemonSet, and Fargate runs no DaemonSets. */
export function batchNamespace(b: Pick<BatchConfig, "namespace">) {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: b.namespace,
      labels: {
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
        "app.kubernetes.io/managed-by": "pulumi",
      },
    },
  };
}

/**
 * Fargate's built-in Fluent Bit: container logs to `logGroup` (created with its retention by the
 * component, so the router never creates one). Keys and output plugin as the EKS guide's "Fargate
 * logging" page gives them (https://docs.aws.amazon.com/eks/latest/userguide/fargate-logging.html,
 * read 2026-12-07).
 */
export function fargateLoggingManifests(region: string, logGroup: string) {
  const output = [
    "[OUTPUT]",
    "    Name cloudwatch_logs",
    "    Match kube.*",
    `    region ${region}`,
    `    log_group_name ${logGroup}`,
    "    log_stream_prefix fargate-",
    "    auto_create_group false",
  ].join("\n");
  return {
    namespace: {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: FARGATE_LOGGING.namespace,
        // Holds configuration only; no pod ever runs here.
        labels: { "aws-observability": "enabled", "pod-security.kubernetes.io/enforce": "restricted" },
      },
    },
    configMap: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: FARGATE_LOGGING.configMap, namespace: FARGATE_LOGGING.namespace },
      data: { "output.conf": output + "\n", flb_log_cw: "false" },
    },
  };
}

/**
 * Seed 002's Job as a CronJob's template: parallelism, completions, requests and limits from
 * config, restricted security context, no service account token, a writable /tmp only.
 */
export function batchCronJob(b: BatchConfig, image: string) {
  const size = batchPodSize(b);
  const labels = { "app.kubernetes.io/name": b.name, ...FARGATE_POD_LABELS };
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: {
      name: b.name,
      namespace: b.namespace,
      labels: { "app.kubernetes.io/name": b.name },
      annotations: {
        [COST_ANNOTATIONS.runsPerMonth]: String(b.usage.runsPerMonth),
        [COST_ANNOTATIONS.minutesPerCompletion]: String(b.usage.minutesPerCompletion),
        [COST_ANNOTATIONS.fargateSize]: `${size.vcpu} vCPU / ${size.memoryGiB} GB`,
      },
    },
    spec: {
      schedule: b.schedule,
      timeZone: "Etc/UTC",
      suspend: b.suspend,
      // One run at a time: a second run would double the Fargate pods and process the same input.
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels },
        spec: {
          parallelism: b.parallelism,
          completions: b.completions,
          backoffLimit: b.backoffLimit,
          activeDeadlineSeconds: b.activeDeadlineSeconds,
          ttlSecondsAfterFinished: b.ttlSecondsAfterFinished,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: "Never",
              automountServiceAccountToken: false,
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 65532,
                runAsGroup: 65532,
                seccompProfile: { type: "RuntimeDefault" },
              },
              containers: [
                {
                  name: "processor",
                  image,
                  resources: { requests: { ...b.requests }, limits: { ...b.limits } },
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    capabilities: { drop: ["ALL"] },
                  },
                  volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                },
              ],
              volumes: [{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }],
            },
          },
        },
      },
    },
  };
}

/** The command that starts one run of the CronJob's Job now (schedule or not). */
export function runCommand(b: Pick<BatchConfig, "namespace" | "name">): string {
  return `kubectl -n ${b.namespace} create job --from=cronjob/${b.name} ${b.name}-$(date +%s)`;
}

/**
 * The pod execution role's own statements (beside AmazonEKSFargatePodExecutionRolePolicy, which
 * pulls images from ECR): write to the batch log group and nothing else. Fluent Bit's cloudwatch_logs
 * output needs CreateLogStream and PutLogEvents once the group exists (CreateLogGroup and
 * PutRetentionPolicy only when it creates the group, which auto_create_group false rules out).
 */
export function logStatements(logGroupArn: string) {
  return [
    {
      Sid: "FargateLogRouter",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
    },
  ];
}

/**
 * Trust of the pod execution role: the EKS Fargate service, only for this account's Fargate
 * profiles of `clusterName` (the confused-deputy guard the EKS guide's "Pod execution role" page gives).
 */
export function podExecutionTrust(partitionRegion: { region: string; account: string }, clusterName: string) {
  const { region, account } = partitionRegion;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "eks-fargate-pods.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { ArnLike: { "aws:SourceArn": `arn:aws:eks:${region}:${account}:fargateprofile/${clusterName}/*` } },
      },
    ],
  };
}
