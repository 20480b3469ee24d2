import type { ResourceValidationPolicy } from "@pulumi/policy";
import { type PodTemplate, containersOf, label } from "../lib/k8s";
import { validateWorkload } from "../lib/workload";

const ALLOWED_SECCOMP = ["RuntimeDefault", "Localhost"];
const HOST_NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"] as const;

/** The Pod Security Standard "restricted" profile (plus its baseline host/privileged rules). */
export function checkRestricted({ spec }: PodTemplate): string[] {
  const pod = spec.securityContext ?? {};
  const out: string[] = [];
  for (const flag of HOST_NAMESPACES) if (spec[flag] === true) out.push(`pod must not set ${flag}: true`);
  for (const ref of containersOf(spec)) {
    const sc = ref.container.securityContext ?? {};
    const who = label(ref);
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true)
      out.push(`${who} must set securityContext.runAsNonRoot: true (on the pod or the container)`);
    if ((sc.runAsUser ?? pod.runAsUser) === 0) out.push(`${who} must not run as UID 0`);
    if (sc.privileged === true) out.push(`${who} must not be privileged`);
    if (sc.allowPrivilegeEscalation !== false)
      out.push(`${who} must set securityContext.allowPrivilegeEscalation: false`);
    const drop: unknown[] = sc.capabilities?.drop ?? [];
    if (!drop.includes("ALL"))
      out.push(`${who} must drop ALL capabilities (securityContext.capabilities.drop: ["ALL"])`);
    const extra = ((sc.capabilities?.add ?? []) as string[]).filter((c) => c !== "NET_BIND_SERVICE");
    if (extra.length > 0) out.push(`${who} may only add NET_BIND_SERVICE, not ${extra.join(", ")}`);
    const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
    if (!ALLOWED_SECCOMP.includes(seccomp))
      out.push(
        `${who} must use seccompProfile.type RuntimeDefault (on the pod or the container), got ${seccomp ?? "none"}`,
      );
  }
  return out;
}

/**
 * Mandatory: EKS namespaces labelled pod-security.kubernetes.io/enforce=restricted reject these
 * pods at admission, which would fail `pulumi up` half-way; preview should fail instead.
 */
export function podSecurityRestricted(): ResourceValidationPolicy {
  return {
    name: "k8s-pod-security-restricted",
    description: "Workload pods meet the Pod Security Standard 'restricted' profile.",
    enforcementLevel: "mandatory",
    validateResource: validateWorkload(checkRestricted),
  };
}
