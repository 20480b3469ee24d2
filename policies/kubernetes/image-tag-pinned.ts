import type { ResourceValidationPolicy } from "@pulumi/policy";
import { containersOf, label } from "../lib/k8s";
import { validateWorkload } from "../lib/workload";

/** The tag of an image reference, "" when untagged; a digest counts as pinned. */
export function imageProblem(image: unknown): string | undefined {
  if (typeof image !== "string" || image === "") return "has no image";
  if (image.includes("@")) return undefined;
  // A colon before the last "/" is a registry port (registry:5000/app), not a tag.
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  if (colon < 0) return `image "${image}" has no tag; pin a version or a digest`;
  if (lastSegment.slice(colon + 1) === "latest")
    return `image "${image}" uses the latest tag; pin a version or a digest`;
  return undefined;
}

/** Mandatory: a moving tag makes a preview meaningless (what runs is decided at pull time). */
export function imageTagPinned(): ResourceValidationPolicy {
  return {
    name: "k8s-image-tag-pinned",
    description: "Container images are pinned to a version tag or digest, never latest or untagged.",
    enforcementLevel: "mandatory",
    validateResource: validateWorkload(({ spec }) =>
      containersOf(spec).flatMap((ref) => {
        const problem = imageProblem(ref.container.image);
        return problem ? [`${label(ref)} ${problem}`] : [];
      }),
    ),
  };
}
