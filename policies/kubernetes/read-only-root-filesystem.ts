import type { ResourceValidationPolicy } from "@pulumi/policy";
import { containersOf, label } from "../lib/k8s";
import { validateWorkload } from "../lib/workload";

/**
 * Advisory (mandatory in prod): not part of Pod Security, and some images need a writable path
 * (fixed with an emptyDir), so dev may iterate before the image is hardened.
 */
export function readOnlyRootFilesystem(): ResourceValidationPolicy {
  return {
    name: "k8s-read-only-root-filesystem",
    description: "Every container mounts its root filesystem read-only.",
    enforcementLevel: "advisory",
    validateResource: validateWorkload(({ spec }) =>
      containersOf(spec)
        .filter((ref) => ref.container.securityContext?.readOnlyRootFilesystem !== true)
        .map((ref) => `${label(ref)} must set securityContext.readOnlyRootFilesystem: true`),
    ),
  };
}
