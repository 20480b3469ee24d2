/**
 * The gateway's nginx settings as plain values, the seed defaults, and the checks that run
 * before anything is rendered. `nginx.ts` turns a valid plan into nginx.conf text.
 */
import { ORIGIN_VERIFY_HEADER } from "../edge/names";

/**
 * One upstream block: the Service's ClusterIP name and port. Balancing and passive health
 * checks are not nginx's job here. With a single server nginx never marks it down, so seed
 * 000's `least_conn` and `max_fails=3 fail_timeout=30s` were inert and are not rendered; the
 * mesh's waypoint balances per request and ejects failing pods (outlier detection,
 * components/mesh). The block exists for upstream keep-alive.
 */
export interface GatewayUpstream {
  /** nginx upstream name (letters, digits, "_", "-"); routes refer to it. */
  name: string;
  /** At least one server; host is a DNS name or IP resolved once when nginx starts. */
  servers: { host: string; port: number }[];
}

/**
 * How a route is proxied:
 * - "proxy": plain reverse proxy.
 * - "media": plus `expires` and `Cache-Control: public, immutable` (user uploads never change URL).
 * - "cached": plus the shared proxy_cache (GET/HEAD 200s for cache.ttlSeconds).
 */
export type GatewayRouteKind = "proxy" | "media" | "cached";

export interface GatewayRoute {
  /** URI prefix, starting with "/". "/" is the catch-all; every other prefix wins over the
   *  static-asset regex so e.g. /media/avatars/a.png still reaches its own service. */
  path: string;
  /** Name of an entry in `upstreams`. */
  upstream: string;
  kind: GatewayRouteKind;
}

export interface GatewayCache {
  /** Cache directory. Its parent must exist and be writable (an emptyDir with a read-only root). */
  path: string;
  /** keys_zone shared-memory size, nginx size syntax ("10m" holds ~80k keys). */
  zoneSize: string;
  /** Disk cap for cached bodies, nginx size syntax. */
  maxSize: string;
  /** How long a 200 stays fresh, seconds. Seed: 300 (5m). */
  ttlSeconds: number;
}

/** Regex location for front-end assets, proxied to the front-end with a long expiry. */
export interface GatewayStaticAssets {
  upstream: string;
  /** File extensions without the dot. */
  extensions: string[];
  /** nginx time, seed "1y". */
  expires: string;
}

/** Everything needed to render the gateway's nginx.conf. All values are plain; no Outputs. */
export interface GatewayPlan {
  /** Address for the public listener; omit to listen on all addresses (pod IP). */
  listenAddress?: string;
  /** Public port, unprivileged because nginx runs as non-root. Default 8080. */
  listenPort: number;
  /** Accept queue length; the kernel caps it at net.core.somaxconn. Default 4096 so a burst of
   *  thousands of new connections is queued instead of dropped. */
  listenBacklog: number;
  /** stub_status listener bound to 127.0.0.1 for the nginx-prometheus-exporter sidecar. Default 8081. */
  statusPort: number;
  /** Path of stub_status on statusPort. Default "/stub_status". */
  statusPath: string;
  /** Answered by nginx itself with 200 (ALB target group and Route53 checks). Default "/health". */
  healthPath: string;
  /** "auto" = one per CPU nginx sees. Pin a number when the pod's CPU limit is far below the node's CPUs. */
  workerProcesses: number | "auto";
  /** Per worker. A proxied client holds two sockets (client + upstream), so 20480 lets even a
   *  single worker carry 10,000 concurrent clients. */
  workerConnections: number;
  /** Open-file limit per worker; at least 2 x workerConnections (sockets plus cache/temp files). */
  workerRlimitNofile: number;
  /** Client keep-alive, seconds. Seed: 65. */
  keepaliveTimeoutSeconds: number;
  /** Largest request body, nginx size syntax. Seed: "50m"; larger bodies get 413. */
  clientMaxBodySize: string;
  /** proxy_connect/send/read timeouts, seconds. Seed: 30. The mesh's per-route timeout
   *  (components/mesh) must not exceed it, so the waypoint answers 504 before nginx gives up. */
  proxyTimeoutSeconds: number;
  /** Idle keep-alive connections kept per worker per upstream; 0 disables upstream keep-alive. */
  upstreamKeepalive: number;
  /** Responses shorter than this (bytes, from Content-Length) are not gzipped. */
  gzipMinLength: number;
  /** MIME types gzipped in addition to text/html. */
  gzipTypes: string[];
  /** nginx time for "media" routes. Seed: "30d". */
  mediaExpires: string;
  upstreams: GatewayUpstream[];
  routes: GatewayRoute[];
  /** null = no static-asset regex location. */
  staticAssets: GatewayStaticAssets | null;
  cache: GatewayCache;
  /** Writable directory (emptyDir) for the pid file and temp files; must already exist. */
  runDir: string;
  /** Absolute path or "off". Default "/dev/stdout". */
  accessLogPath: string;
  /** Access-log write buffer (nginx size, flushed every second) or null to write each line. */
  accessLogBuffer: string | null;
  /** Absolute path or "stderr". Default "stderr". */
  errorLogPath: string;
  /** CIDRs of the load balancers whose X-Forwarded-For is trusted for the client address. */
  trustedProxyCidrs: string[];
  /**
   * Request headers never passed upstream. Default: the origin-verify header, a secret shared by
   * CloudFront and the ALB that no service needs (a service that logged it would leak it).
   */
  stripRequestHeaders: string[];
  /** How long a worker finishes in-flight requests after SIGQUIT, seconds; keep below the pod's
   *  terminationGracePeriodSeconds. */
  shutdownTimeoutSeconds: number;
}

/** A service as the rest of the platform knows it, with the URI prefixes it owns. */
export interface GatewayService {
  name: string;
  host: string;
  port: number;
  routes: string[];
}

/** Seed 000's routing table. Hosts are the in-cluster Service names; port 8000 for every service. */
export const SEED_GATEWAY_SERVICES: readonly GatewayService[] = Object.freeze([
  { name: "frontend", host: "frontend", port: 8000, routes: ["/"] },
  { name: "user-service", host: "user-service", port: 8000, routes: ["/api/v1/users/", "/media/avatars/"] },
  {
    name: "activity-service",
    host: "activity-service",
    port: 8000,
    routes: ["/api/v1/activities/", "/media/activities/"],
  },
  { name: "notification-service", host: "notification-service", port: 8000, routes: ["/api/v1/notifications/"] },
]);

/** Routes cached by default (seed 000: activities API, 5 minutes). */
export const SEED_CACHED_ROUTES: readonly string[] = ["/api/v1/activities/"];

/** nginx upstream name for a service: underscores keep it visibly distinct from the DNS name. */
export function upstreamName(serviceName: string): string {
  return serviceName.replace(/-/g, "_");
}

/**
 * Builds the seed plan from a service list. Routes under /media/ are "media", routes in
 * `cachedRoutes` are "cached", everything else "proxy". The owner of "/" also serves the
 * static-asset regex. `overrides` replaces top-level fields (e.g. ports, runDir, cache).
 */
export function defaultGatewayPlan(
  services: readonly GatewayService[] = SEED_GATEWAY_SERVICES,
  overrides: Partial<GatewayPlan> = {},
  cachedRoutes: readonly string[] = SEED_CACHED_ROUTES,
): GatewayPlan {
  const upstreams: GatewayUpstream[] = services.map((s) => ({
    name: upstreamName(s.name),
    servers: [{ host: s.host, port: s.port }],
  }));
  const routes: GatewayRoute[] = services.flatMap((s) =>
    s.routes.map((path): GatewayRoute => ({
      path,
      upstream: upstreamName(s.name),
      kind: cachedRoutes.includes(path) ? "cached" : path.startsWith("/media/") ? "media" : "proxy",
    })),
  );
  const root = routes.find((r) => r.path === "/");
  return {
    listenPort: 8080,
    listenBacklog: 4096,
    statusPort: 8081,
    statusPath: "/stub_status",
    healthPath: "/health",
    workerProcesses: "auto",
    workerConnections: 20480,
    workerRlimitNofile: 40960,
    keepaliveTimeoutSeconds: 65,
    clientMaxBodySize: "50m",
    proxyTimeoutSeconds: 30,
    upstreamKeepalive: 32,
    gzipMinLength: 1024,
    gzipTypes: [
      "text/plain",
      "text/css",
      "text/javascript",
      "text/xml",
      "application/json",
      "application/javascript",
      "application/xml",
      "application/rss+xml",
      "image/svg+xml",
    ],
    mediaExpires: "30d",
    upstreams,
    routes,
    staticAssets: root
      ? {
          upstream: root.upstream,
          extensions: ["jpg", "jpeg", "png", "gif", "ico", "css", "js", "svg", "woff2"],
          expires: "1y",
        }
      : null,
    cache: { path: "/var/cache/nginx/gateway", zoneSize: "10m", maxSize: "1g", ttlSeconds: 300 },
    runDir: "/tmp",
    accessLogPath: "/dev/stdout",
    accessLogBuffer: "64k",
    errorLogPath: "stderr",
    trustedProxyCidrs: [],
    stripRequestHeaders: [ORIGIN_VERIFY_HEADER],
    shutdownTimeoutSeconds: 25,
    ...overrides,
  };
}
