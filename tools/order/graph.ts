import type { PlanResource, Violation } from "../../policies/lib/offline";

/** The part of plan.json the order model reads. */
export interface PlanLike {
  resources: readonly PlanResource[];
}

export const ORDER_POLICY = "platform-order-admission";
export const SECOND_UP_POLICY = "platform-second-up";

/**
 * The plan's resources as a dependency graph. Pulumi creates a resource once everything in its
 * `dependencies` (explicit dependsOn, inputs read from other resources; component dependencies
 * already expanded to their children by the SDK) and its provider exist, so "created before" is
 * reachability over those edges.
 */
export class PlanGraph {
  readonly byUrn: ReadonlyMap<string, PlanResource>;
  private readonly closures = new Map<string, ReadonlySet<string>>();

  constructor(readonly resources: readonly PlanResource[]) {
    this.byUrn = new Map(resources.map((r) => [r.urn, r]));
  }

  /** Direct prerequisites: dependencies plus the provider. */
  direct(r: PlanResource): string[] {
    return r.provider ? [...r.dependencies, r.provider] : r.dependencies;
  }

  /** Every resource created before `r` (transitive). */
  closure(r: PlanResource): ReadonlySet<string> {
    const known = this.closures.get(r.urn);
    if (known) return known;
    const seen = new Set<string>();
    const stack = [...this.direct(r)];
    while (stack.length > 0) {
      const urn = stack.pop()!;
      if (seen.has(urn)) continue;
      seen.add(urn);
      const done = this.closures.get(urn);
      // Stryker disable next-line BlockStatement: a memo; without it the walk visits the same nodes and reaches the same set
      if (done) {
        for (const u of done) seen.add(u);
        continue;
      }
      const next = this.byUrn.get(urn);
      if (next) stack.push(...this.direct(next));
    }
    // Stryker disable next-line CallExpression: a memo; recomputing the closure gives the same set
    this.closures.set(r.urn, seen);
    return seen;
  }

  before(prerequisite: PlanResource, r: PlanResource): boolean {
    return this.closure(r).has(prerequisite.urn);
  }

  ofType(type: string): PlanResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** Resources whose direct dependencies include `r` (e.g. the policies attached to a role). */
  dependents(r: PlanResource, types: readonly string[]): PlanResource[] {
    return this.resources.filter((x) => types.includes(x.type) && x.dependencies.includes(r.urn));
  }

  /** Direct dependencies of `r` of one type. */
  directOfType(r: PlanResource, type: string): PlanResource[] {
    return r.dependencies.map((u) => this.byUrn.get(u)).filter((x): x is PlanResource => x?.type === type);
  }
}

/** `kubernetes:keda.sh/v1alpha1:ScaledObject` -> `keda.sh/ScaledObject`; undefined for non-Kubernetes types. */
export function k8sKind(type: string): string | undefined {
  const m = /^kubernetes:([^:]+)\/[^/:]+:(\w+)$/.exec(type);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

export function k8sGroup(type: string): string | undefined {
  return k8sKind(type)?.split("/")[0];
}

/** metadata.name / metadata.namespace of a Kubernetes object's manifest. */
export function k8sMeta(r: PlanResource): { name?: string; namespace?: string } {
  const meta = (r.inputs.metadata ?? {}) as Record<string, unknown>;
  return {
    name: typeof meta.name === "string" ? meta.name : undefined,
    namespace: typeof meta.namespace === "string" ? meta.namespace : undefined,
  };
}

/** A value at a dotted path (`spec.scaleTargetRef.name`). */
export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * A value a preview does not know yet (the preview plan writes computed values as "[unknown]",
 * policies/lib/preview.ts): a check that meets one cannot decide, and must not read it as absent.
 */
export function isUnknown(v: unknown): boolean {
  return typeof v === "string" && v.includes("[unknown]");
}

/** How a resource is named in messages: its Pulumi name and type. */
export function label(r: PlanResource): string {
  return `${r.name} (${r.type})`;
}

export function finding(
  policy: string,
  r: PlanResource,
  message: string,
  level: Violation["enforcementLevel"] = "mandatory",
): Violation {
  return { policy, enforcementLevel: level, urn: r.urn, message };
}
