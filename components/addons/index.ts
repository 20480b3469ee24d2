import type { HelmAddon, ProvidedKind, ProvidedWebhook } from "./addon";
import { CHAOS_MESH } from "./chaos-mesh";
import { ISTIO_BASE, ISTIO_CNI, ISTIOD, ZTUNNEL } from "./istio";
import { JAEGER } from "./jaeger";
import { JENKINS_ADDON } from "./jenkins";
import { K6_OPERATOR } from "./k6-operator";
import { KARPENTER } from "./karpenter";
import { KEDA } from "./keda";
import { KUBE_PROMETHEUS_STACK } from "./kube-prometheus-stack";
import { LB_CONTROLLER } from "./lb-controller";
import { OTEL_COLLECTOR } from "./opentelemetry-collector";
import { VPA } from "./vpa";

export * from "./addon";

/**
 * Every pinned Helm add-on, one line each. An add-on with `perRegion` is installed by every
 * region's foundation stage; the others are installed by the component that owns them.
 */
export const ADDONS: readonly HelmAddon[] = [
  KARPENTER,
  LB_CONTROLLER,
  KEDA,
  VPA,
  KUBE_PROMETHEUS_STACK,
  ISTIO_BASE,
  ISTIOD,
  ISTIO_CNI,
  ZTUNNEL,
  CHAOS_MESH,
  K6_OPERATOR,
  OTEL_COLLECTOR,
  JAEGER,
  JENKINS_ADDON,
];

const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0] : "");
const versionOf = (apiVersion: string) => apiVersion.split("/").pop()!;

/** The add-on whose chart installs the CRD serving `apiVersion` `kind`, with that CRD; undefined for built-in kinds. */
export function crdProvider(
  apiVersion: string,
  kind: string,
  addons: readonly HelmAddon[] = ADDONS,
): { addon: HelmAddon; crd: ProvidedKind } | undefined {
  for (const addon of addons) {
    const crd = addon.provides.crds.find(
      (c) => c.group === groupOf(apiVersion) && c.kind === kind && c.versions.includes(versionOf(apiVersion)),
    );
    if (crd) return { addon, crd };
  }
  return undefined;
}

/** Every add-on webhook that admits objects of `apiVersion` `kind`. */
export function webhooksAdmitting(
  apiVersion: string,
  kind: string,
  addons: readonly HelmAddon[] = ADDONS,
): { addon: HelmAddon; webhook: ProvidedWebhook }[] {
  const group = groupOf(apiVersion);
  return addons.flatMap((addon) =>
    addon.provides.webhooks
      .filter((w) => w.admits.some((a) => a.group === group && (a.kinds === "*" || a.kinds.includes(kind))))
      .map((webhook) => ({ addon, webhook })),
  );
}
