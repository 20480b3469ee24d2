/**
 * The deny side of the network model. Two checks run on every plan:
 * - forbidden pairs: paths that must be refused, each proved refused by the layer meant to
 *   refuse it (the NetworkPolicies, evaluated alone, so another layer's refusal proves nothing);
 * - rules with no effect: every NetworkPolicy rule must admit at least one required flow
 *   (tools/flows/required.ts); a rule no flow uses admits nothing the platform needs, or
 *   matches traffic that never travels that way (app ports between ambient pods, which meet
 *   HBONE on 15008).
 * Service-to-service identity inside the mesh is decided by the waypoint's AuthorizationPolicies
 * (components/mesh/manifests.ts); these pairs are the L4 side.
 */
import type { PlanResource, Violation } from "../../policies/lib/offline";
import { planView, podEndpoint, podTemplate, type PlanView, type RegionView } from "./endpoints";
import { evaluateFlows, type PlannedFlow } from "./index";
import { regionResolver } from "./ids";
import { buildNetwork } from "./network";
import { networkPolicyVerdict } from "./reach";
import { ROLES, type Side } from "./roles";
import { CONTROLLER_ROLES } from "./roles-controllers";
import { JENKINS_FORBIDDEN } from "./roles-jenkins";
import { fargateGroupsOpen, fargateNamespaces } from "./roles-fargate";

export const ISOLATION_POLICY = "platform-network-isolation";

export interface ForbiddenFlow {
  id: string;
  from: string;
  to: string;
  port: number | "target";
  why: string;
}

type Resolver = (view: PlanView, rv: RegionView) => Side[];
const DB_USER = "workloads.platform.io/database";
const deployments = (rv: RegionView) =>
  rv.k8s.filter(
    (r) =>
      r.type === "kubernetes:apps/v1:Deployment" && (r.inputs.metadata as { namespace?: string }).namespace === "apps",
  );
const hasRelease = (rv: RegionView, chart: string) =>
  rv.k8s.some((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === chart);

const FORBIDDEN_ROLES: Record<string, Resolver> = {
  /** Pods of the cluster outside the apps namespace and outside the mesh: KEDA's operator, Grafana. */
  "foreign-pods": (view, rv) => [
    ...CONTROLLER_ROLES["keda-operator"](view, rv),
    ...(hasRelease(rv, "kube-prometheus-stack")
      ? [
          {
            endpoint: podEndpoint(
              rv,
              `${rv.region} Grafana`,
              "monitoring",
              { "app.kubernetes.io/name": "grafana" },
              true,
            ),
          },
        ]
      : []),
  ],
  /** Web pods on their app port (container port "http"). */
  "web-pods-http": (view, rv) =>
    ROLES["meshed-web-pods"](view, rv).map((s) => {
      const d = deployments(rv).find((x) => x.urn === s.endpoint.urn);
      return { ...s, port: d ? podTemplate(d).ports.get("http") : undefined };
    }),
  "apps-pods-without-database": (_v, rv) =>
    deployments(rv)
      .filter((d) => podTemplate(d).labels[DB_USER] !== "true")
      .map((d) => {
        const t = podTemplate(d);
        const name = (d.inputs.metadata as { name?: string }).name;
        return { endpoint: podEndpoint(rv, `${rv.region} ${name} pods`, "apps", t.labels, t.system, d.urn) };
      }),
};

export const FORBIDDEN_FLOWS: readonly ForbiddenFlow[] = [
  {
    id: "no-gateway-from-cluster-pods",
    from: "foreign-pods",
    to: "gateway-pods",
    port: "target",
    why: "the gateway's plaintext port is for the ALB only: a pod reaching it skips CloudFront and the WAF",
  },
  {
    id: "no-web-pods-from-outside-mesh",
    from: "foreign-pods",
    to: "web-pods-http",
    port: "target",
    why: "services are reached through the gateway and the waypoint, never directly",
  },
  {
    id: "no-gateway-bypassing-waypoint",
    from: "mesh-gateway-pods",
    to: "web-pods-http",
    port: "target",
    why: "the gateway's calls go through the waypoint, where retries, outlier detection and authorization apply",
  },
  {
    id: "no-waypoint-to-gateway",
    from: "waypoint-pods",
    to: "gateway-pods",
    port: 15008,
    why: "nothing in the mesh calls nginx",
  },
  {
    id: "no-database-without-label",
    from: "apps-pods-without-database",
    to: "database-writer",
    port: 5432,
    why: "only pods labelled as database users reach Aurora",
  },
  ...JENKINS_FORBIDDEN,
];

/** One forbidden pair: ok when the NetworkPolicies refuse it. */
export interface IsolationEntry {
  requirement: string;
  from: string;
  to: string;
  port: number | string;
  ok: boolean;
  /** Why it is refused (the layer's reason), or what admits it. */
  reason: string;
  urn?: string;
}

const resolver = (name: string): Resolver => FORBIDDEN_ROLES[name] ?? ROLES[name] ?? CONTROLLER_ROLES[name];

export function evaluateForbidden(resources: readonly PlanResource[], forbidden = FORBIDDEN_FLOWS): IsolationEntry[] {
  const net = buildNetwork(resources);
  const view = planView(resources);
  const out: IsolationEntry[] = [];
  for (const f of forbidden)
    for (const rv of view.regions)
      for (const from of resolver(f.from)(view, rv))
        for (const to of resolver(f.to)(view, rv)) {
          if (from.missing || to.missing) continue;
          const port = f.port === "target" ? to.port : f.port;
          if (port === undefined) continue;
          const cluster = to.endpoint.pod?.cluster ?? from.endpoint.pod?.cluster;
          const base = { requirement: f.id, from: from.endpoint.label, to: to.endpoint.label, port };
          const urn = to.endpoint.urn ?? from.endpoint.urn;
          if (!cluster || !net.enforcement.has(cluster)) {
            out.push({ ...base, ok: false, reason: "NetworkPolicies are not enforced in this cluster", urn });
            continue;
          }
          const v = networkPolicyVerdict(net, { from: from.endpoint, to: to.endpoint, port, portName: to.portName });
          out.push(
            v.ok
              ? {
                  ...base,
                  ok: false,
                  reason: `admitted by ${v.via.join(", ") || "no policy selecting either side"}`,
                  urn,
                }
              : { ...base, ok: true, reason: v.reason, urn },
          );
        }
  return out;
}

/** Every rule of every planned NetworkPolicy that no required flow cites as evidence. */
export function unusedRules(resources: readonly PlanResource[], flows: readonly PlannedFlow[]): Violation[] {
  const used = new Set(flows.flatMap((f) => f.via ?? []));
  const out: Violation[] = [];
  for (const r of resources.filter((x) => x.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy")) {
    const m = r.inputs as { metadata?: { name?: string; namespace?: string }; spec?: Record<string, unknown> };
    for (const field of ["ingress", "egress"] as const) {
      const rules = (m.spec?.[field] ?? []) as unknown[];
      rules.forEach((rule, i) => {
        if (used.has(`${r.urn}#${field}[${i}]`)) return;
        out.push({
          policy: ISOLATION_POLICY,
          enforcementLevel: "mandatory",
          urn: r.urn,
          message:
            `NetworkPolicy ${m.metadata?.namespace}/${m.metadata?.name} ${field}[${i}] ${JSON.stringify(rule)} ` +
            "admits no required flow (tools/flows/required.ts): remove the rule, or add the flow it is for",
        });
      });
    }
  }
  return out;
}

/**
 * Namespaces the plan creates that do not start default-deny: no policy selecting every pod with
 * Ingress and Egress and no rule (Kubernetes: such a policy isolates every pod both ways). A
 * namespace whose every workload runs on Fargate, where NetworkPolicies are not enforced, is
 * isolated by its pods' own security group instead (roles-fargate.ts): a finding when that group
 * is missing or open. Advisory until each namespace's owner has planned its allowances and flows.
 */
export function openNamespaces(resources: readonly PlanResource[]): Violation[] {
  const net = buildNetwork(resources);
  const view = planView(resources);
  const fargate = new Map(
    view.regions.flatMap((rv) =>
      fargateNamespaces(view, rv).map((n): [string, typeof n] => [`${rv.region}/${n.namespace}`, n]),
    ),
  );
  const denies = (cluster: string, ns: string, dir: "Ingress" | "Egress") =>
    net.policies.some(
      (p) =>
        p.cluster === cluster &&
        p.namespace === ns &&
        Object.keys(p.podSelector.matchLabels ?? {}).length === 0 &&
        (p.podSelector.matchExpressions ?? []).length === 0 &&
        p.policyTypes.includes(dir) &&
        (dir === "Ingress" ? p.ingress : p.egress).length === 0,
    );
  const regionOf = regionResolver(resources);
  const out: Violation[] = [];
  for (const key of [...net.namespaceLabels.keys()].sort()) {
    const [cluster, ns] = [key.slice(0, key.indexOf("/")), key.slice(key.indexOf("/") + 1)];
    const open = (["Ingress", "Egress"] as const).filter((d) => !denies(cluster, ns, d));
    const onFargate = fargate.get(key);
    const why = onFargate?.fargateOnly ? onFargate.workloads.map((w) => fargateGroupsOpen(net, w)).find((m) => m) : "";
    if (open.length === 0 || why === undefined) continue;
    // The namespace of this cluster: every region creates one of the same name. Keyed as netpol-model keys it.
    const urn = resources.find(
      (r) =>
        r.type === "kubernetes:core/v1:Namespace" &&
        (r.inputs.metadata as { name?: string } | undefined)?.name === ns &&
        `${regionOf(r)}` === cluster,
    )?.urn;
    const where = `namespace ${ns} (${cluster || "no region"})`;
    out.push({
      policy: ISOLATION_POLICY,
      enforcementLevel: "advisory",
      urn: urn ?? "",
      message: why
        ? `${where} runs only on Fargate, where NetworkPolicies are not enforced, and its pods' security group does not isolate them: ${why}`
        : `${where} does not start default-deny for ${open.join(" and ").toLowerCase()}: its pods are open until a policy selects them`,
    });
  }
  return out;
}

/** The plan analysis: forbidden pairs as entries, and both checks' findings as violations. */
export function isolationAnalysis(resources: readonly PlanResource[]): {
  entries: IsolationEntry[];
  violations: Violation[];
} {
  const entries = evaluateForbidden(resources);
  const admitted: Violation[] = entries
    .filter((e) => !e.ok)
    .map((e) => ({
      policy: ISOLATION_POLICY,
      enforcementLevel: "mandatory",
      urn: e.urn ?? "",
      message: `${e.requirement}: ${e.from} -> ${e.to} on port ${e.port} must be refused by NetworkPolicies: ${e.reason}`,
    }));
  return {
    entries,
    violations: [...admitted, ...unusedRules(resources, evaluateFlows(resources)), ...openNamespaces(resources)],
  };
}
