import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readConfig } from "../../lib/policy";
import { LISTENER, valueOf } from "./values";

/** ELB security policies that negotiate only TLS 1.3 and 1.2 with forward-secret AEAD ciphers. */
export const DEFAULT_ALLOWED_TLS_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
];

/** Mandatory: an HTTPS listener on an old policy still accepts TLS 1.0/1.1 (the AWS default policy does). */
export function albTlsPolicy(): ResourceValidationPolicy {
  return {
    name: "aws-alb-tls-policy",
    description: "HTTPS listeners use a TLS 1.3/1.2 ELB security policy from the allowed list.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { allowedPolicies: { type: "array", items: { type: "string" } } } },
    validateResource: (args, reportViolation) => {
      if (args.type !== LISTENER || valueOf(() => args.props.protocol) !== "HTTPS") return;
      const { allowedPolicies } = readConfig(args, { allowedPolicies: DEFAULT_ALLOWED_TLS_POLICIES });
      const policy = valueOf(() => args.props.sslPolicy);
      if (!allowedPolicies.includes(policy))
        reportViolation(
          `HTTPS listener "${args.name}" uses sslPolicy ${JSON.stringify(policy ?? null)}; allowed: ${allowedPolicies.join(", ")}`,
        );
    },
  };
}
