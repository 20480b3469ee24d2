import type { PlanResource } from "../../policies/lib/offline";
import { placed, podEndpoint, podTemplate, type PlanView, type RegionView } from "./endpoints";
import type { Side } from "./roles";

/** Pods that declare Kafka carry this label (components/workloads/manifests/common.ts ACCESS_LABELS.kafka). */
const KAFKA_LABEL = "workloads.platform.io/kafka";

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function kafkaPods(rv: RegionView): Side[] {
  return rv.k8s
    .filter((r) => r.type === "kubernetes:apps/v1:Deployment" && podTemplate(r).labels[KAFKA_LABEL] === "true")
    .map((d) => {
      const t = podTemplate(d);
      const meta = (d.inputs.metadata ?? {}) as { name?: string; namespace?: string };
      return {
        endpoint: podEndpoint(
          rv,
          `${rv.region} ${meta.name} pods`,
          meta.namespace ?? "default",
          t.labels,
          t.system,
          d.urn,
        ),
      };
    });
}

/**
 * The region's MSK brokers: their ENIs sit in the cluster's client subnets with its security
 * groups. The host the apps must be given is the IAM bootstrap list (KAFKA_BROKERS in the
 * data-endpoints ConfigMap), or the flow holds on the network but no app would use it.
 */
function brokers(view: PlanView, rv: RegionView): Side[] {
  const c: PlanResource | undefined = view.of("aws:msk/cluster:Cluster", rv.region)[0];
  const label = `${rv.region} MSK brokers`;
  // Kafka off: labelled pods get no KAFKA_BROKERS and need no path.
  if (!c) return [];
  const info = (c.inputs.brokerNodeGroupInfo ?? {}) as { clientSubnets?: unknown; securityGroups?: unknown };
  const hosts = [String(view.refs.state(c).bootstrapBrokersSaslIam)];
  return [{ endpoint: placed(view, label, c, strs(info.clientSubnets), strs(info.securityGroups)), hosts }];
}

/**
 * KEDA's operator where a ScaledObject of the region scales on Kafka lag: it runs on the system
 * nodes with the chart's selector label (kedacore/charts v2.20.2, app.kubernetes.io/name: keda-operator).
 */
function kedaOperator(rv: RegionView): Side[] {
  const scalesOnKafka = rv.k8s.some(
    (r) =>
      r.type === "kubernetes:keda.sh/v1alpha1:ScaledObject" &&
      ((r.inputs.spec as { triggers?: { type: string }[] }).triggers ?? []).some((t) => t.type === "kafka"),
  );
  const release = rv.k8s.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "keda");
  if (!scalesOnKafka || !release) return [];
  const labels = { "app.kubernetes.io/name": "keda-operator" };
  const ns = String(release.inputs.namespace);
  return [{ endpoint: podEndpoint(rv, `${rv.region} keda-operator`, ns, labels, true, release.urn) }];
}

export const KAFKA_ROLES: Record<string, (view: PlanView, rv: RegionView) => Side[]> = {
  "app-pods:kafka": (_v, rv) => kafkaPods(rv),
  "kafka-brokers": (v, rv) => brokers(v, rv),
  "keda-operator:kafka": (_v, rv) => kedaOperator(rv),
};
