import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS, type ClusterHandle } from "../cluster/types";
import { installAddon, type HelmAddon } from "./addon";

/** Where the controllers run (beside Karpenter and the LB controller). */
export const VPA_NAMESPACE = "kube-system";

const AUTOSCALING = "autoscaling.k8s.io";

/**
 * Vertical Pod Autoscaler controllers and CRDs (cowboysysop vertical-pod-autoscaler = VPA 1.5.x).
 * The VerticalPodAutoscaler objects themselves are planned with the workloads (workloads/vpa.ts).
 */
export const VPA: HelmAddon = {
  id: "vertical-pod-autoscaler",
  chart: "vpa",
  releaseName: "vertical-pod-autoscaler",
  namespace: VPA_NAMESPACE,
  release: { atomic: true },
  provides: {
    crds: [
      { group: AUTOSCALING, kind: "VerticalPodAutoscaler", versions: ["v1"] },
      { group: AUTOSCALING, kind: "VerticalPodAutoscalerCheckpoint", versions: ["v1"] },
    ],
    webhooks: [
      {
        // Registered by the admission controller at start, not rendered by the chart (its
        // ClusterRole grants mutatingwebhookconfigurations; README: delete vpa-webhook-config).
        configuration: "vpa-webhook-config",
        type: "mutating",
        admits: [
          { group: "", kinds: ["Pod"] },
          { group: AUTOSCALING, kinds: ["VerticalPodAutoscaler"] },
        ],
      },
    ],
    source:
      "cowboysysop/charts vertical-pod-autoscaler-11.1.1 (64dc8d1): charts/vertical-pod-autoscaler/files/crds, templates/admission-controller/clusterrole.yaml, README.md; read 2026-12-07",
  },
};

const SYSTEM = () => ({
  nodeSelector: { ...SYSTEM_NODE_LABEL },
  tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
});
const resources = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string) => ({
  requests: { cpu, memory },
  limits: { cpu: cpuLimit, memory: memoryLimit },
});

/**
 * Chart values: controllers on the tainted system nodes (like KEDA), the upstream deploy
 * manifests' requests/limits (vertical-pod-autoscaler/deploy/*-deployment.yaml at v1.5.0), two
 * admission controllers with a PDB in prod (a mutating webhook in the pod-creation path). The
 * chart's container security contexts already meet Pod Security "restricted" (seccomp
 * RuntimeDefault, non-root 65534, no privilege escalation, drop ALL, read-only root).
 * The updater evicts single-replica workloads too (`min-replicas` 1; default 2), or the
 * queue worker at its minimum of 1 would never get its recommendation applied.
 */
export function vpaValues(opts: { prod: boolean }): Record<string, unknown> {
  return {
    admissionController: {
      replicaCount: opts.prod ? 2 : 1,
      pdb: { create: opts.prod },
      resources: resources("50m", "200Mi", "200m", "500Mi"),
      ...SYSTEM(),
    },
    recommender: { resources: resources("50m", "500Mi", "200m", "1000Mi"), ...SYSTEM() },
    updater: {
      resources: resources("50m", "500Mi", "200m", "1000Mi"),
      extraArgs: { v: 2, "min-replicas": 1 },
      ...SYSTEM(),
    },
    crds: { enabled: true, ...SYSTEM() },
  };
}

/** The VPA release on one cluster (Pulumi name `${name}-vpa`), on the system nodes like KEDA. */
export function installVpa(
  name: string,
  args: { cluster: ClusterHandle; prod: boolean },
  parent: pulumi.Resource,
): k8s.helm.v3.Release {
  return installAddon(
    `${name}-vpa`,
    VPA,
    { values: vpaValues({ prod: args.prod }), dependsOn: [...args.cluster.workloadDependencies] },
    { parent, provider: args.cluster.k8sProvider },
  );
}
