import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/** Every policy in this pack is one of the two @pulumi/policy shapes. */
export type PlatformPolicy = ResourceValidationPolicy | StackValidationPolicy;

export function isStackPolicy(p: PlatformPolicy): p is StackValidationPolicy {
  return typeof (p as StackValidationPolicy).validateStack === "function";
}

/**
 * Policy config with the policy's own defaults filled in. The Pulumi CLI fills defaults from
 * `configSchema`, but the offline evaluator and unit tests do not, so every policy reads its
 * config through this one function rather than trusting `getConfig()` to be complete.
 */
export function readConfig<T extends object>(args: ResourceValidationArgs | StackValidationArgs, defaults: T): T {
  const given = (args.getConfig<Partial<T>>() ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [k, v] of Object.entries(given)) if (v !== undefined && k !== "enforcementLevel") merged[k] = v;
  return merged as T;
}

/** What @pulumi/policy throws when a policy reads a value unknown during `pulumi preview`. */
const isUnknownValueError = (e: unknown): e is Error =>
  // Matched by name: the pack may run against a different copy of @pulumi/policy than the one
  // this file would import, and importing it here would pull gRPC into the offline evaluator.
  e instanceof Error && e.constructor.name === "UnknownValueError";

/** The unknown values read during the validation being run (guardUnknowns), first one first. */
let unknownsMet: Error[] | undefined;

/** A value read under preview semantics: known (possibly undefined: absent), or unknown until the update. */
export type Read<T> = { known: true; value: T } | { known: false; error: Error };

/**
 * Reads a value that may be unknown during `pulumi preview`, telling unknown apart from absent, for
 * a caller that decides on unknown itself (an unknown `vpcId` is still a VPC; an unknown setting is
 * not judged).
 */
export function read<T>(get: () => T): Read<T> {
  try {
    return { known: true, value: get() };
  } catch (e) {
    if (!isUnknownValueError(e)) throw e;
    return { known: false, error: e };
  }
}

/**
 * Reads a value that may be unknown during `pulumi preview`; `undefined` when unknown, so one
 * unknown id does not abort a whole stack policy and callers may fall back to other evidence. The
 * unknown is remembered: a validation that then reports a violation cannot decide (guardUnknowns).
 */
export function known<T>(get: () => T): T | undefined {
  const r = read(get);
  if (r.known) return r.value;
  unknownsMet?.push(r.error);
  return undefined;
}

/**
 * Like known(), for a caller that decides on other evidence when the value is unknown (a dependency
 * on the resource the value would name): the unknown read does not make its verdict "cannot decide".
 */
export function peek<T>(get: () => T): T | undefined {
  const r = read(get);
  return r.known ? r.value : undefined;
}

/**
 * A policy under preview semantics: a validation that read an unknown value (through known/read) and
 * then reports a violation may have decided as if the value were absent, so it reports nothing and
 * rethrows the unknown, which @pulumi/policy turns into the advisory "can't run policy ... during
 * preview" (the offline evaluator does the same). A validation that reads no unknown is unchanged.
 */
export function guardUnknowns(policy: PlatformPolicy): PlatformPolicy {
  const guard =
    <A>(validate: (args: A, report: ReportViolation) => unknown) =>
    (args: A, report: ReportViolation): unknown => {
      const outer = unknownsMet;
      const met: Error[] = [];
      const reports: Parameters<ReportViolation>[] = [];
      let passThrough = false;
      unknownsMet = met;
      try {
        const result = validate(args, (...r) => void (passThrough ? report(...r) : reports.push(r)));
        if (result && typeof (result as Promise<unknown>).then === "function") {
          // Asynchronous policies are passed through: their reads cannot be told apart from others'.
          passThrough = true;
          for (const r of reports) report(...r);
          return result;
        }
      } finally {
        unknownsMet = outer;
      }
      if (met.length > 0 && reports.length > 0) throw met[0];
      for (const r of reports) report(...r);
      return undefined;
    };
  if (isStackPolicy(policy))
    return { ...policy, validateStack: guard(policy.validateStack) as StackValidationPolicy["validateStack"] };
  // Keep the type marker validateResourceOfType sets (__pulumiType): @pulumi/policy skips other types by it.
  const wrap = (v: object & ((...a: never[]) => unknown)) => Object.assign(guard(v as never), v);
  const v = policy.validateResource;
  return { ...policy, validateResource: Array.isArray(v) ? v.map(wrap) : v && wrap(v) } as PlatformPolicy;
}

/** True if `target` is among `r`'s dependencies (optionally only those of one property). */
export function dependsOn(r: PolicyResource, target: PolicyResource, property?: string): boolean {
  const byProp = property ? r.propertyDependencies?.[property] : undefined;
  const pool = byProp && byProp.length > 0 ? byProp : (r.dependencies ?? []);
  return pool.some((d) => d.urn === target.urn);
}

/**
 * The resource types in a URN's type chain, outermost parent first.
 * `urn:pulumi:dev::proj::a:b:C$d:e:F::name` -> ["a:b:C", "d:e:F"].
 */
export function urnTypeChain(urn: string): string[] {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts[2].split("$") : [];
}
