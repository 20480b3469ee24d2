import type { ResourceValidationPolicy } from "@pulumi/policy";
import { PEER_AUTHENTICATION } from "../lib/istio";
import { k8sNameOf, namespaceOf } from "../lib/k8s";

/** Annotation that must explain a port-level exception (components/mesh PLAINTEXT_REASON_ANNOTATION). */
export const PLAINTEXT_REASON = "mesh.platform.io/plaintext-reason";
const RELAXED = ["PERMISSIVE", "DISABLE"];

/**
 * Advisory in dev, mandatory in staging/prod (registry `strict`): PeerAuthentication never
 * relaxes mTLS for a namespace or a workload. One exception: a workload-scoped policy may relax
 * single ports that outside-the-mesh clients must reach (the ALB to the gateway), if it stays
 * STRICT otherwise and says why in the `mesh.platform.io/plaintext-reason` annotation.
 */
export function meshMtlsStrict(): ResourceValidationPolicy {
  return {
    name: "mesh-mtls-strict",
    description:
      "PeerAuthentication is STRICT; port-level PERMISSIVE only on a workload selector with a stated reason.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
      if (args.type !== PEER_AUTHENTICATION) return;
      const p = args.props ?? {};
      const where = `PeerAuthentication ${namespaceOf(p)}/${k8sNameOf(p, args.name)}`;
      const mode = p.spec?.mtls?.mode;
      if (RELAXED.includes(mode)) reportViolation(`${where} sets mtls.mode ${mode}; expected STRICT`);
      const ports = Object.entries((p.spec?.portLevelMtls ?? {}) as Record<string, { mode?: string }>).filter(([, v]) =>
        RELAXED.includes(v?.mode ?? ""),
      );
      if (ports.length === 0) return;
      const list = ports.map(([port, v]) => `${port} ${v.mode}`).join(", ");
      if (!p.spec?.selector)
        reportViolation(`${where} relaxes ports (${list}) for a whole namespace; expected a workload selector`);
      if (mode !== "STRICT")
        reportViolation(`${where} relaxes ports (${list}) without mtls.mode STRICT for the other ports`);
      if (!p.metadata?.annotations?.[PLAINTEXT_REASON])
        reportViolation(`${where} relaxes ports (${list}) without a ${PLAINTEXT_REASON} annotation saying why`);
    },
  };
}
