/**
 * CloudFront cache behaviours matching the gateway's routes (seed 000). Managed policy ids are
 * AWS constants (CloudFront Developer Guide, "Use managed cache policies" / "Use managed origin
 * request policies").
 */
export const MANAGED_CACHE_POLICY = {
  /** CachingDisabled: TTL 0, nothing in the cache key. */
  cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  /** CachingOptimized: TTL 1 s..1 y, default 1 d; no cookies/query strings in the key. */
  cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
} as const;

export const MANAGED_ORIGIN_REQUEST_POLICY = {
  /** AllViewerExceptHostHeader: every viewer header, cookie and query string except Host, so the ALB sees the origin name its certificate covers. */
  allViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
} as const;

export const ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"];
export const READ_METHODS = ["GET", "HEAD"];
export const READ_CACHED_METHODS = ["GET", "HEAD"];

/** Which cache policy a behaviour uses: a managed id, or one of ours created by the component. */
export type CachePolicyRef = { managed: string } | { custom: "media" | "static" };

export interface CacheBehaviourPlan {
  /** undefined for the default behaviour. */
  pathPattern?: string;
  cachePolicy: CachePolicyRef;
  originRequestPolicyId?: string;
  allowedMethods: string[];
  cachedMethods: string[];
}

/** Custom cache policies: long TTLs for immutable content, nothing viewer-specific in the key. */
export interface CustomCachePolicyPlan {
  role: "media" | "static";
  defaultTtl: number;
  maxTtl: number;
  minTtl: number;
  /** Query strings version assets (`app.js?v=3`), so they belong in the key. */
  queryStrings: boolean;
}

export function customCachePolicies(mediaTtlSeconds: number, staticTtlSeconds: number): CustomCachePolicyPlan[] {
  return [
    {
      role: "media",
      defaultTtl: mediaTtlSeconds,
      maxTtl: Math.max(mediaTtlSeconds, staticTtlSeconds),
      minTtl: 0,
      queryStrings: false,
    },
    { role: "static", defaultTtl: staticTtlSeconds, maxTtl: staticTtlSeconds, minTtl: 0, queryStrings: true },
  ];
}

/**
 * Ordered behaviours (first match wins) plus the default. `/api/*` is never cached and gets
 * every method and viewer header; media and static assets are read-only and cached long; the
 * rest goes to the frontend with CachingOptimized (it honours the origin's Cache-Control) and
 * all methods so forms can POST.
 */
export function cacheBehaviours(staticPaths: readonly string[]): {
  ordered: CacheBehaviourPlan[];
  default: CacheBehaviourPlan;
} {
  const seen = new Set<string>();
  const ordered: CacheBehaviourPlan[] = [
    {
      pathPattern: "/api/*",
      cachePolicy: { managed: MANAGED_CACHE_POLICY.cachingDisabled },
      originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICY.allViewerExceptHostHeader,
      allowedMethods: ALL_METHODS,
      cachedMethods: READ_CACHED_METHODS,
    },
    {
      pathPattern: "/media/*",
      cachePolicy: { custom: "media" } as CachePolicyRef,
      allowedMethods: READ_METHODS,
      cachedMethods: READ_CACHED_METHODS,
    },
    ...staticPaths.map((p): CacheBehaviourPlan => ({
      pathPattern: p,
      cachePolicy: { custom: "static" },
      allowedMethods: READ_METHODS,
      cachedMethods: READ_CACHED_METHODS,
    })),
  ].filter((b) => {
    const dup = seen.has(b.pathPattern!);
    seen.add(b.pathPattern!);
    return !dup;
  });
  return {
    ordered,
    default: {
      cachePolicy: { managed: MANAGED_CACHE_POLICY.cachingOptimized },
      originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICY.allViewerExceptHostHeader,
      allowedMethods: ALL_METHODS,
      cachedMethods: READ_CACHED_METHODS,
    },
  };
}
