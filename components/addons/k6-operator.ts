import { LOADTEST_NAMESPACE } from "../loadtest/plan";
import type { HelmAddon } from "./addon";

/** k6-operator: runs the opt-in TestRuns (components/loadtest). */
export const K6_OPERATOR: HelmAddon = {
  id: "k6-operator",
  chart: "k6Operator",
  releaseName: "k6-operator",
  namespace: LOADTEST_NAMESPACE,
  release: { timeout: 600, maxHistory: 5 },
  provides: {
    crds: [
      { group: "k6.io", kind: "TestRun", versions: ["v1alpha1"] },
      { group: "k6.io", kind: "PrivateLoadZone", versions: ["v1alpha1"] },
    ],
    webhooks: [],
    source:
      "grafana/k6-operator helm-k6-operator-4.6.0 (cf0ae21): charts/k6-operator/templates/crds/testrun.yaml, plz.yaml; no webhook templates; read 2026-12-07",
  },
};

/**
 * Chart values. The program creates and labels the namespace itself, so the chart's own Namespace
 * (`namespace.create`, default true, templates/namespace.yaml at chart 4.6.0) is off: Helm refuses
 * to install an object that exists outside its release.
 */
export function k6OperatorValues(): Record<string, unknown> {
  return { installCRDs: true, namespace: { create: false } };
}
