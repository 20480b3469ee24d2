/**
 * The gateway's nginx settings as plain values, the seed defaults, and the checks that run
 * before anything is rendered. `nginx.ts` turns a valid plan into nginx.conf text.
 */

/** One upstream block. With a single ClusterIP Service as server, kube-proxy does the balancing
 *  and nginx ignores max_fails/fail_timeout; list pod or headless-Service addresses to get
 *  real least_conn and passive health checks. */
export interface GatewayUpstream {
  /** nginx upstream name (letters, digits, "_", "-"); routes refer to it. */
  name: string;
  /** At least one server; host is a DNS name or IP resolved once when nginx starts. */
  servers: { host: string; port: number }[];
  /** Failed attempts within failTimeoutSeconds before a server is skipped. Seed: 3. */
  maxFails: number;
  /** Window for maxFails and how long the server is then skipped, seconds. Seed: 30. */
  failTimeoutSeconds: number;
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
  /** proxy_connect/send/read timeouts, seconds. Seed: 30. */
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
    maxFails: 3,
    failTimeoutSeconds: 30,
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
    shutdownTimeoutSeconds: 25,
    ...overrides,
  };
}

const SIZE = /^[0-9]+[kKmMgG]?$/;
const TIME = /^[0-9]+(ms|s|m|h|d|w|M|y)?$/;
const NAME = /^[A-Za-z0-9_-]+$/;
// Anything nginx would read as syntax (space, quote, ';', braces, '$', '#') must not reach the config.
const URI_PREFIX = /^\/[A-Za-z0-9._~/%:@!&'()*+,=-]*$/;
const HOST = /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/;
const CIDR4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const CIDR6 = /^[0-9A-Fa-f:]+\/(\d{1,3})$/;

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

/**
 * Every problem with a plan, each as `field: got VALUE; expected WHAT`. Empty when the plan can
 * be rendered. Checks what nginx would reject at start-up (or silently mis-route) so the error
 * appears at plan time instead of in a crash-looping pod.
 */
export function validateGatewayPlan(plan: GatewayPlan): string[] {
  const errors: string[] = [];
  const bad = (field: string, value: unknown, expected: string) =>
    errors.push(`${field}: got ${show(value)}; expected ${expected}`);
  const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) =>
    typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

  for (const field of ["listenPort", "statusPort"] as const) {
    if (!isInt(plan[field], 1024, 65535)) {
      bad(field, plan[field], "an integer port from 1024 to 65535 (nginx runs as non-root)");
    }
  }
  if (plan.listenPort === plan.statusPort) {
    bad("statusPort", plan.statusPort, `a port different from listenPort (${plan.listenPort})`);
  }
  if (plan.listenAddress !== undefined && !HOST.test(plan.listenAddress)) {
    bad("listenAddress", plan.listenAddress, "an IP address or host name");
  }
  if (!isInt(plan.listenBacklog, 1, 65535)) bad("listenBacklog", plan.listenBacklog, "an integer from 1 to 65535");
  if (plan.workerProcesses !== "auto" && !isInt(plan.workerProcesses, 1, 1024)) {
    bad("workerProcesses", plan.workerProcesses, '"auto" or an integer from 1 to 1024');
  }
  if (!isInt(plan.workerConnections, 64, 1048576)) {
    bad("workerConnections", plan.workerConnections, "an integer from 64 to 1048576");
  } else if (!isInt(plan.workerRlimitNofile, 2 * plan.workerConnections, 1048576)) {
    bad(
      "workerRlimitNofile",
      plan.workerRlimitNofile,
      `an integer of at least 2 x workerConnections (${2 * plan.workerConnections}) and at most 1048576: each proxied client holds two sockets`,
    );
  }
  for (const field of ["keepaliveTimeoutSeconds", "proxyTimeoutSeconds", "shutdownTimeoutSeconds"] as const) {
    if (!isInt(plan[field], 1, 3600)) bad(field, plan[field], "an integer number of seconds from 1 to 3600");
  }
  if (!isInt(plan.upstreamKeepalive, 0, 10000)) {
    bad("upstreamKeepalive", plan.upstreamKeepalive, "an integer from 0 (disabled) to 10000");
  }
  if (!isInt(plan.gzipMinLength, 0)) bad("gzipMinLength", plan.gzipMinLength, "a non-negative integer (bytes)");
  plan.gzipTypes.forEach((t, i) => {
    if (!/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(t)) bad(`gzipTypes[${i}]`, t, 'a MIME type like "application/json"');
  });
  if (!SIZE.test(plan.clientMaxBodySize)) bad("clientMaxBodySize", plan.clientMaxBodySize, 'an nginx size like "50m"');
  if (!TIME.test(plan.mediaExpires)) bad("mediaExpires", plan.mediaExpires, 'an nginx time like "30d"');

  for (const field of ["healthPath", "statusPath"] as const) {
    if (!URI_PREFIX.test(plan[field]))
      bad(field, plan[field], 'a path starting with "/" without spaces, quotes, ";", "$" or braces');
  }

  const names = new Set<string>();
  plan.upstreams.forEach((u, i) => {
    const at = `upstreams[${i}]`;
    if (!NAME.test(u.name)) bad(`${at}.name`, u.name, 'letters, digits, "_" or "-"');
    else if (names.has(u.name)) bad(`${at}.name`, u.name, "a name not used by another upstream");
    names.add(u.name);
    if (u.servers.length === 0) bad(`${at}.servers`, u.servers, "at least one { host, port }");
    u.servers.forEach((s, j) => {
      if (!HOST.test(s.host)) bad(`${at}.servers[${j}].host`, s.host, "a DNS name or IP address");
      if (!isInt(s.port, 1, 65535)) bad(`${at}.servers[${j}].port`, s.port, "an integer port from 1 to 65535");
    });
    if (!isInt(u.maxFails, 0, 1000)) bad(`${at}.maxFails`, u.maxFails, "an integer from 0 to 1000");
    if (!isInt(u.failTimeoutSeconds, 1, 3600))
      bad(`${at}.failTimeoutSeconds`, u.failTimeoutSeconds, "an integer number of seconds from 1 to 3600");
  });

  const known = `one of the upstream names (${[...names].map((n) => show(n)).join(", ") || "none defined"})`;
  const seen = new Map<string, number>();
  plan.routes.forEach((r, i) => {
    const at = `routes[${i}]`;
    if (!URI_PREFIX.test(r.path)) {
      bad(`${at}.path`, r.path, 'a path starting with "/" without spaces, quotes, ";", "$" or braces');
    } else if (seen.has(r.path)) {
      bad(`${at}.path`, r.path, `a path not already routed by routes[${seen.get(r.path)}]`);
    } else if (r.path === plan.healthPath) {
      bad(`${at}.path`, r.path, `a path other than healthPath, which nginx answers itself`);
    }
    if (!seen.has(r.path)) seen.set(r.path, i);
    if (!names.has(r.upstream)) bad(`${at}.upstream`, r.upstream, known);
    if (!["proxy", "media", "cached"].includes(r.kind)) bad(`${at}.kind`, r.kind, '"proxy", "media" or "cached"');
  });
  if (plan.routes.length === 0) bad("routes", plan.routes, "at least one route");

  if (plan.staticAssets) {
    const s = plan.staticAssets;
    if (!names.has(s.upstream)) bad("staticAssets.upstream", s.upstream, known);
    if (s.extensions.length === 0) bad("staticAssets.extensions", s.extensions, "at least one extension");
    s.extensions.forEach((e, i) => {
      if (!/^[A-Za-z0-9]+$/.test(e))
        bad(`staticAssets.extensions[${i}]`, e, 'letters and digits without the dot, like "png"');
    });
    if (!TIME.test(s.expires)) bad("staticAssets.expires", s.expires, 'an nginx time like "1y"');
  }

  const c = plan.cache;
  if (!c.path.startsWith("/") || /[\s;{}$"']/.test(c.path))
    bad("cache.path", c.path, "an absolute path without spaces or nginx syntax");
  if (!SIZE.test(c.zoneSize)) bad("cache.zoneSize", c.zoneSize, 'an nginx size like "10m"');
  if (!SIZE.test(c.maxSize)) bad("cache.maxSize", c.maxSize, 'an nginx size like "1g"');
  if (!isInt(c.ttlSeconds, 1, 86400 * 365))
    bad("cache.ttlSeconds", c.ttlSeconds, "a positive integer number of seconds");

  if (!plan.runDir.startsWith("/") || /[\s;{}$"']/.test(plan.runDir)) {
    bad("runDir", plan.runDir, "an absolute path without spaces or nginx syntax (a writable emptyDir)");
  }
  if (plan.accessLogPath !== "off" && (!plan.accessLogPath.startsWith("/") || /[\s;{}$"']/.test(plan.accessLogPath))) {
    bad("accessLogPath", plan.accessLogPath, '"off" or an absolute path');
  }
  if (plan.accessLogBuffer !== null && !SIZE.test(plan.accessLogBuffer)) {
    bad("accessLogBuffer", plan.accessLogBuffer, 'null or an nginx size like "64k"');
  }
  if (plan.errorLogPath !== "stderr" && (!plan.errorLogPath.startsWith("/") || /[\s;{}$"']/.test(plan.errorLogPath))) {
    bad("errorLogPath", plan.errorLogPath, '"stderr" or an absolute path');
  }
  plan.trustedProxyCidrs.forEach((cidr, i) => {
    const v4 = CIDR4.exec(cidr);
    const ok = v4
      ? v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32
      : CIDR6.test(cidr) && cidr.includes(":") && Number(cidr.split("/")[1]) <= 128;
    if (!ok) bad(`trustedProxyCidrs[${i}]`, cidr, 'an IPv4 or IPv6 CIDR like "10.0.0.0/16"');
  });
  return errors;
}
