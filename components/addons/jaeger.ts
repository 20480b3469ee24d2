import { TRACING } from "../tracing/names";
import type { HelmAddon } from "./addon";

/** Jaeger v2 (all-in-one: OTLP receiver, Badger store, query UI); installed by components/tracing. */
export const JAEGER: HelmAddon = {
  id: "jaeger",
  chart: "jaeger",
  releaseName: TRACING.jaegerRelease,
  namespace: TRACING.namespace,
  release: { atomic: true, timeout: 600, maxHistory: 5 },
  provides: {
    crds: [],
    webhooks: [],
    source:
      "jaegertracing/helm-charts jaeger-4.11.1 (6c602b5): charts/jaeger/templates (no CRDs, no webhook configurations); read 2026-12-07",
  },
};
