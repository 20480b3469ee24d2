import { z } from "zod";
import type { ConfigIssue } from "../errors";
import { dnsLabel, nonNegativeInt, percent, positiveInt } from "../primitives";

/**
 * Retry conditions Istio accepts in `HTTPRetry.retryOn` (istio/istio 1.30.3,
 * pkg/config/validation/validation.go `supportedRetryOnPolicies`, read 2026-12-02), plus
 * bare HTTP status codes. istiod rejects anything else, so the plan does too.
 */
export const ISTIO_RETRY_ON = [
  "5xx",
  "gateway-error",
  "reset",
  "reset-before-request",
  "connect-failure",
  "retriable-4xx",
  "refused-stream",
  "retriable-status-codes",
  "retriable-headers",
  "envoy-ratelimited",
  "http3-post-connect-failure",
  "cancelled",
  "deadline-exceeded",
  "internal",
  "resource-exhausted",
  "unavailable",
] as const;

/**
 * `platform:mesh`: Istio (ambient) on every cluster, seed 002's circuit breaker as
 * DestinationRules, STRICT mTLS and per-route retries/timeouts for the apps namespace.
 */
export const meshSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Only ambient (ztunnel + a waypoint per app namespace) is built; docs/mesh.md says why. */
    mode: z.enum(["ambient"], { error: '"ambient" (sidecar mode is not built; see docs/mesh.md)' }).default("ambient"),
    /** Namespace-wide PeerAuthentication of the apps namespace. PERMISSIVE is refused in staging/prod. */
    mtls: z.enum(["STRICT", "PERMISSIVE"], { error: '"STRICT" or "PERMISSIVE"' }).default("STRICT"),
    /** istiod replicas (HPA minimum); 2 keeps xDS and certificate signing up through a node drain. */
    istiodMinReplicas: positiveInt.default(2),
    /** The apps namespace's waypoint (every L7 policy runs there): HPA bounds, PDB keeps one up. */
    waypoint: z.strictObject({ minReplicas: positiveInt.default(2), maxReplicas: positiveInt.default(6) }).prefault({}),
    /** Seed 002 outlier detection, applied per pod by the waypoint. */
    outlierDetection: z
      .strictObject({
        consecutiveGatewayErrors: positiveInt.default(3),
        intervalSeconds: positiveInt.default(30),
        baseEjectionSeconds: positiveInt.default(30),
        maxEjectionPercent: percent.default(50),
      })
      .prefault({}),
    /**
     * Seed 002 connection pool. maxRequestsPerConnection 0 = unlimited (the seed's 2 defeats keep-alive).
     * The limits are derived from the demand model when omitted (components/mesh/pool.ts); set, they
     * must not be below it.
     */
    connectionPool: z
      .strictObject({
        maxConnections: positiveInt.optional(),
        http1MaxPendingRequests: positiveInt.optional(),
        http2MaxRequests: positiveInt.optional(),
        maxRequestsPerConnection: nonNegativeInt.default(0),
        maxRetries: nonNegativeInt.default(3),
      })
      .prefault({}),
    /**
     * Per-route policy at the waypoint. (attempts + 1) x perTryTimeoutSeconds must fit in
     * timeoutSeconds, which must not exceed `platform:gateway.proxyTimeoutSeconds`.
     */
    routes: z
      .strictObject({
        timeoutSeconds: positiveInt.default(30),
        attempts: nonNegativeInt.default(2),
        perTryTimeoutSeconds: positiveInt.default(10),
        /** Only conditions where the request never reached the app by default: safe for POSTs. */
        retryOn: z
          .array(
            z.string().refine((v) => (ISTIO_RETRY_ON as readonly string[]).includes(v) || /^[1-5][0-9]{2}$/.test(v), {
              error: `one of ${ISTIO_RETRY_ON.join(", ")} or an HTTP status code`,
            }),
          )
          .min(1)
          .default(["connect-failure", "refused-stream", "reset-before-request", "503"]),
      })
      .prefault({}),
    /** Service-to-service calls beyond gateway -> web services: caller name -> web services it calls. */
    calls: z.record(dnsLabel, z.array(dnsLabel)).default({}),
  })
  .prefault({});

export type MeshSection = z.output<typeof meshSchema>;

/** Cross-field checks: retry budget vs timeouts vs the gateway, calls name real services, no PERMISSIVE outside dev. */
export function meshIssues(
  mesh: MeshSection,
  ctx: {
    environment?: string;
    gatewayProxyTimeoutSeconds?: number;
    services?: readonly { name: string; kind: string }[];
  },
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, value: unknown, expected: string) =>
    issues.push({ path: `platform:mesh${path}`, value, expected });
  if (!mesh.enabled) return issues;
  const r = mesh.routes;
  if ((r.attempts + 1) * r.perTryTimeoutSeconds > r.timeoutSeconds)
    add(
      ".routes.perTryTimeoutSeconds",
      r.perTryTimeoutSeconds,
      `at most timeoutSeconds / (attempts + 1) = ${Math.floor(r.timeoutSeconds / (r.attempts + 1))} (every try must fit in the route timeout)`,
    );
  const gw = ctx.gatewayProxyTimeoutSeconds;
  if (gw !== undefined && r.timeoutSeconds > gw)
    add(
      ".routes.timeoutSeconds",
      r.timeoutSeconds,
      `at most platform:gateway.proxyTimeoutSeconds (${gw}): nginx would give up before the mesh answers`,
    );
  if (mesh.waypoint.minReplicas > mesh.waypoint.maxReplicas)
    add(
      ".waypoint.minReplicas",
      mesh.waypoint.minReplicas,
      `at most waypoint.maxReplicas (${mesh.waypoint.maxReplicas})`,
    );
  if (mesh.mtls !== "STRICT" && (ctx.environment === "prod" || ctx.environment === "staging"))
    add(".mtls", mesh.mtls, `"STRICT" in ${ctx.environment} (plaintext between pods is refused outside dev)`);
  if (ctx.services) {
    const all = new Map(ctx.services.map((s) => [s.name, s.kind]));
    for (const [caller, callees] of Object.entries(mesh.calls)) {
      if (!all.has(caller))
        add(`.calls.${caller}`, caller, `a service in platform:services (${[...all.keys()].join(", ")})`);
      callees.forEach((callee, i) => {
        if (all.get(callee) !== "web")
          add(`.calls.${caller}[${i}]`, callee, "a web service in platform:services (workers have no Service to call)");
      });
    }
  }
  return issues;
}
