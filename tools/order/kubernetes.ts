import type { PlanResource, Violation } from "../../policies/lib/offline";
import { at, finding, isUnknown, k8sGroup, k8sKind, k8sMeta, label, ORDER_POLICY, PlanGraph } from "./graph";
import RULES from "./rules.json";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const CONFIG_FILE = "kubernetes:yaml/v2:ConfigFile";
const BUILT_IN = new Set(RULES.builtInGroups.groups);
const PULUMI_KINDS = new Set(RULES.builtInGroups.pulumiTypes);
const WAIT = `which sets skipAwait: ${RULES.webhookReady.why}. Source: ${RULES.webhookReady.source}`;

interface Render {
  kind: string;
  enabledBy: string;
  enabledByDefault: boolean;
  source: string;
  nameValue?: string;
  defaultName?: string;
  nameFrom?: string;
}
interface ChartRule {
  version: string;
  crds: string[];
  crdsSource: string;
  renders: Render[];
  /** Custom resources the chart renders when a value enables them: their CRDs must be installed first. */
  rendersCustomResources?: { kind: string; enabledBy: string }[];
  rendersCustomResourcesSource?: string;
}
type AdmissionRule = (typeof RULES.admission)[number] & { kind?: string; groups?: string[]; when?: string };

export function chartRule(chart: string): ChartRule | undefined {
  return (RULES.charts as Record<string, ChartRule>)[chart];
}

/** A Kubernetes object whose kind needs a CustomResourceDefinition. */
export function isCustomResource(r: PlanResource): boolean {
  const kind = k8sKind(r.type);
  return kind !== undefined && !PULUMI_KINDS.has(kind) && !BUILT_IN.has(kind.split("/")[0]);
}

/** The CRD kinds a release or ConfigFile installs, by the rules' reading of its pinned source. */
export function providedKinds(r: PlanResource): { kinds: string[]; source: string } | undefined {
  if (r.type === RELEASE) {
    const rule = chartRule(String(r.inputs.chart));
    return rule && { kinds: rule.crds, source: rule.crdsSource };
  }
  if (r.type === CONFIG_FILE) {
    const file = RULES.crdFiles.find((f) => f.file === r.inputs.file);
    return file && { kinds: file.crds, source: file.source };
  }
  return undefined;
}

const sameCluster = (a: PlanResource, b: PlanResource) => a.provider === b.provider;
const releasesOf = (g: PlanGraph, r: PlanResource, chart: string) =>
  g.ofType(RELEASE).filter((x) => sameCluster(x, r) && x.inputs.chart === chart);

export function kubernetesFindings(g: PlanGraph): Violation[] {
  return [
    ...chartCoverage(g),
    ...crdOrder(g),
    ...chartCustomResources(g),
    ...namespaceOrder(g),
    ...admission(g),
    ...chartRenders(g),
  ];
}

/** Every release's chart has a rule read at its pinned version. */
function chartCoverage(g: PlanGraph): Violation[] {
  return g.ofType(RELEASE).flatMap((r) => {
    const rule = chartRule(String(r.inputs.chart));
    if (!rule)
      return [
        finding(
          ORDER_POLICY,
          r,
          `${label(r)}: chart ${String(r.inputs.chart)} has no order rule (tools/order/rules.json): add its CRDs and rendered objects read at its pinned version`,
        ),
      ];
    if (rule.version !== r.inputs.version)
      return [
        finding(
          ORDER_POLICY,
          r,
          `${label(r)}: chart ${String(r.inputs.chart)} ${String(r.inputs.version)} but its order rule was read at ${rule.version}; re-read the chart at the new pin`,
        ),
      ];
    return [];
  });
}

function crdOrder(g: PlanGraph): Violation[] {
  const installers = g.resources.filter((r) => providedKinds(r) !== undefined);
  const out: Violation[] = [];
  for (const r of g.resources.filter(isCustomResource)) {
    const kind = k8sKind(r.type)!;
    const owners = installers.filter((i) => sameCluster(i, r) && providedKinds(i)!.kinds.includes(kind));
    if (owners.length === 0) {
      out.push(
        finding(
          ORDER_POLICY,
          r,
          `${label(r)}: no release or manifest in the plan installs the CRD of ${kind} on its cluster (tools/order/rules.json lists none)`,
        ),
      );
      continue;
    }
    if (owners.length > 1)
      out.push(
        finding(
          ORDER_POLICY,
          r,
          `${label(r)}: the CRD of ${kind} has ${owners.length} installers on one cluster (${owners.map((o) => o.name).join(", ")}); the second one fails to adopt it`,
        ),
      );
    if (!owners.some((o) => g.before(o, r)))
      out.push(
        finding(
          ORDER_POLICY,
          r,
          `${label(r)} must depend on ${label(owners[0])}, which installs the CRD of ${kind}; created first, the API server refuses the object (no such kind). Source: ${providedKinds(owners[0])!.source}`,
        ),
      );
  }
  return out;
}

/** A release that renders custom resources (e.g. a ServiceMonitor) waits for the installer of their CRD. */
function chartCustomResources(g: PlanGraph): Violation[] {
  const installers = g.resources.filter((r) => providedKinds(r) !== undefined);
  return g.ofType(RELEASE).flatMap((rel) => {
    const rule = chartRule(String(rel.inputs.chart));
    const values = rel.inputs.values;
    if (!rule?.rendersCustomResources || isUnknown(values)) return [];
    return rule.rendersCustomResources
      .filter((cr) => at(values, cr.enabledBy) === true)
      .filter(
        (cr) =>
          !installers.some((i) => sameCluster(i, rel) && providedKinds(i)!.kinds.includes(cr.kind) && g.before(i, rel)),
      )
      .map((cr) => {
        const owner = installers.find((i) => sameCluster(i, rel) && providedKinds(i)!.kinds.includes(cr.kind));
        const need = owner
          ? `must depend on ${label(owner)}, which installs the CRD of ${cr.kind}`
          : `renders ${cr.kind}, whose CRD nothing in the plan installs on its cluster`;
        return finding(
          ORDER_POLICY,
          rel,
          `${label(rel)} ${need} (${cr.enabledBy}: true). Source: ${rule.rendersCustomResourcesSource}`,
        );
      });
  });
}

function namespaceOrder(g: PlanGraph): Violation[] {
  const namespaces = g.ofType("kubernetes:core/v1:Namespace");
  const out: Violation[] = [];
  for (const r of g.resources) {
    const ns = r.type === RELEASE ? (r.inputs.namespace as string | undefined) : k8sMeta(r).namespace;
    if (!ns || !k8sKind(r.type)) continue;
    const owner = namespaces.find((n) => sameCluster(n, r) && k8sMeta(n).name === ns);
    if (owner && !g.before(owner, r))
      out.push(
        finding(
          ORDER_POLICY,
          r,
          `${label(r)} must depend on ${label(owner)}: namespaced objects are refused until their namespace exists. Source: kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/ (read 2026-12-07)`,
        ),
      );
  }
  return out;
}

function admission(g: PlanGraph): Violation[] {
  const out: Violation[] = [];
  for (const rule of RULES.admission as AdmissionRule[]) {
    const subjects = g.resources.filter((r) =>
      // Stryker disable next-line ArrayDeclaration,StringLiteral: no Kubernetes group is a placeholder string, so stand-ins match nothing either
      rule.kind ? k8sKind(r.type) === rule.kind : (rule.groups ?? []).includes(k8sGroup(r.type) ?? ""),
    );
    for (const r of subjects) {
      const releases = releasesOf(g, r, rule.chart);
      const cite = `Source: ${rule.source}`;
      if (releases.length === 0)
        out.push(
          finding(
            ORDER_POLICY,
            r,
            `${label(r)}: ${rule.id}: no ${rule.chart} release on its cluster (${rule.reads}). ${cite}`,
          ),
        );
      else if (!releases.some((x) => g.before(x, r)))
        out.push(
          finding(
            ORDER_POLICY,
            r,
            `${label(r)} must depend on ${label(releases[0])} (${rule.id}: ${rule.why}). ${cite}`,
          ),
        );
      else if (releases.every((x) => x.inputs.skipAwait === true))
        out.push(finding(ORDER_POLICY, r, `${label(r)} waits for ${label(releases[0])}, ${WAIT}`));
      for (const [target, what] of readTargets(g, rule.id, r)) {
        if (!target)
          out.push(
            finding(ORDER_POLICY, r, `${label(r)}: ${rule.id}: ${what} is not in the plan; ${rule.why}. ${cite}`),
          );
        else if (!g.before(target, r))
          out.push(
            finding(ORDER_POLICY, r, `${label(r)} must depend on ${label(target)} (${rule.id}: ${rule.why}). ${cite}`),
          );
      }
    }
  }
  return out;
}

/** The objects an admission rule reads: [resource | undefined, what it is]. */
function readTargets(g: PlanGraph, id: string, r: PlanResource): [PlanResource | undefined, string][] {
  const { namespace } = k8sMeta(r);
  const named = (kind: string, name: unknown, ns?: string) =>
    g.resources.find(
      (x) => sameCluster(x, r) && k8sKind(x.type) === kind && k8sMeta(x).name === name && k8sMeta(x).namespace === ns,
    );
  if (id === "keda-scaledobject-target") {
    const triggers = (at(r.inputs, "spec.triggers") ?? []) as { type?: string }[];
    if (!triggers.some((t) => t.type === "cpu" || t.type === "memory")) return [];
    const ref = (at(r.inputs, "spec.scaleTargetRef") ?? {}) as { kind?: string; name?: string; apiVersion?: string };
    const group = ref.apiVersion?.includes("/") ? ref.apiVersion.split("/")[0] : "apps";
    const kind = `${group}/${ref.kind ?? "Deployment"}`;
    return [[named(kind, ref.name, namespace), `its scale target ${kind} ${namespace}/${String(ref.name)}`]];
  }
  if (id === "targetgroupbinding-service-and-target-group") {
    const svc = at(r.inputs, "spec.serviceRef.name");
    const groups = g.ofType("aws:lb/targetGroup:TargetGroup");
    // The ARN is an output: the target group is the one it was read from, else the one built beside it.
    const tg = groups.find((t) => g.before(t, r)) ?? groups.find((t) => t.parent === r.parent);
    return [
      [named("core/Service", svc, namespace), `its Service ${namespace}/${String(svc)}`],
      [tg, "its target group (aws:lb/targetGroup:TargetGroup)"],
    ];
  }
  if (id === "nodepool-nodeclass") {
    const ref = at(r.inputs, "spec.template.spec.nodeClassRef.name");
    return [[named("karpenter.k8s.aws/EC2NodeClass", ref, undefined), `its EC2NodeClass ${String(ref)}`]];
  }
  return [];
}

/** Objects a chart renders that the program also creates: Helm refuses to adopt them. */
function chartRenders(g: PlanGraph): Violation[] {
  const out: Violation[] = [];
  for (const rel of g.ofType(RELEASE)) {
    const rule = chartRule(String(rel.inputs.chart));
    // Values a preview does not know yet cannot say what the chart renders: no decision.
    if (isUnknown(rel.inputs.values)) continue;
    const values = (rel.inputs.values ?? {}) as Record<string, unknown>;
    const ns = rel.inputs.namespace as string | undefined;
    for (const render of rule?.renders ?? []) {
      const set = at(values, render.enabledBy);
      if (!(set === undefined ? render.enabledByDefault : set === true)) continue;
      const name =
        render.nameFrom === "releaseNamespace"
          ? ns
          : render.nameFrom === "releaseName"
            ? (rel.inputs.name as string | undefined)
            : ((at(values, render.nameValue ?? "") as string) ?? render.defaultName);
      const clusterScoped = render.kind === "core/Namespace";
      const twin = g.resources.find(
        (x) =>
          sameCluster(x, rel) &&
          k8sKind(x.type) === render.kind &&
          k8sMeta(x).name === name &&
          (clusterScoped || k8sMeta(x).namespace === ns),
      );
      if (twin)
        out.push(
          finding(
            ORDER_POLICY,
            rel,
            `${label(rel)} renders ${render.kind} ${name} (${render.enabledBy}), which the program also creates as ${label(twin)}; Helm refuses to adopt an object it did not create. Set ${render.enabledBy}: false. Source: ${render.source}`,
          ),
        );
    }
  }
  return out;
}
