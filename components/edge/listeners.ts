import { ORIGIN_VERIFY_HEADER } from "./names";

/**
 * ALB listener behaviour, planned as plain objects. The HTTPS listener refuses everything by
 * default; a request reaches the gateway only if it carries CloudFront's secret header, or if it
 * is the Route53 health checker asking for the health path (health checkers cannot send custom
 * headers, and the security group admits them only on 443).
 */
export const DENY_RESPONSE = { contentType: "text/plain", messageBody: "Forbidden", statusCode: "403" } as const;

export const RULE_PRIORITY = { originVerify: 1, healthCheck: 2 } as const;

export function fixedDenyAction(): { type: "fixed-response"; fixedResponse: typeof DENY_RESPONSE } {
  return { type: "fixed-response", fixedResponse: { ...DENY_RESPONSE } };
}

export function httpRedirectAction(): {
  type: "redirect";
  redirect: { protocol: "HTTPS"; port: "443"; statusCode: "HTTP_301" };
} {
  return { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };
}

export function originVerifyConditions<T>(secret: T): { httpHeader: { httpHeaderName: string; values: T[] } }[] {
  return [{ httpHeader: { httpHeaderName: ORIGIN_VERIFY_HEADER, values: [secret] } }];
}

export function healthCheckConditions(
  healthPath: string,
): ({ pathPattern: { values: string[] } } | { httpRequestMethod: { values: string[] } })[] {
  if (!healthPath.startsWith("/") || /[*?]/.test(healthPath))
    throw new Error(
      `healthPath: got ${JSON.stringify(healthPath)}; expected an exact path starting with "/" (no wildcards)`,
    );
  return [{ pathPattern: { values: [healthPath] } }, { httpRequestMethod: { values: ["GET", "HEAD"] } }];
}

/** Target group health check on the gateway (seed 002: 2/5, 5 s, 30 s, 200). */
export function targetHealthCheck(a: {
  path: string;
  healthy: number;
  unhealthy: number;
  timeout: number;
  interval: number;
}) {
  if (a.timeout >= a.interval)
    throw new Error(`health check timeout ${a.timeout}s must be shorter than the interval ${a.interval}s`);
  return {
    enabled: true,
    protocol: "HTTP",
    port: "traffic-port",
    path: a.path,
    matcher: "200",
    healthyThreshold: a.healthy,
    unhealthyThreshold: a.unhealthy,
    timeout: a.timeout,
    interval: a.interval,
  };
}
