import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { podIdentityRole } from "../cluster/pod-identity";
import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS, type ClusterHandle } from "../cluster/types";
import { NAMESPACES } from "../k8s-names";
import { installAddon, type HelmAddon } from "./addon";
import { kedaNetworkPolicies } from "./keda-network";

const KEDA_GROUP = "keda.sh";
const EVENTING = "eventing.keda.sh";

/** KEDA: event-driven autoscaling (ScaledObjects on queue length, request rate, schedules). */
export const KEDA: HelmAddon = {
  id: "keda",
  chart: "keda",
  releaseName: "keda",
  namespace: NAMESPACES.keda,
  release: { createNamespace: false, atomic: true },
  provides: {
    crds: [
      ...["ScaledObject", "ScaledJob", "TriggerAuthentication", "ClusterTriggerAuthentication"].map((kind) => ({
        group: KEDA_GROUP,
        kind,
        versions: ["v1alpha1"],
      })),
      ...["CloudEventSource", "ClusterCloudEventSource"].map((kind) => ({
        group: EVENTING,
        kind,
        versions: ["v1alpha1"],
      })),
    ],
    webhooks: [
      {
        configuration: "keda-admission",
        type: "validating",
        admits: [
          {
            group: KEDA_GROUP,
            kinds: ["ScaledObject", "ScaledJob", "TriggerAuthentication", "ClusterTriggerAuthentication"],
          },
          { group: EVENTING, kinds: ["CloudEventSource", "ClusterCloudEventSource"] },
        ],
        // kedacore/keda apis/keda/v1alpha1/scaledobject_webhook.go verifyCPUMemoryScalers (v2.20.2).
        reads: "a ScaledObject's scale target (Deployment or StatefulSet) when it has a cpu or memory trigger",
      },
    ],
    source:
      "kedacore/charts v2.20.2: keda/templates/crds, keda/templates/webhooks/validatingconfiguration.yaml, keda/values.yaml webhooks.enabled (default true); read 2026-12-07",
  },
};

/** ServiceAccount of the KEDA operator (chart value serviceAccount.operator.name); its Pod Identity reads SQS. */
export const KEDA_OPERATOR_SA = "keda-operator";

/**
 * Helm values for the upstream KEDA chart. The operator runs on the tainted system nodes so
 * scaling keeps working while Karpenter replaces workload nodes. No IRSA values: credentials
 * come from EKS Pod Identity (an association for keda/keda-operator), which needs no
 * ServiceAccount annotation. Two operator replicas in prod: leader election, fast failover.
 */
export function kedaValues(opts: { operatorReplicas: number }): Record<string, unknown> {
  return {
    serviceAccount: { operator: { create: true, name: KEDA_OPERATOR_SA, automountServiceAccountToken: true } },
    operator: { replicaCount: opts.operatorReplicas },
    nodeSelector: { ...SYSTEM_NODE_LABEL },
    tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
    podIdentity: { aws: { irsa: { enabled: false } } },
    prometheus: { operator: { enabled: true }, metricServer: { enabled: true } },
    // KEDA authenticates to AWS with Pod Identity, never with Secrets: the operator and the
    // metrics server may read Secrets only in their own namespace instead of cluster-wide
    // (kedacore/charts keda/README.md: permissions.operator.restrict.secret,
    // permissions.metricServer.restrict.secret, both default false).
    permissions: { operator: { restrict: { secret: true } }, metricServer: { restrict: { secret: true } } },
  };
}

type Statement = Record<string, unknown>;

/** KEDA's aws-sqs-queue scaler reads ApproximateNumberOfMessages*: nothing else. */
export function kedaOperatorStatements(queueArns: pulumi.Input<string>[]): Statement[] {
  return [{ Sid: "ReadQueueDepth", Effect: "Allow", Action: ["sqs:GetQueueAttributes"], Resource: queueArns }];
}

export interface KedaInstallArgs {
  /** The cluster: name (Pod Identity), k8s provider, the system nodes and add-ons the operator runs on. */
  cluster: ClusterHandle;
  /** The region's aws.Provider (Pod Identity role and association). */
  provider: aws.Provider;
  /** Queues the operator reads the depth of; empty: no AWS access, no Pod Identity. */
  queueArns: pulumi.Input<string>[];
  /** Further operator statements (Kafka consumer-lag reads, components/kafka/keda.ts); none by default. */
  extraStatements?: pulumi.Input<Statement>[];
  /** Operator replicas (2 in prod: leader election, fast failover). */
  operatorReplicas: number;
  /** The region's VPC range (the namespace's NetworkPolicies admit the control plane from it). */
  vpcCidr: string;
  /** The operator reads Kafka consumer lag from MSK (its egress to the brokers on 9098). */
  kafkaLag?: boolean;
}

/**
 * KEDA on one cluster: its labelled namespace (default-deny, then KEDA's own paths:
 * components/addons/keda-network.ts), the operator's Pod Identity (when it reads queues) and the
 * release. Pulumi names are `${name}-keda*` under `parent`.
 */
export function installKeda(name: string, args: KedaInstallArgs, parent: pulumi.Resource): k8s.helm.v3.Release {
  const { cluster } = args;
  const k8s$ = { parent, provider: cluster.k8sProvider };
  const identity: pulumi.Resource[] = [];
  const extra = args.extraStatements ?? [];
  if (args.queueArns.length > 0 || extra.length > 0) {
    const { association } = podIdentityRole(
      `${name}-keda-pi`,
      {
        clusterName: cluster.name,
        namespace: NAMESPACES.keda,
        serviceAccount: KEDA_OPERATOR_SA,
        statements: [...(args.queueArns.length > 0 ? kedaOperatorStatements(args.queueArns) : []), ...extra],
      },
      { parent, provider: args.provider },
    );
    // Credentials are injected when the operator pod is created: the association comes first.
    identity.push(association);
  }
  // Our own namespace: Helm's createNamespace cannot carry Pod Security labels. The operator and
  // metrics server run as non-root with dropped capabilities, so "baseline" is enforced and
  // "restricted" only warned/audited.
  const namespace = new k8s.core.v1.Namespace(
    `${name}-keda-namespace`,
    {
      metadata: {
        name: NAMESPACES.keda,
        labels: {
          "app.kubernetes.io/managed-by": "pulumi",
          "pod-security.kubernetes.io/enforce": "baseline",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
        },
      },
    },
    k8s$,
  );
  const policies = kedaNetworkPolicies({
    vpcCidr: args.vpcCidr,
    kafkaLag: args.kafkaLag ?? false,
    awsIdentity: identity.length > 0,
  }).map(
    (p) =>
      new k8s.networking.v1.NetworkPolicy(
        `${name}-keda-netpol-${p.metadata.name}`,
        p as k8s.networking.v1.NetworkPolicyArgs,
        { ...k8s$, dependsOn: [namespace] },
      ),
  );
  // On the system nodes (its values tolerate their taint): it waits for them, not for the NodePools.
  return installAddon(
    `${name}-keda`,
    KEDA,
    {
      values: kedaValues({ operatorReplicas: args.operatorReplicas }),
      dependsOn: [...cluster.workloadDependencies, ...identity, namespace, ...policies],
    },
    k8s$,
  );
}
