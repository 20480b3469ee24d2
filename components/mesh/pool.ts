/**
 * The waypoint's connection pool per service, derived from the one demand model. Istio applies a
 * DestinationRule's connectionPool per client proxy, i.e. per waypoint replica (istio.io
 * DestinationRule reference, ConnectionPoolSettings, read 2026-12-07), so a fixed 100
 * connections with 2 waypoints caps a service at 200 requests in flight per region whatever the
 * traffic. Here:
 * - region concurrency (Little's law) = the region's share of the design peak x the design
 *   latency; with one region lost its traffic spreads over the others, so the share is
 *   peakRps / (regions - 1) (peakRps with one region). A service may take all of it (a hot route).
 * - a selected load test holds its VUs in flight at once (closed model): the largest counts.
 * - per-replica limit = ceil(concurrency x (1 + headroom) / waypoint minReplicas): the pool is
 *   sized at the fewest replicas, so scaling out only adds room; headroom covers the scale-up lag.
 * maxConnections and http2MaxRequests (Envoy max_requests, which caps HTTP/1.1 too) are the
 * per-replica limit; http1MaxPendingRequests queues one more pool's worth while the waypoint
 * scales out, instead of answering 503 at once.
 */
export const POOL_HEADROOM = 0.5;
/** Seed 003's latency objective: P95 < 100 ms, the time a request holds its slot at design load. */
export const DESIGN_LATENCY_SECONDS = 0.1;

export interface PoolDemand {
  /** The demand model's design peak (config.demand.peakRps), all regions together. */
  peakRps: number;
  regions: number;
  /** The largest selected k6 scenario's VUs (0 without load tests). */
  loadTestVus: number;
  /** The waypoint's HPA minimum. */
  waypointMinReplicas: number;
}

export interface PoolLimits {
  /** Requests in flight per region for one service, before headroom. */
  concurrency: number;
  perReplica: number;
  maxConnections: number;
  http1MaxPendingRequests: number;
  http2MaxRequests: number;
}

export function derivePool(d: PoolDemand): PoolLimits {
  const regionRps = d.peakRps / Math.max(1, d.regions - 1);
  const concurrency = Math.max(Math.ceil(regionRps * DESIGN_LATENCY_SECONDS), d.loadTestVus);
  const perReplica = Math.ceil((concurrency * (1 + POOL_HEADROOM)) / d.waypointMinReplicas);
  return {
    concurrency,
    perReplica,
    maxConnections: perReplica,
    http1MaxPendingRequests: perReplica,
    http2MaxRequests: perReplica,
  };
}

/** Explicit pool keys below what the demand needs: one line each, naming the key, the value and the minimum. */
export function poolProblems(
  explicit: Partial<Record<"maxConnections" | "http1MaxPendingRequests" | "http2MaxRequests", number>>,
  derived: PoolLimits,
): string[] {
  const out: string[] = [];
  for (const key of ["maxConnections", "http1MaxPendingRequests", "http2MaxRequests"] as const) {
    const v = explicit[key];
    if (v !== undefined && v < derived[key])
      out.push(
        `platform:mesh.connectionPool.${key}: got ${v}; expected at least ${derived[key]} ` +
          `(${derived.concurrency} requests in flight per region x ${1 + POOL_HEADROOM} / waypoint minReplicas), or omit it to derive`,
      );
  }
  return out;
}

/** Whether `vus` requests in flight fit the pools of the waypoint's minimum replicas without a 503. */
export function fits(
  limits: Pick<PoolLimits, "maxConnections" | "http1MaxPendingRequests">,
  minReplicas: number,
  vus: number,
): boolean {
  return minReplicas * limits.maxConnections >= vus;
}
