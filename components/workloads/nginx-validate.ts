/**
 * Checks on a GatewayPlan that run before anything is rendered: what nginx would reject at
 * start-up (or silently mis-route) fails at plan time instead of in a crash-looping pod.
 */
import type { GatewayPlan } from "./nginx-plan";

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
  plan.stripRequestHeaders.forEach((h, i) => {
    // RFC 9110 field names are tokens; anything else would break the proxy_set_header line.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h))
      bad(`stripRequestHeaders[${i}]`, h, "an HTTP header name (RFC 9110 token)");
  });
  plan.trustedProxyCidrs.forEach((cidr, i) => {
    const v4 = CIDR4.exec(cidr);
    const ok = v4
      ? v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32
      : CIDR6.test(cidr) && cidr.includes(":") && Number(cidr.split("/")[1]) <= 128;
    if (!ok) bad(`trustedProxyCidrs[${i}]`, cidr, 'an IPv4 or IPv6 CIDR like "10.0.0.0/16"');
  });
  return errors;
}
