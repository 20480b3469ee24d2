import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { imageSource, type ImageSettings } from "../config/images";

/** Configured image reference -> what the pod spec pulls (the same string, or repo@sha256 from ECR). */
export type ImageResolver = (configured: string) => pulumi.Input<string>;

/**
 * Resolves each ECR tag to its digest once per program run (aws.ecr.getImage reads
 * DescribeImages at preview and up, so the plan shows the digest that will run). The lookup goes
 * through `provider` with the registry's region set per call (provider v7 invokes take `region`).
 * A tag that does not exist fails the preview with ECR's ImageNotFoundException, before any pod.
 */
export function imageResolver(
  settings: ImageSettings,
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): ImageResolver {
  const cache = new Map<string, pulumi.Input<string>>();
  return (configured) => {
    const hit = cache.get(configured);
    if (hit !== undefined) return hit;
    const src = imageSource(configured, settings);
    const pulled =
      src.kind === "ecr"
        ? aws.ecr
            .getImageOutput(
              {
                registryId: src.registryId,
                region: src.region,
                repositoryName: src.repositoryName,
                imageTag: src.imageTag,
              },
              opts,
            )
            .imageDigest.apply((digest) => `${src.host}/${src.repositoryName}@${digest}`)
        : src.image;
    cache.set(configured, pulled);
    return pulled;
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Manifest = Record<string, any>;

/** The pod spec of a workload manifest (Deployment, StatefulSet, DaemonSet, Job: spec.template; CronJob: one level deeper). */
function podSpecOf(m: Manifest): Manifest | undefined {
  return m.spec?.jobTemplate?.spec?.template?.spec ?? m.spec?.template?.spec;
}

/**
 * A copy of `manifest` whose container and init-container images go through `resolve`; anything
 * that is not a workload is returned as is. Labels keep the configured tag (a plain value).
 */
export function withResolvedImages(manifest: Manifest, resolve?: ImageResolver): Manifest {
  const pod = resolve ? podSpecOf(manifest) : undefined;
  if (!pod || !resolve) return manifest;
  const swap = (cs: Manifest[] | undefined) =>
    cs?.map((c) => (typeof c.image === "string" ? { ...c, image: resolve(c.image) } : c));
  const spec: Manifest = {
    ...pod,
    containers: swap(pod.containers),
    ...(pod.initContainers ? { initContainers: swap(pod.initContainers) } : {}),
  };
  const template = (t: Manifest) => ({ ...t, spec });
  if (manifest.spec?.jobTemplate)
    return {
      ...manifest,
      spec: {
        ...manifest.spec,
        jobTemplate: {
          ...manifest.spec.jobTemplate,
          spec: { ...manifest.spec.jobTemplate.spec, template: template(manifest.spec.jobTemplate.spec.template) },
        },
      },
    };
  return { ...manifest, spec: { ...manifest.spec, template: template(manifest.spec.template) } };
}
