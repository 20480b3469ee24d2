/**
 * Resource URNs and aliases as the Pulumi engine computes them, so plan.json can say which URNs of an
 * existing stack a resource takes over. Rules read from pulumi/pulumi pkg/resource/deploy
 * (deployment.generateURN, stepGenerator.collapseAliasToUrn, inheritedChildAlias, generateAliases),
 * v3.270.0, read 2026-12-07.
 *
 * The engine's URN carries the full type chain of the parent (`A$B$C::name`) and leaves out the root
 * stack; the mock monitor that runs the offline plan names resources with the parent's last type only
 * (`B$C::name`, `pulumi:pulumi:Stack$A::name`). Aliases are resolved in the engine's form because that
 * is what a real `pulumi up` looks up in the stack's state; `mockFormUrn` maps either form to the plan's.
 */

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The structured alias the SDK sends (runtime/resource.js mapAliasesForRequest), or a URN. */
export interface AliasSpec {
  urn?: string;
  name?: string;
  type?: string;
  stack?: string;
  project?: string;
  /** The alias's parent (a URN in the plan's form), when the spec names one. */
  parentUrn?: string;
  noParent?: boolean;
}

export interface UrnScope {
  stack: string;
  project: string;
}

const parts = (urn: string) => urn.split("::");
/** `A$B$C` of `urn:pulumi:s::p::A$B$C::name`. */
export const qualifiedType = (urn: string): string => parts(urn)[2] ?? "";
/** `C` of `urn:pulumi:s::p::A$B$C::name`. */
export const baseType = (urn: string): string => qualifiedType(urn).split("$").pop() ?? "";
/** The name: everything after the type (names may themselves contain "::"). */
export const urnName = (urn: string): string => parts(urn).slice(3).join("::");

function createUrn(scope: UrnScope, parentQualifiedType: string, type: string, name: string): string {
  const qualified = parentQualifiedType ? `${parentQualifiedType}$${type}` : type;
  return `urn:pulumi:${scope.stack}::${scope.project}::${qualified}::${name}`;
}

/** The engine's URN for a resource under `parentEngineUrn` (null or the root stack: top level). */
export function engineUrn(scope: UrnScope, parentEngineUrn: string | null, type: string, name: string): string {
  const parentType =
    parentEngineUrn && baseType(parentEngineUrn) !== ROOT_STACK_TYPE ? qualifiedType(parentEngineUrn) : "";
  return createUrn(scope, parentType, type, name);
}

/** The plan's (mock monitor's) form of a URN given in either form: the parent's last type only. */
export function mockFormUrn(urn: string): string {
  const chain = qualifiedType(urn).split("$");
  const [stack, project] = [parts(urn)[0].split(":")[2], parts(urn)[1]];
  if (chain.length === 1 && chain[0] !== ROOT_STACK_TYPE) chain.unshift(ROOT_STACK_TYPE);
  const qualified = chain.slice(-2).join("$");
  return `urn:pulumi:${stack}::${project}::${qualified}::${urnName(urn)}`;
}

export interface AliasGoal {
  type: string;
  name: string;
  /** The resource's parent in engine form (null: top level). */
  parent: string | null;
  /** The parent's name (the engine renames children whose name starts with it). */
  parentName: string | null;
  /** The parent's resolved aliases, engine form. */
  parentAliases: readonly string[];
}

/**
 * Every URN the engine may match this resource to in an existing state. The engine substitutes the
 * one alias its parent actually matched; without the old state all of the parent's aliases are
 * candidates, so this is the complete set (a superset when a parent has several).
 * `parentOf` maps a spec's parent URN (plan form) to the engine form.
 */
export function resolveAliases(
  scope: UrnScope,
  goal: AliasGoal,
  specs: readonly AliasSpec[],
  parentOf: (planUrn: string) => string,
): string[] {
  const out = new Set<string>();
  const collapse = (spec: AliasSpec, substitute?: string): string => {
    if (spec.urn) return spec.urn;
    let parent = spec.parentUrn !== undefined ? parentOf(spec.parentUrn) : goal.parent;
    if (substitute !== undefined && parent === goal.parent) parent = substitute;
    if (spec.noParent) parent = null;
    const where = { stack: spec.stack || scope.stack, project: spec.project || scope.project };
    return engineUrn(where, parent, spec.type || goal.type, spec.name || goal.name);
  };
  const inherited = (type: string, name: string, parentAlias: string): string => {
    const parentName = goal.parentName ?? "";
    const aliasName =
      parentName !== "" && name.startsWith(parentName) ? urnName(parentAlias) + name.slice(parentName.length) : name;
    return createUrn(scope, qualifiedType(parentAlias), type, aliasName);
  };
  for (const spec of specs) out.add(collapse(spec));
  for (const parentAlias of goal.parentAliases) {
    out.add(inherited(goal.type, goal.name, parentAlias));
    for (const spec of specs) {
      if (!spec.urn) out.add(collapse(spec, parentAlias));
      const own = collapse(spec, parentAlias);
      out.add(inherited(baseType(own), urnName(own), parentAlias));
    }
  }
  return [...out];
}

/** Each resource's engine URN from its parent chain, keyed by its plan URN. */
export function engineUrns(
  scope: UrnScope,
  resources: readonly { urn: string; type: string; name: string; parent: string | null }[],
): Map<string, string> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const out = new Map<string, string>();
  const of = (urn: string): string => {
    const known = out.get(urn);
    if (known) return known;
    const r = byUrn.get(urn);
    if (!r) return urn;
    const result = engineUrn(scope, r.parent ? of(r.parent) : null, r.type, r.name);
    out.set(urn, result);
    return result;
  };
  for (const r of resources) of(r.urn);
  return out;
}
