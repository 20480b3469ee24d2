import type { PlanResource } from "../../policies/lib/offline";
import { podEndpoint, type PlanView, type RegionView } from "./endpoints";
import type { Side } from "./roles";
import { POD_ROLES } from "./roles-pods";
import { JENKINS_ROLES } from "./roles-jenkins";
import { TRACING_ROLES } from "./roles-tracing";
import { KAFKA_ROLES } from "./roles-kafka";
import { KEDA_ROLES } from "./roles-keda";
import { FARGATE_ROLES } from "./roles-fargate";
import { ISTIO_ROLES } from "./roles-istio";
import { MONITORING_ROLES } from "./roles-monitoring";
import { CHAOS_ROLES } from "./roles-chaos";

/**
 * Controllers that call in-cluster services, and the control plane calling webhooks. Each role
 * resolves only where the plan installs the component (its Helm release), so a flow never
 * appears for something a stack does not deploy. Pod labels are the charts' own selectors at
 * the pinned versions (components/charts.ts).
 */
type Labels = Record<string, string>;
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const release = (rv: RegionView, chart: string): PlanResource | undefined =>
  rv.k8s.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === chart);

function chartPods(rv: RegionView, chart: string, label: string, labels: Labels, onSystem: boolean): Side[] {
  const r = release(rv, chart);
  if (!r) return [];
  return [{ endpoint: podEndpoint(rv, `${rv.region} ${label}`, String(r.inputs.namespace), labels, onSystem, r.urn) }];
}

/**
 * chaos-controller-manager, where a Workflow Schedule (the guarded production experiment) is
 * planned: it runs the Workflow's HTTP StatusChecks (controllers/statuscheck in chaos-mesh
 * v2.8.3), i.e. the abort query against Prometheus. helm/chaos-mesh templates at v2.8.3:
 * selector labels app.kubernetes.io/{name: chaos-mesh, instance: <release>} plus
 * app.kubernetes.io/component: controller-manager. On the system nodes (components/chaos/values.ts).
 */
function chaosController(rv: RegionView): Side[] {
  const guarded = rv.k8s.some(
    (r) =>
      r.type === "kubernetes:chaos-mesh.org/v1alpha1:Schedule" &&
      (r.inputs.spec as { type?: string } | undefined)?.type === "Workflow",
  );
  if (!guarded) return [];
  return chartPods(
    rv,
    "chaos-mesh",
    "chaos-controller-manager",
    { "app.kubernetes.io/name": "chaos-mesh", "app.kubernetes.io/component": "controller-manager" },
    true,
  );
}

/**
 * The KEDA operator (kedacore/charts v2.20.2 keda/templates/manager/deployment.yaml: pod labels
 * app / app.kubernetes.io/name = keda-operator), on the system nodes (components/workloads/keda.ts):
 * it runs the ScaledObjects' prometheus triggers against the in-cluster Prometheus.
 */
function kedaOperator(rv: RegionView): Side[] {
  return chartPods(rv, "keda", "keda-operator", { "app.kubernetes.io/name": "keda-operator" }, true);
}

/**
 * The VPA admission controller (cowboysysop/charts vertical-pod-autoscaler-11.1.1: selector
 * labels app.kubernetes.io/{name: vertical-pod-autoscaler, instance: <release>, component:
 * admission-controller}; container port "https" 8000, values.yaml admissionController.containerPorts),
 * on the system nodes (components/workloads/vpa.ts).
 */
function vpaWebhook(rv: RegionView): Side[] {
  return chartPods(
    rv,
    "vertical-pod-autoscaler",
    "VPA admission webhook",
    { "app.kubernetes.io/name": "vertical-pod-autoscaler", "app.kubernetes.io/component": "admission-controller" },
    true,
  ).map((s) => ({ ...s, port: 8000, portName: "https" }));
}

/**
 * The kube-apiserver as a client (admission webhooks): EKS places the control plane's
 * cross-account ENIs in the cluster's subnets with the cluster security group
 * (docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html).
 */
function apiServer(rv: RegionView): Side[] {
  const c = rv.cluster;
  if (!c) return [];
  const subnets = strs(c.inputs.privateSubnetIds).length ? strs(c.inputs.privateSubnetIds) : strs(c.inputs.subnetIds);
  return [
    {
      endpoint: {
        label: `${rv.region} kube-apiserver (control-plane ENIs)`,
        urn: c.urn,
        vpc: rv.vpc,
        subnets,
        securityGroups: rv.clusterSg ? [rv.clusterSg] : [],
      },
    },
  ];
}

/**
 * k6 runner pods, where TestRuns are planned (opt-in load tests): grafana/k6-operator v1.6.0
 * pkg/resources/jobs (labels app: k6, runner: "true"), in the loadtest namespace, on Karpenter nodes.
 */
function k6Runners(rv: RegionView): Side[] {
  const runs = rv.k8s.filter((r) => r.type === "kubernetes:k6.io/v1alpha1:TestRun");
  if (runs.length === 0) return [];
  const ns = String((runs[0].inputs.metadata as { namespace?: string }).namespace);
  const ep = podEndpoint(rv, `${rv.region} k6 runners`, ns, { app: "k6", runner: "true" }, false, runs[0].urn);
  return [{ endpoint: ep }];
}

export const CONTROLLER_ROLES: Record<string, (view: PlanView, rv: RegionView) => Side[]> = {
  "chaos-controller": (_v, rv) => chaosController(rv),
  "keda-operator": (_v, rv) => kedaOperator(rv),
  "vpa-admission-webhook": (_v, rv) => vpaWebhook(rv),
  "kube-apiserver": (_v, rv) => apiServer(rv),
  "k6-runners": (_v, rv) => k6Runners(rv),
  ...TRACING_ROLES,
  ...JENKINS_ROLES,
  ...POD_ROLES,
  ...KAFKA_ROLES,
  ...KEDA_ROLES,
  ...FARGATE_ROLES,
  ...ISTIO_ROLES,
  ...MONITORING_ROLES,
  ...CHAOS_ROLES,
};
