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
      src.kind === "pinned"
        ? pinnedImage(src, opts)
        : src.kind === "ecr"
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

/**
 * A digest pinned in config, checked at preview against ECR: the tag must still name that digest
 * (asking DescribeImages for tag and digest together fails when they disagree; ECR's image failure
 * code ImageTagDoesNotMatchDigest, https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ImageFailure.html,
 * read 2026-12-07) in a repository whose tags cannot move (imageTagMutability IMMUTABLE,
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html). The pod pulls the
 * pinned digest whatever the lookup says; a value the offline engine does not know is not judged.
 */
function pinnedImage(
  src: Extract<ReturnType<typeof imageSource>, { kind: "pinned" }>,
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): pulumi.Input<string> {
  const c = src.check;
  if (!c) return src.image;
  const image = aws.ecr.getImageOutput(
    {
      registryId: c.registryId,
      region: c.region,
      repositoryName: c.repositoryName,
      imageTag: c.imageTag,
      imageDigest: c.imageDigest,
    },
    opts,
  );
  const repo = aws.ecr.getRepositoryOutput(
    { name: c.repositoryName, registryId: c.registryId, region: c.region },
    opts,
  );
  return pulumi
    .all([image.imageDigest, repo.imageTagMutability])
    .apply(([, mutability]) => pinnedImageAfterCheck(src, mutability));
}

/** The pinned image once ECR answered; a repository whose tags can move is refused. */
export function pinnedImageAfterCheck(
  src: Extract<ReturnType<typeof imageSource>, { kind: "pinned" }>,
  mutability: string | undefined,
): string {
  const c = src.check;
  if (c && mutability !== undefined && mutability !== "IMMUTABLE")
    throw new Error(
      `image ${src.configured}: ECR repository ${c.registryId}/${c.repositoryName} has imageTagMutability ` +
        `${mutability}; pinned digests need IMMUTABLE tags (a re-pushed tag would no longer be what review saw)`,
    );
  return src.image;
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
