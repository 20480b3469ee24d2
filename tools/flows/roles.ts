import { CHART_METRIC_PORTS } from "./roles-keda";
import { ISTIO_METRIC_PORTS } from "./roles-istio";
import type { PlanResource } from "../../policies/lib/offline";
import { placed, podEndpoint, podTemplate, subnetGroupIds, type PlanView, type RegionView } from "./endpoints";
import type { Endpoint } from "./types";

/** One resolved side of a flow; `port` / `portName` when the side decides the port (scrape targets, gateway). */
export interface Side {
  endpoint: Endpoint;
  port?: number;
  portName?: string;
  /** A host the apps must be configured with (data-endpoints ConfigMap) for this flow to be the one they use. */
  hosts?: string[];
  /** Why this side cannot be resolved from the plan (becomes the flow's reason). */
  missing?: string;
}

type Labels = Record<string, string>;
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const meta = (r: PlanResource) => (r.inputs.metadata ?? {}) as { name?: string; namespace?: string; labels?: Labels };
const deployments = (rv: RegionView) => rv.k8s.filter((r) => r.type === "kubernetes:apps/v1:Deployment");
const absent = (label: string, missing: string): Side => ({ endpoint: { label }, missing });

/** Pods that use a data store carry its access label (components/workloads/manifests/common.ts ACCESS_LABELS). */
const ACCESS = { database: "workloads.platform.io/database", cache: "workloads.platform.io/cache" } as const;
const GATEWAY = "nginx-gateway";
const PROMETHEUS_POD = { namespace: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" } };

/** Prometheus' pod labels: the chart's, plus what the release's prometheusSpec.podMetadata adds (mesh membership). */
function prometheusPod(rv: RegionView, label: string): Side {
  const r = rv.k8s.find(
    (x) => x.type === "kubernetes:helm.sh/v3:Release" && x.inputs.chart === "kube-prometheus-stack",
  );
  const values = (r?.inputs.values ?? {}) as {
    prometheus?: { prometheusSpec?: { podMetadata?: { labels?: Labels } } };
  };
  const labels = { ...values.prometheus?.prometheusSpec?.podMetadata?.labels, ...PROMETHEUS_POD.labels };
  return { endpoint: podEndpoint(rv, label, PROMETHEUS_POD.namespace, labels, true, r?.urn) };
}

function apiOf(rv: RegionView): Side {
  const c = rv.cluster;
  if (!c) return absent(`${rv.region} cluster API`, "no eks:index:Cluster in this region");
  const i = c.inputs;
  return {
    endpoint: {
      label: `${rv.region} cluster API (${String(i.name)})`,
      urn: c.urn,
      vpc: rv.vpc,
      subnets: strs(i.privateSubnetIds).length ? strs(i.privateSubnetIds) : strs(i.subnetIds),
      eksApi: {
        cluster: rv.region,
        urn: c.urn,
        publicAccess: i.endpointPublicAccess !== false,
        privateAccess: i.endpointPrivateAccess === true,
        publicAccessCidrs: i.endpointPublicAccess === false ? [] : strs(i.publicAccessCidrs ?? ["0.0.0.0/0"]),
      },
    },
  };
}

function deployer(view: PlanView): Side[] {
  const projects = view.of("aws:codebuild/project:Project").filter((p) => p.inputs.vpcConfig);
  if (projects.length > 0)
    return projects.map((p) => {
      const vc = p.inputs.vpcConfig as { vpcId?: string; subnets?: string[]; securityGroupIds?: string[] };
      return {
        endpoint: {
          label: `deployer (CodeBuild ${p.name}, ${p.region})`,
          vpc: vc.vpcId,
          subnets: strs(vc.subnets),
          securityGroups: strs(vc.securityGroupIds),
        },
      };
    });
  // No in-network deployer: the runner is outside every VPC, with the egress CIDRs config declares.
  const cidrs = [...new Set(view.regions.flatMap((rv) => apiOf(rv).endpoint.eksApi?.publicAccessCidrs ?? []))];
  return [{ endpoint: { label: "deployer (runner outside the VPCs)", cidrs } }];
}

function appPods(rv: RegionView, use: keyof typeof ACCESS): Side[] {
  const users = deployments(rv).filter((d) => podTemplate(d).labels[ACCESS[use]] === "true");
  return users.map((d) => {
    const t = podTemplate(d);
    return {
      endpoint: podEndpoint(
        rv,
        `${rv.region} ${meta(d).name} pods`,
        meta(d).namespace ?? "default",
        t.labels,
        t.system,
      ),
    };
  });
}

function rdsCluster(view: PlanView, region: string | undefined): PlanResource | undefined {
  return view.of("aws:rds/cluster:Cluster", region)[0];
}

function database(view: PlanView, rv: RegionView, reader: boolean): Side[] {
  const c = rdsCluster(view, rv.region);
  const label = `${rv.region} Aurora ${reader ? "readers" : "writer (write forwarding on secondaries)"}`;
  if (!c) return [absent(label, `no Aurora cluster in ${rv.region}`)];
  const state = view.refs.state(c);
  const globalEndpoint = view.of("aws:rds/globalCluster:GlobalCluster").map((g) => String(view.refs.state(g).endpoint));
  const hosts = reader
    ? [String(state.readerEndpoint)]
    : [
        String(state.endpoint),
        // A secondary with global write forwarding takes writes on its reader endpoint (AWS:
        // aurora-global-database-connecting.html, "Scaling reads with occasional cross-Region writes").
        ...(c.inputs.enableGlobalWriteForwarding === true ? [String(state.readerEndpoint)] : []),
        ...(rv.region === view.primaryRegion ? globalEndpoint : []),
      ];
  const subnets = subnetGroupIds(view, "aws:rds/subnetGroup:SubnetGroup", c.inputs.dbSubnetGroupName);
  return [{ endpoint: placed(view, label, c, subnets, strs(c.inputs.vpcSecurityGroupIds)), hosts }];
}

function cache(view: PlanView, rv: RegionView, replicas: boolean): Side[] {
  const groups = view.of("aws:elasticache/replicationGroup:ReplicationGroup");
  const primary = groups.find((g) => !g.inputs.globalReplicationGroupId) ?? groups[0];
  const local = groups.find((g) => g.region === rv.region);
  const g = replicas ? (local ?? primary) : primary;
  const label = replicas ? `${g?.region} cache replicas` : `${g?.region} cache primary (Global Datastore writer)`;
  if (!g) return [absent(label, "no ElastiCache replication group")];
  const state = view.refs.state(g);
  const hosts = [String(replicas ? state.readerEndpointAddress : state.primaryEndpointAddress)];
  // The cache writer name that follows a promotion (components/failover/writer-dns.ts) answers this endpoint.
  if (!replicas)
    for (const r of view.of("aws:route53/record:Record"))
      if (r.inputs.type === "CNAME" && strs(r.inputs.records).includes(hosts[0])) hosts.push(String(r.inputs.name));
  const subnets = subnetGroupIds(view, "aws:elasticache/subnetGroup:SubnetGroup", g.inputs.subnetGroupName);
  return [{ endpoint: placed(view, label, g, subnets, strs(g.inputs.securityGroupIds)), hosts }];
}

function albs(view: PlanView, rv: RegionView): Side[] {
  return view.of("aws:lb/loadBalancer:LoadBalancer", rv.region).map((lb) => ({
    endpoint: {
      ...placed(view, `${rv.region} ALB`, lb, strs(lb.inputs.subnets), strs(lb.inputs.securityGroups)),
      internetFacing: lb.inputs.internal !== true,
    },
  }));
}

function gatewayPods(rv: RegionView): Side[] {
  const d = deployments(rv).find((x) => meta(x).name === GATEWAY);
  if (!d) return [absent(`${rv.region} gateway pods`, "no gateway Deployment")];
  const t = podTemplate(d);
  const ep = podEndpoint(rv, `${rv.region} gateway pods`, meta(d).namespace ?? "default", t.labels, t.system, d.urn);
  return [{ endpoint: ep, port: t.ports.get("http"), portName: "http" }];
}

/** Every endpoint of every ServiceMonitor: the Services it selects, their pods and target ports. */
function scrapeTargets(rv: RegionView): Side[] {
  const monitors = rv.k8s.filter((r) => r.type === "kubernetes:monitoring.coreos.com/v1:ServiceMonitor");
  const services = rv.k8s.filter((r) => r.type === "kubernetes:core/v1:Service");
  const out: Side[] = [];
  for (const m of monitors) {
    const spec = (m.inputs.spec ?? {}) as {
      selector?: { matchLabels?: Labels };
      namespaceSelector?: { matchNames?: string[] };
      endpoints?: { port?: string }[];
    };
    const namespaces = spec.namespaceSelector?.matchNames ?? [meta(m).namespace ?? "default"];
    const want = spec.selector?.matchLabels ?? {};
    const svc = services.find(
      (s) =>
        namespaces.includes(meta(s).namespace ?? "default") &&
        Object.entries(want).every(([k, v]) => meta(s).labels?.[k] === v),
    );
    for (const ep of spec.endpoints ?? []) {
      const label = `${rv.region} ${meta(m).name} scrape target (${ep.port})`;
      if (!svc) {
        // A chart's Service (Karpenter, KEDA): its pods are not planned; namespace, labels and the chart's port.
        const chart = want["app.kubernetes.io/name"] ?? want.app;
        const port = { ...CHART_METRIC_PORTS, ...ISTIO_METRIC_PORTS }[`${chart}/${ep.port}`];
        out.push({ endpoint: podEndpoint(rv, label, namespaces[0], want, true, m.urn), port, portName: ep.port });
        continue;
      }
      const sspec = (svc.inputs.spec ?? {}) as {
        selector?: Labels;
        ports?: { name?: string; port: number; targetPort?: number | string }[];
      };
      const sp = sspec.ports?.find((p) => p.name === ep.port);
      const d = deployments(rv).find((x) =>
        Object.entries(sspec.selector ?? {}).every(([k, v]) => podTemplate(x).labels[k] === v),
      );
      if (!sp || !d) {
        out.push(absent(label, `Service ${meta(svc).name} has no port "${ep.port}" or no Deployment behind it`));
        continue;
      }
      const t = podTemplate(d);
      const port = typeof sp.targetPort === "number" ? sp.targetPort : t.ports.get(String(sp.targetPort ?? sp.name));
      const name = typeof sp.targetPort === "string" ? sp.targetPort : undefined;
      const pod = podEndpoint(rv, label, meta(d).namespace ?? "default", t.labels, t.system, svc.urn);
      out.push({ endpoint: pod, port, portName: name });
    }
  }
  return out;
}

/**
 * The ambient mesh's pods (components/mesh): the waypoint (pods istiod renders from the planned
 * istio-waypoint Gateway, label gateway.networking.k8s.io/gateway-name) and istiod. Empty where no
 * waypoint is planned (mesh disabled), so the mesh flows only exist with the mesh.
 */
function waypointPods(rv: RegionView): Side[] {
  const gws = rv.k8s.filter(
    (r) =>
      r.type === "kubernetes:gateway.networking.k8s.io/v1:Gateway" &&
      (r.inputs.spec as { gatewayClassName?: string } | undefined)?.gatewayClassName === "istio-waypoint",
  );
  return gws.map((g) => ({
    endpoint: podEndpoint(
      rv,
      `${rv.region} waypoint ${meta(g).name} pods`,
      meta(g).namespace ?? "default",
      // istio-discovery files/waypoint.yaml at 1.30.3: the gateway name, and out of the mesh's capture.
      { "gateway.networking.k8s.io/gateway-name": String(meta(g).name), "istio.io/dataplane-mode": "none" },
      false,
      g.urn,
    ),
  }));
}

/** Web services' pods in meshed namespaces (the waypoint forwards to them as HBONE). */
function meshedWebPods(rv: RegionView): Side[] {
  if (waypointPods(rv).length === 0) return [];
  return deployments(rv)
    .filter((d) => podTemplate(d).labels["app.kubernetes.io/component"] === "web")
    .map((d) => ({
      endpoint: podEndpoint(
        rv,
        `${rv.region} ${meta(d).name} pods`,
        meta(d).namespace ?? "default",
        podTemplate(d).labels,
        podTemplate(d).system,
        d.urn,
      ),
    }));
}

export type RoleResolver = (view: PlanView, rv: RegionView) => Side[];

/** The endpoints the required flows name (tools/flows/required.ts), resolved per region from the plan. */
export const ROLES: Record<string, RoleResolver> = {
  deployer: (view) => deployer(view),
  "cluster-api": (_v, rv) => [apiOf(rv)],
  "app-pods:database": (_v, rv) => appPods(rv, "database"),
  "app-pods:cache": (_v, rv) => appPods(rv, "cache"),
  "database-writer": (v, rv) => database(v, rv, false),
  "database-readers": (v, rv) => database(v, rv, true),
  "cache-primary": (v, rv) => cache(v, rv, false),
  "cache-replicas": (v, rv) => cache(v, rv, true),
  alb: (v, rv) => albs(v, rv),
  "gateway-pods": (_v, rv) => gatewayPods(rv),
  cloudfront: (v) => [
    {
      endpoint: {
        label: "CloudFront origin-facing servers",
        prefixLists: [v.prefixList("com.amazonaws.global.cloudfront.origin-facing")],
      },
    },
  ],
  "route53-health-checkers": (v, rv) => [
    {
      endpoint: {
        label: `Route53 health checkers (${rv.region} list)`,
        prefixLists: [v.prefixList(`com.amazonaws.${rv.region}.route53-healthchecks`)],
      },
    },
  ],
  prometheus: (_v, rv) => [prometheusPod(rv, `${rv.region} Prometheus`)],
  "scrape-targets": (_v, rv) => scrapeTargets(rv),
  "waypoint-pods": (_v, rv) => waypointPods(rv),
  "meshed-web-pods": (_v, rv) => meshedWebPods(rv),
  "mesh-gateway-pods": (_v, rv) => (waypointPods(rv).length > 0 ? gatewayPods(rv) : []),
  "mesh-prometheus": (_v, rv) => (waypointPods(rv).length > 0 ? [prometheusPod(rv, `${rv.region} Prometheus`)] : []),
  istiod: (_v, rv) =>
    waypointPods(rv).length > 0
      ? [
          {
            endpoint: podEndpoint(
              rv,
              `${rv.region} istiod`,
              "istio-system",
              { app: "istiod" },
              false,
              rv.k8s.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.name === "istiod")?.urn,
            ),
          },
        ]
      : [],
  "karpenter-nodes": (_v, rv) => [
    { endpoint: { label: `${rv.region} Karpenter nodes`, vpc: rv.vpc, ...rv.karpenterNodes } },
  ],
};
