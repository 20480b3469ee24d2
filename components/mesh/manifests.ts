/**
 * The apps namespace's mesh objects as plain manifests: STRICT mTLS, who-may-call-whom
 * AuthorizationPolicies, seed 002's circuit breaker per service, per-route retries/timeouts,
 * the waypoint that applies all of it, and the NetworkPolicies the mesh's ports need.
 */
import type { GatewayConfig, MeshConfig, ServiceConfig } from "../config/types";
import { GATEWAY_SERVICE, NAMESPACES, PROMETHEUS_RELEASE } from "../k8s-names";
import { WAYPOINT_NAME, WAYPOINT_POD_LABEL } from "./values";
import { meshNetworkPolicies } from "./network-policies";
import { derivePool, type PoolDemand, type PoolLimits } from "./pool";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = Record<string, any>;

/** Needs: "istio" = Istio CRDs (base chart); "waypoint" = Gateway API CRDs and istiod's GatewayClass. */
export interface MeshManifest {
  role: string;
  manifest: Manifest;
  needs: "istio" | "waypoint" | "core";
}

const NS = NAMESPACES.apps;
export const TRUST_DOMAIN = "cluster.local";
/** SPIFFE principal (without "spiffe://") of a ServiceAccount, as AuthorizationPolicies match it. */
export const principal = (namespace: string, serviceAccount: string) =>
  `${TRUST_DOMAIN}/ns/${namespace}/sa/${serviceAccount}`;
/** kube-prometheus-stack's Prometheus ServiceAccount (observability/values.ts PROMETHEUS_SERVICE_ACCOUNT). */
export const PROMETHEUS_PRINCIPAL = principal(NAMESPACES.monitoring, `${PROMETHEUS_RELEASE}-prometheus`);
export const GATEWAY_PRINCIPAL = principal(NS, GATEWAY_SERVICE.name);
export const WAYPOINT_PRINCIPAL = principal(NS, WAYPOINT_NAME);
/** Annotation a workload-scoped PeerAuthentication needs to relax mTLS on a port (the policy checks it). */
export const PLAINTEXT_REASON_ANNOTATION = "mesh.platform.io/plaintext-reason";
/** nginx-prometheus-exporter port on the gateway pods (workloads/manifests/gateway.ts EXPORTER_PORT). */
export const GATEWAY_EXPORTER_PORT = 9113;

export const serviceFqdn = (name: string) => `${name}.${NS}.svc.cluster.local`;
const labels = (name: string) => ({
  "app.kubernetes.io/name": name,
  "app.kubernetes.io/part-of": "platform",
  "app.kubernetes.io/component": "mesh",
  "app.kubernetes.io/managed-by": "pulumi",
});
const selectorOf = (name: string) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "platform" });
const meta = (name: string, extra: Manifest = {}) => ({ name, namespace: NS, labels: labels(name), ...extra });
const seconds = (n: number) => `${n}s`;

/** Labels that enrol the apps namespace in ambient and send its Services' traffic through the waypoint. */
export function appsNamespaceLabels(): Record<string, string> {
  return { "istio.io/dataplane-mode": "ambient", "istio.io/use-waypoint": WAYPOINT_NAME };
}

export interface MeshManifestInput {
  mesh: MeshConfig;
  services: readonly ServiceConfig[];
  gateway: GatewayConfig;
  /** The region's VPC range (k6 runners, outside the mesh, load the gateway from pod addresses in it). */
  vpcCidr: string;
  /** The ALB's subnets: the gateway's plaintext listen port admits these (absent: the VPC range). */
  albSubnetCidrs?: readonly string[];
  /** Opt-in k6 load tests run: their runners reach the gateway in plaintext too. */
  loadTestRunners?: boolean;
  /** What the connection pool is derived from (components/mesh/pool.ts); see poolDemandOf. */
  pool?: Omit<PoolDemand, "waypointMinReplicas">;
}

/** Without a demand model (a unit test of the manifests): seed 003's 10,000 rps floor in one region. */
const FLOOR_DEMAND = { peakRps: 10_000, regions: 1, loadTestVus: 0 };

/** The pool's demand: the input's, at the waypoint's minimum replicas. */
export function poolDemandOf(input: Pick<MeshManifestInput, "mesh" | "pool">): PoolDemand {
  return { ...(input.pool ?? FLOOR_DEMAND), waypointMinReplicas: input.mesh.waypoint.minReplicas };
}

/** Callers of each web service: the gateway for every routed service, plus `mesh.calls`. */
export function callersOf(input: Pick<MeshManifestInput, "mesh" | "services">): Map<string, string[]> {
  const callers = new Map<string, string[]>();
  for (const s of input.services.filter((x) => x.kind === "web"))
    callers.set(s.name, s.routes.length > 0 ? [GATEWAY_SERVICE.name] : []);
  for (const [caller, callees] of Object.entries(input.mesh.calls))
    for (const callee of callees) {
      const list = callers.get(callee);
      if (!list)
        throw new Error(`platform:mesh.calls.${caller}: got ${JSON.stringify(callee)}; expected a web service`);
      if (!list.includes(caller)) list.push(caller);
    }
  return callers;
}

function peerAuthentications(mesh: MeshConfig, gateway: GatewayConfig): Manifest[] {
  return [
    {
      apiVersion: "security.istio.io/v1",
      kind: "PeerAuthentication",
      metadata: meta("default"),
      spec: { mtls: { mode: mesh.mtls } },
    },
    {
      // The ALB (target type ip) sends plain HTTP to the gateway pods from outside the mesh.
      apiVersion: "security.istio.io/v1",
      kind: "PeerAuthentication",
      metadata: meta(`${GATEWAY_SERVICE.name}-alb`, {
        annotations: {
          [PLAINTEXT_REASON_ANNOTATION]: "ALB target group (IP targets) sends HTTP from outside the mesh",
        },
      }),
      spec: {
        selector: { matchLabels: selectorOf(GATEWAY_SERVICE.name) },
        mtls: { mode: mesh.mtls },
        portLevelMtls: { [gateway.listenPort]: { mode: "PERMISSIVE" } },
      },
    },
  ];
}

const allow = (name: string, target: Manifest, rules: Manifest[]): Manifest => ({
  apiVersion: "security.istio.io/v1",
  kind: "AuthorizationPolicy",
  metadata: meta(name),
  spec: { ...target, action: "ALLOW", rules },
});
const from = (principals: string[], ports: number[]) => ({
  from: [{ source: { principals } }],
  to: [{ operation: { ports: ports.map(String) } }],
});

/**
 * Default deny (an empty ALLOW-nothing policy), then per web service: at the waypoint (targetRefs
 * the Service) the real callers; at the pods (ztunnel, selector) only the waypoint, which is the
 * peer ztunnel sees once traffic went through it, and Prometheus on the metrics port. The gateway
 * pods take the ALB's plaintext from the VPC on the listen port and Prometheus on the exporter.
 */
function authorizationPolicies(input: MeshManifestInput): Manifest[] {
  const callers = callersOf(input);
  const out: Manifest[] = [
    { apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", metadata: meta("allow-nothing"), spec: {} },
  ];
  for (const s of input.services.filter((x) => x.kind === "web")) {
    const who = (callers.get(s.name) ?? []).map((c) => principal(NS, c));
    if (who.length > 0)
      out.push(
        allow(`${s.name}-callers`, { targetRefs: [{ group: "", kind: "Service", name: s.name }] }, [
          from(who, [s.port]),
        ]),
      );
    out.push(
      allow(`${s.name}-pods`, { selector: { matchLabels: selectorOf(s.name) } }, [
        from([WAYPOINT_PRINCIPAL], [s.port]),
        from([PROMETHEUS_PRINCIPAL], [s.port]),
      ]),
    );
  }
  out.push(
    allow(`${GATEWAY_SERVICE.name}-ingress`, { selector: { matchLabels: selectorOf(GATEWAY_SERVICE.name) } }, [
      {
        from: [{ source: { ipBlocks: plaintextSources(input) } }],
        to: [{ operation: { ports: [String(input.gateway.listenPort)] } }],
      },
      from([PROMETHEUS_PRINCIPAL], [GATEWAY_EXPORTER_PORT]),
    ]),
  );
  return out;
}

/**
 * Who sends the gateway plain HTTP on its listen port: the ALB from its subnets and, with load
 * tests, k6 runners from pod addresses (the workloads' allow-gateway-ingress NetworkPolicy then
 * narrows those to the runner pods). A caller inside the mesh is matched by identity elsewhere.
 */
function plaintextSources(input: MeshManifestInput): string[] {
  const alb = input.albSubnetCidrs?.length ? [...input.albSubnetCidrs] : [input.vpcCidr];
  return input.loadTestRunners ? [...new Set([...alb, input.vpcCidr])] : alb;
}

/**
 * Seed 002's circuit breaker for one service. consecutive5xxErrors 0 switches off Envoy's
 * default 5-consecutive-5xx ejection, which Istio leaves on when the field is unset
 * (pilot/pkg/networking/core/cluster_traffic_policy.go at 1.30.3): the seed ejects on gateway
 * errors (502/503/504) only. maxRequestsPerConnection 0 (unlimited) is omitted, Istio's default.
 */
export function destinationRule(service: ServiceConfig, mesh: MeshConfig, limits: PoolLimits): Manifest {
  const o = mesh.outlierDetection;
  const p = mesh.connectionPool;
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: meta(service.name),
    spec: {
      host: serviceFqdn(service.name),
      trafficPolicy: {
        connectionPool: {
          tcp: { maxConnections: p.maxConnections ?? limits.maxConnections },
          http: {
            http1MaxPendingRequests: p.http1MaxPendingRequests ?? limits.http1MaxPendingRequests,
            http2MaxRequests: p.http2MaxRequests ?? limits.http2MaxRequests,
            ...(p.maxRequestsPerConnection > 0 ? { maxRequestsPerConnection: p.maxRequestsPerConnection } : {}),
            maxRetries: p.maxRetries,
          },
        },
        outlierDetection: {
          consecutiveGatewayErrors: o.consecutiveGatewayErrors,
          consecutive5xxErrors: 0,
          interval: seconds(o.intervalSeconds),
          baseEjectionTime: seconds(o.baseEjectionSeconds),
          maxEjectionPercent: o.maxEjectionPercent,
        },
      },
    },
  };
}

/** One HTTP route per gateway prefix of the service, then a catch-all, each with the route policy. */
export function virtualService(service: ServiceConfig, mesh: MeshConfig): Manifest {
  const r = mesh.routes;
  const policy = {
    timeout: seconds(r.timeoutSeconds),
    retries: { attempts: r.attempts, perTryTimeout: seconds(r.perTryTimeoutSeconds), retryOn: r.retryOn.join(",") },
    route: [{ destination: { host: serviceFqdn(service.name), port: { number: service.port } } }],
  };
  const prefixes = service.routes.filter((p) => p !== "/");
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: meta(service.name),
    spec: {
      hosts: [serviceFqdn(service.name)],
      http: [
        ...prefixes.map((prefix, i) => ({ name: `route-${i}`, match: [{ uri: { prefix } }], ...policy })),
        { name: "default", ...policy },
      ],
    },
  };
}

/** The waypoint options ConfigMap keys Istio 1.30 reads (deploymentcontroller.go supportedOverlays). */
function waypoint(mesh: MeshConfig): Manifest[] {
  const options = `${WAYPOINT_NAME}-options`;
  const hpa = {
    spec: {
      minReplicas: mesh.waypoint.minReplicas,
      maxReplicas: mesh.waypoint.maxReplicas,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
      ],
    },
  };
  const pdb = { spec: { minAvailable: 1 } };
  return [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta(options),
      data: { horizontalPodAutoscaler: JSON.stringify(hpa), podDisruptionBudget: JSON.stringify(pdb) },
    },
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { ...meta(WAYPOINT_NAME), labels: { ...labels(WAYPOINT_NAME), "istio.io/waypoint-for": "service" } },
      spec: {
        gatewayClassName: "istio-waypoint",
        listeners: [{ name: "mesh", port: 15008, protocol: "HBONE" }],
        infrastructure: { parametersRef: { group: "", kind: "ConfigMap", name: options } },
      },
    },
  ];
}

/** Every mesh object of the apps namespace, in apply order. */
export function meshManifests(input: MeshManifestInput): MeshManifest[] {
  const web = input.services.filter((s) => s.kind === "web");
  const out: MeshManifest[] = [];
  const add = (needs: MeshManifest["needs"], m: Manifest) =>
    out.push({ role: `${m.kind.toLowerCase()}-${m.metadata.name}`, manifest: m, needs });
  waypoint(input.mesh).forEach((m) => add(m.kind === "Gateway" ? "waypoint" : "core", m));
  peerAuthentications(input.mesh, input.gateway).forEach((m) => add("istio", m));
  authorizationPolicies(input).forEach((m) => add("istio", m));
  const limits = derivePool(poolDemandOf(input));
  for (const s of web) {
    add("istio", destinationRule(s, input.mesh, limits));
    add("istio", virtualService(s, input.mesh));
  }
  meshNetworkPolicies({
    services: input.services,
    callers: [...new Set([...callersOf(input).values()].flat())],
    gateway: { name: GATEWAY_SERVICE.name, ports: [input.gateway.listenPort, GATEWAY_EXPORTER_PORT] },
  }).forEach((m) => add("core", m));
  return out;
}

export { WAYPOINT_POD_LABEL };
