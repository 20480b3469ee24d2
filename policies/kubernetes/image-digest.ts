import type { ResourceValidationPolicy } from "@pulumi/policy";
import { containersOf, label } from "../lib/k8s";
import { validateWorkload } from "../lib/workload";

/** `@sha256:` and 64 lowercase hex digits at the end of the reference. */
const DIGEST_RE = /@sha256:[a-f0-9]{64}$/;

/**
 * Advisory; mandatory in strict environments (prod, staging) through the registry. A tag can be
 * moved after review; a digest names the exact image content the plan was reviewed with.
 * Scope: images in the workloads the program renders (plan.json). Images that upstream Helm charts
 * render at install time (Karpenter, KEDA, Istio, kube-prometheus-stack, ...) are outside the plan
 * and outside this check; their versions are pinned by the chart versions in components/charts.ts.
 */
export function imageDigest(): ResourceValidationPolicy {
  return {
    name: "k8s-image-digest",
    description:
      "Container images of the workloads the program renders are pinned by digest (@sha256:<64 hex>); images rendered by Helm charts at install time are out of scope.",
    enforcementLevel: "advisory",
    validateResource: validateWorkload(({ spec }) =>
      containersOf(spec).flatMap((ref) => {
        const image: unknown = ref.container.image;
        if (typeof image === "string" && DIGEST_RE.test(image)) return [];
        return [
          `${label(ref)} image ${JSON.stringify(image)} is not pinned by digest (@sha256:<64 hex>): give it as repo@sha256:<digest>, ` +
            `or as an Amazon ECR image (or set platform:security.images.mirror to the ECR registry holding a copy) so the program resolves the digest at deploy time`,
        ];
      }),
    ),
  };
}
