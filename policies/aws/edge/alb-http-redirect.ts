import type { ResourceValidationPolicy } from "@pulumi/policy";
import { LISTENER, valueOf } from "./values";

/** Mandatory: plain HTTP must never reach the gateway; the only thing an HTTP listener may do is send the client to HTTPS. */
export function albHttpRedirect(): ResourceValidationPolicy {
  return {
    name: "aws-alb-http-redirect",
    description: "HTTP listeners only redirect to HTTPS.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== LISTENER || valueOf(() => args.props.protocol) !== "HTTP") return;
      const actions = (valueOf(() => args.props.defaultActions) ?? []) as {
        type?: string;
        redirect?: { protocol?: string };
      }[];
      const ok = actions.length > 0 && actions.every((a) => a.type === "redirect" && a.redirect?.protocol === "HTTPS");
      if (!ok)
        reportViolation(
          `HTTP listener "${args.name}" must only redirect to HTTPS (default actions: ${actions.map((a) => a.type ?? "?").join(", ") || "none"})`,
        );
    },
  };
}
