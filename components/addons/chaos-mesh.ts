import { NAMESPACES } from "../k8s-names";
import type { HelmAddon } from "./addon";

const CHAOS = "chaos-mesh.org";
const KINDS = [
  "AWSChaos",
  "AzureChaos",
  "BlockChaos",
  "DNSChaos",
  "GCPChaos",
  "HTTPChaos",
  "IOChaos",
  "JVMChaos",
  "KernelChaos",
  "NetworkChaos",
  "PhysicalMachine",
  "PhysicalMachineChaos",
  "PodChaos",
  "PodHttpChaos",
  "PodIOChaos",
  "PodNetworkChaos",
  "RemoteCluster",
  "Schedule",
  "StatusCheck",
  "StressChaos",
  "TimeChaos",
  "Workflow",
  "WorkflowNode",
];

/** Chaos Mesh: the controller and daemon that run the platform's scheduled experiments (components/chaos). */
export const CHAOS_MESH: HelmAddon = {
  id: "chaos-mesh",
  chart: "chaosMesh",
  releaseName: "chaos-mesh",
  namespace: NAMESPACES.chaos,
  release: { timeout: 600, maxHistory: 5 },
  provides: {
    crds: KINDS.map((kind) => ({ group: CHAOS, kind, versions: ["v1alpha1"] })),
    // One webhook per kind of values.yaml webhook.CRDS (chaos kinds, schedule, workflow, ...).
    webhooks: [
      { configuration: "chaos-mesh-mutation", type: "mutating", admits: [{ group: CHAOS, kinds: "*" }] },
      { configuration: "chaos-mesh-validation", type: "validating", admits: [{ group: CHAOS, kinds: "*" }] },
    ],
    source:
      "chaos-mesh/chaos-mesh v2.8.3 (60ec97f): helm/chaos-mesh/crds, templates/mutating-admission-webhooks.yaml, templates/validating-admission-webhooks.yaml; read 2026-12-07",
  },
};
