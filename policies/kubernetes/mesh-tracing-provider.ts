import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { known } from "../lib/policy";

/* eslint-disable @typescript-eslint/no-explicit-any */
const TELEMETRY = /^kubernetes:telemetry\.istio\.io\/v1(alpha1)?:Telemetry$/;
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** The extension provider names istiod's chart values define (meshConfig.extensionProviders[].name). */
function definedProviders(istiod: PolicyResource): string[] {
  const list = known(() => istiod.props.values?.meshConfig?.extensionProviders);
  return Array.isArray(list) ? list.map((p: any) => p?.name).filter((n: unknown) => typeof n === "string") : [];
}

/**
 * Mandatory: a Telemetry whose tracing names a provider that istiod's mesh config does not define
 * is accepted by the API server and then ignored by istiod, so the waypoints report no span and
 * nothing says why. Each Telemetry is checked against the istiod release of its own cluster (the
 * same Kubernetes provider).
 */
export function meshTracingProvider(): StackValidationPolicy {
  return {
    name: "k8s-mesh-tracing-provider",
    description:
      "Every tracing provider an Istio Telemetry names is defined in meshConfig.extensionProviders of its cluster's istiod.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const istiods = args.resources.filter((r) => r.type === RELEASE && known(() => r.props.chart) === "istiod");
      for (const t of args.resources.filter((r) => TELEMETRY.test(r.type))) {
        const tracing = known(() => t.props.spec?.tracing);
        if (!Array.isArray(tracing)) continue;
        const names = tracing
          .flatMap((e: any) => (Array.isArray(e?.providers) ? e.providers : []))
          .map((p: any) => p?.name);
        if (names.length === 0) continue;
        const where = `Telemetry ${t.props.metadata?.namespace ?? "default"}/${t.props.metadata?.name ?? t.name}`;
        const istiod = istiods.find((i) => i.provider?.urn === t.provider?.urn);
        if (!istiod) {
          reportViolation(`${where} names tracing providers but no istiod release is planned in its cluster`, t.urn);
          continue;
        }
        const defined = definedProviders(istiod);
        for (const n of names.filter((x: unknown) => typeof x !== "string" || !defined.includes(x)))
          reportViolation(
            `${where} names tracing provider ${JSON.stringify(n)}, which istiod's meshConfig.extensionProviders does ` +
              `not define (defined: ${defined.length ? defined.join(", ") : "none"}); istiod ignores it and no span is reported`,
            t.urn,
          );
      }
    },
  };
}
