import { ISTIO_NAMESPACE, type IstioChart } from "../mesh/values";
import type { AddonProvides, HelmAddon } from "./addon";

const ISTIO_GROUPS = ["security.istio.io", "networking.istio.io", "telemetry.istio.io", "extensions.istio.io"];
const SOURCE =
  "istio/istio 1.30.3 (56df41f): manifests/charts/base/files/crd-all.gen.yaml, base/templates/defaultrevision-validatingwebhookconfiguration.yaml, istio-control/istio-discovery/templates/{validatingwebhookconfiguration,mutatingwebhook}.yaml; read 2026-12-07";
const kinds = (group: string, versions: string[], names: string[]) => names.map((kind) => ({ group, kind, versions }));
const validatesIstio = (configuration: string) => ({
  configuration,
  type: "validating" as const,
  admits: ISTIO_GROUPS.map((group) => ({ group, kinds: "*" as const })),
});
const NONE: AddonProvides = { crds: [], webhooks: [], source: SOURCE };
// Istio's charts create istio-system's objects; the program creates and labels the namespace.
const release = { createNamespace: false, atomic: true };

/** Istio base: the CRDs and the default-revision validating webhook (served by istiod). */
export const ISTIO_BASE: HelmAddon = {
  id: "istio-base",
  chart: "istioBase",
  releaseName: "istio-base",
  namespace: ISTIO_NAMESPACE,
  release,
  provides: {
    crds: [
      ...kinds(
        "networking.istio.io",
        ["v1", "v1beta1", "v1alpha3"],
        ["DestinationRule", "Gateway", "ServiceEntry", "Sidecar", "VirtualService", "WorkloadEntry", "WorkloadGroup"],
      ),
      ...kinds("networking.istio.io", ["v1alpha3"], ["EnvoyFilter"]),
      ...kinds("networking.istio.io", ["v1beta1"], ["ProxyConfig"]),
      ...kinds(
        "security.istio.io",
        ["v1", "v1beta1"],
        ["AuthorizationPolicy", "PeerAuthentication", "RequestAuthentication"],
      ),
      ...kinds("telemetry.istio.io", ["v1", "v1alpha1"], ["Telemetry"]),
      ...kinds("extensions.istio.io", ["v1alpha1"], ["WasmPlugin", "TrafficExtension"]),
    ],
    webhooks: [validatesIstio("istiod-default-validator")],
    source: SOURCE,
  },
};

/** istiod: control plane; validates Istio objects and injects sidecars into labelled pods. */
export const ISTIOD: HelmAddon = {
  id: "istiod",
  chart: "istiod",
  releaseName: "istiod",
  namespace: ISTIO_NAMESPACE,
  release,
  provides: {
    crds: [],
    webhooks: [
      validatesIstio(`istio-validator-${ISTIO_NAMESPACE}`),
      {
        configuration: "istio-sidecar-injector",
        type: "mutating",
        admits: [{ group: "", kinds: ["Pod"] }],
      },
    ],
    source: SOURCE,
  },
};

/** Istio CNI node agent: redirects ambient pods' traffic to ztunnel. */
export const ISTIO_CNI: HelmAddon = {
  id: "istio-cni",
  chart: "istioCni",
  releaseName: "istio-cni",
  namespace: ISTIO_NAMESPACE,
  release,
  provides: NONE,
};

/** ztunnel: the ambient mesh's per-node mTLS proxy. */
export const ZTUNNEL: HelmAddon = {
  id: "ztunnel",
  chart: "ztunnel",
  releaseName: "ztunnel",
  namespace: ISTIO_NAMESPACE,
  release,
  provides: NONE,
};

/** The four ambient charts by the mesh's chart names. */
export const ISTIO: Readonly<Record<IstioChart, HelmAddon>> = {
  base: ISTIO_BASE,
  istiod: ISTIOD,
  cni: ISTIO_CNI,
  ztunnel: ZTUNNEL,
};
