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
export type CachePolicyRef = { managed: string } | { custom: CustomCachePolicyPlan["role"] };

/**
 * The activities API (seed 004: "cache API responses 5 minutes"), as routed by the gateway
 * (activity-service route /api/v1/activities/). Checked before `/api/*` (first match wins).
 */
export const ACTIVITIES_API_PATH = "/api/v1/activities/*";
export const ACTIVITIES_API_TTL_SECONDS = 300;
/**
 * Cookies that identify a user session (Django's `sessionid`, and `session` of common
 * frameworks). In the cache key, so a response to one session is never served to another.
 */
export const SESSION_COOKIES = ["sessionid", "session"] as const;

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
  role: "media" | "static" | "api";
  defaultTtl: number;
  maxTtl: number;
  minTtl: number;
  /** Query strings version assets (`app.js?v=3`), so they belong in the key. */
  queryStrings: boolean;
  /** Viewer headers in the cache key (whitelist); none when absent. */
  headers?: string[];
  /** Cookies in the cache key (whitelist); none when absent. */
  cookies?: string[];
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
    /*
     * Activities API, 5 minutes. CloudFront rules relied on (Developer Guide, "Manage how long
     * content stays in the cache (expiration)" and "Understand cache policies", read 2026-12-02):
     * - minTtl 0: CloudFront honours the origin's Cache-Control no-store / no-cache / private
     *   (never caches them) and max-age below 300 s; maxTtl 300 caps a longer max-age; without
     *   Cache-Control the default 300 s applies.
     * - Authorization in the cache key: CloudFront then caches per Authorization value (and
     *   forwards it); a response to one credential is never served to another.
     * - The session cookies in the key: the same for cookie sessions. Anonymous requests share
     *   one entry per URL (query strings in the key).
     */
    {
      role: "api",
      defaultTtl: ACTIVITIES_API_TTL_SECONDS,
      maxTtl: ACTIVITIES_API_TTL_SECONDS,
      minTtl: 0,
      queryStrings: true,
      headers: ["Authorization"],
      cookies: [...SESSION_COOKIES],
    },
  ];
}

/**
 * Ordered behaviours (first match wins) plus the default. The activities API is cached 5 min
 * keyed per credential (see the "api" policy); the rest of `/api/*` is never cached and gets
 * every method and viewer header; media and static assets are read-only and cached long; the
 * rest (the frontend's HTML) uses managed CachingDisabled: CachingOptimized keys on neither
 * cookies nor Authorization and applies its 1-day default TTL to responses without
 * Cache-Control, so one user's personalised page would be served to the next.
 */
export function cacheBehaviours(staticPaths: readonly string[]): {
  ordered: CacheBehaviourPlan[];
  default: CacheBehaviourPlan;
} {
  const seen = new Set<string>();
  const ordered: CacheBehaviourPlan[] = [
    {
      pathPattern: ACTIVITIES_API_PATH,
      cachePolicy: { custom: "api" } as CachePolicyRef,
      originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICY.allViewerExceptHostHeader,
      // Writes still pass through (CloudFront caches only GET/HEAD responses).
      allowedMethods: ALL_METHODS,
      cachedMethods: READ_CACHED_METHODS,
    },
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
      cachePolicy: { managed: MANAGED_CACHE_POLICY.cachingDisabled },
      originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICY.allViewerExceptHostHeader,
      allowedMethods: ALL_METHODS,
      cachedMethods: READ_CACHED_METHODS,
    },
  };
}
