import { ConfigIssue } from "./errors";
import type { ParsedSections } from "./schema";
import { cpuMillis, duplicates, memoryBytes } from "./primitives";
import { edgeIssues } from "./sections/edge";
import { meshIssues } from "./sections/mesh";
import { dataIssues } from "./sections/data-rules";
import { dataSystemIssues } from "./sections/data-systems";
import { clusterIssues } from "./sections/cluster";
import { regionIssues } from "./sections/core-rules";
import { chaosIssues } from "./sections/operations-rules";
import { jenkinsIssues } from "./sections/jenkins";
import { failoverIssues } from "../failover/config";
import { autoscalingIssues } from "./sections/autoscaling-rules";
import { domainIssues } from "./domain-checks";
import { imageIssues, platformImages } from "./images";
import { replicaBounds } from "./sections/replicas";
import { resolveSecurity } from "./sections/security";
import { isKedaCron } from "./chaos-schedule";

type Partial<T> = { [K in keyof T]?: T[K] };
type Add = (path: string, value: unknown, expected: string) => void;

/** Keys of the Pulumi namespace, so paths read the way users write them. */
const key = (section: string, rest = "") => `platform:${section}${rest}`;

const MAX_AURORA_SECONDARIES = 5;
const MAX_CACHE_SECONDARIES = 2;
const ROUTE_CHARS_RE = /^\/[A-Za-z0-9._~/%:@!&'()*+,=-]*$/;

/**
 * Cross-field rules a per-key schema cannot express. Runs on whichever sections
 * parsed, so one report carries every problem.
 */
export function semanticIssues(c: Partial<ParsedSections>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add: Add = (path, value, expected) => issues.push({ path, value, expected });
  const regionNames = c.regions?.map((r) => r.name) ?? [];
  const primary = c.primaryRegion ?? regionNames[0];

  regionIssues(c).forEach((i) => add(i.path, i.value, i.expected));
  if (c.regions && c.primaryRegion !== undefined && !regionNames.includes(c.primaryRegion)) {
    add(key("primaryRegion"), c.primaryRegion, `one of the configured regions (${regionNames.join(", ")})`);
  }
  if (c.cluster) checkCluster(c, add);
  if (c.karpenter) {
    duplicates(c.karpenter.nodePools.map((p) => p.name)).forEach((name) =>
      add(
        key("karpenter", `.nodePools[${c.karpenter!.nodePools.findIndex((p) => p.name === name)}].name`),
        name,
        "a unique NodePool name",
      ),
    );
  }
  if (c.database && c.regions) {
    const secondaries = c.database.secondaryRegions;
    if (secondaries) checkSecondaries("database", secondaries, regionNames, primary, MAX_AURORA_SECONDARIES, add);
    if (c.database.readers.min > c.database.readers.max) {
      add(key("database", ".readers.min"), c.database.readers.min, `at most readers.max (${c.database.readers.max})`);
    }
    const multiRegion = (secondaries ?? regionNames.filter((r) => r !== primary)).length > 0;
    if (multiRegion && /^db\.t\d/.test(c.database.instanceClass)) {
      add(
        key("database", ".instanceClass"),
        c.database.instanceClass,
        "a non-burstable class (db.r*/db.x*): Aurora Global Database does not support db.t*",
      );
    }
  }
  if (c.cache && c.regions) {
    const secondaries = c.cache.secondaryRegions;
    if (secondaries) checkSecondaries("cache", secondaries, regionNames, primary, MAX_CACHE_SECONDARIES, add);
    const global = c.cache.global ?? regionNames.length > 1;
    if (global && /^cache\.t\d/.test(c.cache.nodeType)) {
      add(
        key("cache", ".nodeType"),
        c.cache.nodeType,
        "a non-burstable node type (cache.m*/cache.r*): Global Datastore does not support cache.t*",
      );
    }
    if (c.cache.global && regionNames.length < 2)
      add(key("cache", ".global"), true, "false with a single region (a Global Datastore needs a second region)");
  }
  dataIssues(c).forEach((i) => add(i.path, i.value, i.expected));
  dataSystemIssues(c).forEach((i) => add(i.path, i.value, i.expected));
  domainIssues(c).forEach((i) => add(i.path, i.value, i.expected));
  if (c.services) checkServices(c, add);
  if (c.gateway) {
    if (c.gateway.minReplicas > c.gateway.maxReplicas)
      add(
        key("gateway", ".minReplicas"),
        c.gateway.minReplicas,
        `at most gateway.maxReplicas (${c.gateway.maxReplicas})`,
      );
    if (c.gateway.listenPort === c.gateway.statusPort)
      add(key("gateway", ".statusPort"), c.gateway.statusPort, "a port different from gateway.listenPort");
    checkRequestsWithinLimits("gateway", "", c.gateway.resources, add);
  }
  if (c.autoscaling) {
    const { hpa, keda } = c.autoscaling;
    if (hpa.minReplicas > hpa.maxReplicas)
      add(
        key("autoscaling", ".hpa.minReplicas"),
        hpa.minReplicas,
        `at most autoscaling.hpa.maxReplicas (${hpa.maxReplicas})`,
      );
    if (keda.minReplicas > keda.maxReplicas)
      add(
        key("autoscaling", ".keda.minReplicas"),
        keda.minReplicas,
        `at most autoscaling.keda.maxReplicas (${keda.maxReplicas})`,
      );
    for (const f of ["start", "end"] as const) {
      // KEDA's cron scaler parses five fields only (no descriptors, no seconds), each within its range.
      if (!isKedaCron(keda.businessHours[f]))
        add(
          key("autoscaling", `.keda.businessHours.${f}`),
          keda.businessHours[f],
          'a 5-field cron expression KEDA parses, like "0 9 * * 1-5" (minute 0-59, hour 0-23, day 1-31, month 1-12 or jan-dec, weekday 0-6 or sun-sat; no @ descriptors)',
        );
    }
  }
  chaosIssues(c).forEach((i) => add(i.path, i.value, i.expected));
  jenkinsIssues(c).forEach((i) => add(i.path, i.value, i.expected));
  failoverIssues(c).forEach((i) => add(i.path, i.value, i.expected));
  autoscalingIssues(c).forEach((i) => add(i.path, i.value, i.expected));
  if (c.edge) edgeIssues(c.edge, c.environment).forEach((i) => add(i.path, i.value, i.expected));
  if (c.mesh)
    meshIssues(c.mesh, {
      environment: c.environment,
      gatewayProxyTimeoutSeconds: c.gateway?.proxyTimeoutSeconds,
      services: c.services,
    }).forEach((i) => add(i.path, i.value, i.expected));
  if (c.observability) {
    const routes = c.observability.alertRoutes;
    duplicates(routes.map((r) => r.severity)).forEach((sev) =>
      add(
        key("observability", `.alertRoutes[${routes.map((r) => r.severity).lastIndexOf(sev)}].severity`),
        sev,
        "each severity routed once",
      ),
    );
    // Where aws-alarm-subscriptions is mandatory (staging, prod) an alarm nobody receives is no alarm.
    if ((c.environment === "prod" || c.environment === "staging") && c.observability.alarmEmails.length === 0)
      add(
        key("observability", ".alarmEmails"),
        [],
        `at least one address in ${c.environment} (alarms and critical alerts publish to the region's SNS topic; with no subscriber nobody hears them)`,
      );
  }
  if (c.security && c.environment)
    imageIssues(
      resolveSecurity(c.security, c.environment).images,
      add,
      c.environment === "prod" && c.services && c.gateway
        ? { images: platformImages(c.services, c.gateway, { jenkins: c.jenkins, batch: c.batch }) }
        : undefined,
    );
  return issues;
}

function checkCluster(c: Partial<ParsedSections>, add: Add): void {
  const cl = c.cluster!;
  const ng = cl.systemNodeGroup;
  if (ng.minSize > ng.maxSize)
    add(key("cluster", ".systemNodeGroup.minSize"), ng.minSize, `at most systemNodeGroup.maxSize (${ng.maxSize})`);
  if (ng.desiredSize < ng.minSize || ng.desiredSize > ng.maxSize)
    add(
      key("cluster", ".systemNodeGroup.desiredSize"),
      ng.desiredSize,
      `between minSize (${ng.minSize}) and maxSize (${ng.maxSize})`,
    );
  for (const i of clusterIssues(cl, c.environment)) add(i.path, i.value, i.expected);
  for (const required of ["api", "audit", "authenticator"] as const) {
    if (!cl.logTypes.includes(required))
      add(key("cluster", ".logTypes"), cl.logTypes, `a list including "${required}" (always on)`);
  }
}

function checkSecondaries(
  section: string,
  list: string[],
  regions: string[],
  primary: string | undefined,
  max: number,
  add: Add,
): void {
  list.forEach((r, i) => {
    const at = key(section, `.secondaryRegions[${i}]`);
    if (r === primary) add(at, r, "a region other than the primary region (the primary holds the writer)");
    else if (!regions.includes(r)) add(at, r, `one of the configured regions (${regions.join(", ")})`);
  });
  duplicates(list).forEach((r) => add(key(section, ".secondaryRegions"), r, "each region listed once"));
  if (list.length > max) add(key(section, ".secondaryRegions"), list, `at most ${max} secondary regions (AWS limit)`);
}

function checkRequestsWithinLimits(
  section: string,
  at: string,
  res: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } },
  add: Add,
): void {
  if (cpuMillis(res.requests.cpu) > cpuMillis(res.limits.cpu))
    add(
      key(section, `${at}.resources.requests.cpu`),
      res.requests.cpu,
      `at most resources.limits.cpu (${res.limits.cpu})`,
    );
  if (memoryBytes(res.requests.memory) > memoryBytes(res.limits.memory))
    add(
      key(section, `${at}.resources.requests.memory`),
      res.requests.memory,
      `at most resources.limits.memory (${res.limits.memory})`,
    );
}

function checkServices(c: Partial<ParsedSections>, add: Add): void {
  const services = c.services!;
  const owner = new Map<string, string>();
  duplicates(services.map((s) => s.name)).forEach((n) => add(key("services"), n, "unique service names"));
  services.forEach((s, i) => {
    const at = `[${i}]`;
    checkRequestsWithinLimits("services", at, s.resources, add);
    const { hpa, keda } = s.autoscaling;
    if (hpa && keda)
      add(
        key("services", `${at}.autoscaling`),
        { hpa, keda },
        "either hpa or keda, not both (KEDA refuses a target an HPA already scales)",
      );
    // The range the manifests will render (defaults filled in), or the service's own values while
    // platform:autoscaling itself is invalid. Reported at the key the service set; a range made only of
    // platform defaults is reported at those defaults (and mesh floors by autoscaling-rules.ts).
    const own = hpa ?? keda;
    const range = c.autoscaling
      ? replicaBounds(s, c.autoscaling)
      : own && { kind: hpa ? "hpa" : "keda", min: own.minReplicas ?? 0, max: own.maxReplicas ?? Infinity };
    const where = (field: string) => key("services", `${at}.autoscaling.${range!.kind}.${field}`);
    if (own && range && range.min > range.max) {
      if (own.minReplicas !== undefined) add(where("minReplicas"), range.min, `at most maxReplicas (${range.max})`);
      else if (!keda?.mesh) add(where("maxReplicas"), range.max, `at least minReplicas (${range.min})`);
    }
    if (keda) {
      const mesh = keda.mesh;
      if (!keda.sqsQueueLength && !keda.prometheus && !keda.businessHours && !mesh && !keda.kafka)
        add(
          key("services", `${at}.autoscaling.keda`),
          keda,
          "at least one trigger: sqsQueueLength, prometheus, businessHours or mesh",
        );
      if (keda.sqsQueueLength && !s.uses.queue && s.kind !== "worker")
        add(key("services", `${at}.uses.queue`), s.uses.queue, "true when scaling on an SQS queue");
    }
    if (s.kind === "worker" && s.routes.length > 0)
      add(key("services", `${at}.routes`), s.routes, "no routes for a worker (workers have no Service)");
    s.routes.forEach((route, j) => {
      const rat = key("services", `${at}.routes[${j}]`);
      if (!route.startsWith("/")) add(rat, route, 'a path prefix starting with "/"');
      // The route becomes an nginx location: anything nginx reads as syntax must not reach it.
      else if (!ROUTE_CHARS_RE.test(route))
        add(rat, route, 'a path prefix of URL characters (no spaces, quotes, ";", "$", "#" or braces)');
      else if (!route.endsWith("/"))
        add(rat, route, 'a path prefix ending with "/" (so /api/v1/users does not also match /api/v1/users-admin)');
      const prev = owner.get(route);
      if (prev !== undefined && prev !== s.name)
        add(rat, route, `a route no other service claims (already routed to ${prev})`);
      owner.set(route, s.name);
    });
  });
  if (services.some((s) => s.kind === "web") && !owner.has("/"))
    add(key("services"), [...owner.keys()], 'one service owning the "/" route (the default, e.g. frontend)');
}
