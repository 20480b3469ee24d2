/**
 * Image references and how each is pinned by digest (supply chain). Pure: the resource
 * side (image-digests.ts) asks ECR for the digest at deploy time; nothing here invents one.
 */

/** `@sha256:` and 64 lowercase hex digits: what containerd pulls by content. */
export const DIGEST_RE = /@sha256:[a-f0-9]{64}$/;

/**
 * A private ECR registry host: `<account>.dkr.ecr.<region>.amazonaws.com` (`.com.cn` in China).
 * Source: https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html (registry URL
 * format), read 2026-12-02.
 */
const ECR_HOST_RE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** Environments whose images are pinned by digest unless `platform:security.images.pinDigests` says otherwise. */
export const DIGEST_ENVIRONMENTS: readonly string[] = ["staging", "prod"];

export interface ImageSettings {
  /** Resolve every tag to a digest (ECR) and render `repo@sha256:...`; default on in staging and prod. */
  readonly pinDigests: boolean;
  /** `<account>.dkr.ecr.<region>.amazonaws.com[/prefix]`: where the platform's images are mirrored. */
  readonly mirror?: string;
  /**
   * Configured image reference -> `sha256:<64 hex>` (`platform:security.images.digests`): the digest
   * the pod pulls, decided in review, never looked up by tag at deploy time.
   */
  readonly digests?: Readonly<Record<string, string>>;
}

/** A digest as ECR and containerd name it. */
export const SHA256_DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

/** How one configured image is pulled. */
export type ImageSource =
  | { readonly kind: "digest"; readonly configured: string; readonly image: string }
  | {
      readonly kind: "ecr";
      readonly configured: string;
      /** ECR lookup: registry (account), region, repository and tag. */
      readonly registryId: string;
      readonly region: string;
      readonly host: string;
      readonly repositoryName: string;
      readonly imageTag: string;
    }
  /**
   * Pinned in config: the pod pulls `image` (repo@digest). For an ECR image the deploy checks, at
   * preview, that the tag still names that digest in an IMMUTABLE repository (`check`).
   */
  | {
      readonly kind: "pinned";
      readonly configured: string;
      readonly image: string;
      readonly check?: {
        readonly registryId: string;
        readonly region: string;
        readonly repositoryName: string;
        readonly imageTag: string;
        readonly imageDigest: string;
      };
    }
  /** Left as a tag: pinning is off, or nothing can resolve it (the k8s-image-digest policy reports it). */
  | { readonly kind: "tag"; readonly configured: string; readonly image: string };

interface Parsed {
  /** Registry host, or undefined for Docker Hub short names. */
  host?: string;
  path: string;
  tag?: string;
}

/** Splits `host/path:tag`; the first segment is a host only if it has a "." or ":" or is localhost (Docker's rule). */
export function parseImage(ref: string): Parsed {
  const at = ref.indexOf("@");
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const slash = name.indexOf("/");
  const first = slash >= 0 ? name.slice(0, slash) : "";
  const hasHost = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  const rest = hasHost ? name.slice(slash + 1) : name;
  const colon = rest.lastIndexOf(":");
  return colon >= 0
    ? { host: hasHost ? first : undefined, path: rest.slice(0, colon), tag: rest.slice(colon + 1) }
    : { host: hasHost ? first : undefined, path: rest };
}

/** Account and region of an ECR registry host, or undefined for any other registry. */
export function ecrRegistryOf(host: string | undefined): { registryId: string; region: string } | undefined {
  const m = host ? ECR_HOST_RE.exec(host) : null;
  return m ? { registryId: m[1], region: m[2] } : undefined;
}

/** `ghcr.io/example/app:1.0` -> `<mirror>/example/app:1.0` (the source host dropped, its path kept). */
export function mirrored(ref: string, mirror: string): string {
  const p = parseImage(ref);
  return `${mirror.replace(/\/+$/, "")}/${p.path}${p.tag ? `:${p.tag}` : ""}`;
}

/** How `configured` is pulled under `settings`. */
export function imageSource(configured: string, settings: ImageSettings): ImageSource {
  if (DIGEST_RE.test(configured)) return { kind: "digest", configured, image: configured };
  if (!settings.pinDigests) return { kind: "tag", configured, image: configured };
  const own = ecrRegistryOf(parseImage(configured).host);
  const ref = own || !settings.mirror ? configured : mirrored(configured, settings.mirror);
  const p = parseImage(ref);
  const ecr = ecrRegistryOf(p.host);
  const pin = settings.digests?.[configured];
  if (pin !== undefined) {
    const repo = `${p.host ? `${p.host}/` : ""}${p.path}`;
    const check = ecr && p.tag ? { ...ecr, repositoryName: p.path, imageTag: p.tag, imageDigest: pin } : undefined;
    return { kind: "pinned", configured, image: `${repo}@${pin}`, ...(check ? { check } : {}) };
  }
  if (!ecr || !p.tag) return { kind: "tag", configured, image: configured };
  return { kind: "ecr", configured, ...ecr, host: p.host!, repositoryName: p.path, imageTag: p.tag };
}

type Add = (path: string, value: unknown, expected: string) => void;

/**
 * Config problems: a mirror that is not a private ECR registry (nothing else answers a digest
 * lookup). An image no registry can resolve is left to the k8s-image-digest policy, mandatory in
 * prod, whose message names the fix; the loader does not refuse it so stacks outside prod keep tags.
 */
export function imageIssues(
  settings: ImageSettings,
  add: Add,
  prod?: { images: Readonly<Record<string, string>> },
): void {
  const { mirror } = settings;
  for (const [image, digest] of Object.entries(settings.digests ?? {}))
    if (!SHA256_DIGEST_RE.test(digest))
      add("platform:security.images.digests", digest, `a digest sha256:<64 lowercase hex> for ${image}`);
  // Prod pulls what review saw: a tag is resolved by nobody at deploy time (a re-pushed tag ships nothing).
  const seen = new Set<string>();
  if (prod && settings.pinDigests)
    for (const [path, image] of Object.entries(prod.images))
      if (!DIGEST_RE.test(image) && settings.digests?.[image] === undefined && !seen.has(image) && seen.add(image))
        add(
          "platform:security.images.digests",
          image,
          `a digest for ${path} ("${image}": sha256:<64 hex>, read from the registry when the image is released; ` +
            "prod never resolves a tag at deploy time)",
        );
  if (mirror !== undefined && !ecrRegistryOf(mirror.split("/")[0]))
    add(
      "platform:security.images.mirror",
      mirror,
      "a private Amazon ECR registry, <12-digit account>.dkr.ecr.<region>.amazonaws.com[/prefix] (the program asks ECR for each tag's digest at deploy time)",
    );
}

/** The sections besides services and the gateway whose images the program renders when they are on. */
export interface MoreImages {
  readonly jenkins?: { readonly enabled: boolean; readonly agents: { readonly image: string } };
  readonly batch?: { readonly enabled: boolean; readonly image: string };
}

/**
 * Every image the program renders, by config key path: services, the gateway and its exporter, and
 * when they are on, the Jenkins agent pool and the batch job (images of Helm charts are the charts').
 */
export function platformImages(
  services: readonly { readonly image: string }[],
  gateway: { readonly image: string; readonly exporterImage: string },
  more: MoreImages = {},
): Record<string, string> {
  return {
    ...Object.fromEntries(services.map((s, i) => [`platform:services[${i}].image`, s.image])),
    "platform:gateway.image": gateway.image,
    "platform:gateway.exporterImage": gateway.exporterImage,
    ...(more.jenkins?.enabled ? { "platform:jenkins.agents.image": more.jenkins.agents.image } : {}),
    ...(more.batch?.enabled ? { "platform:batch.image": more.batch.image } : {}),
  };
}

/**
 * With pinning on, each image no registry resolves: printed by `npm run plan` before the
 * k8s-image-digest violations they cause, so the reader sees which config key to change.
 */
export function unpinnedImageWarnings(settings: ImageSettings, images: Readonly<Record<string, string>>): string[] {
  if (!settings.pinDigests) return [];
  return Object.entries(images)
    .filter(([, image]) => imageSource(image, settings).kind === "tag")
    .map(
      ([path, image]) =>
        `${path}: "${image}" cannot be pinned by digest: expected repo@sha256:<64 hex>, an Amazon ECR image ` +
        `(<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>), or platform:security.images.mirror ` +
        `naming the ECR registry that holds a copy (k8s-image-digest is mandatory in staging and prod)`,
    );
}
