/**
 * CloudFront's origins: the shared, health-routed origin name for every request, and for GET/HEAD
 * an origin group that retries a second region's own origin name when the first answer is a
 * connection failure or a 5xx (CloudFront Developer Guide, "Optimize high availability with
 * CloudFront origin failover", read 2026-12-07: origin groups serve GET, HEAD and OPTIONS only).
 * While Route53 still routes viewers to a lost region (health checks + the ALB alias TTL, about
 * 96 s in prod), cacheable reads then take one failed try instead of failing.
 */
export const SHARED_ORIGIN_ID = "regional-gateways";
export const ORIGIN_GROUP_ID = "regional-gateways-failover";
export const regionOriginId = (region: string) => `region-${region}`;

/**
 * Connection timeout (s) and attempts on the shared origin. 5 s x 2 = 10 s before the group asks the
 * second region (CloudFront's default is 10 s x 3 = 30 s); 5 s is well above an in-region TLS
 * connect to the ALB, and a second attempt rides out one lost SYN.
 */
export const ORIGIN_CONNECTION_TIMEOUT_SECONDS = 5;
export const ORIGIN_CONNECTION_ATTEMPTS = 2;
/** Answers that mean "the region is not serving" (not 4xx: a 404 is the same in every region). */
export const FAILOVER_STATUS_CODES = [500, 502, 503, 504];

/**
 * The region whose own origin name backs GET/HEAD: the first region that is neither the primary
 * (the usual writer) nor drained by a drill; undefined in a one-region stack.
 */
export function secondaryOriginRegion(
  regions: readonly string[],
  primary: string,
  drained?: string,
): string | undefined {
  return regions.find((r) => r !== primary && r !== drained);
}

export function originGroups(secondary: string | undefined) {
  if (!secondary) return undefined;
  return [
    {
      originId: ORIGIN_GROUP_ID,
      failoverCriteria: { statusCodes: [...FAILOVER_STATUS_CODES] },
      members: [{ originId: SHARED_ORIGIN_ID }, { originId: regionOriginId(secondary) }],
    },
  ];
}
