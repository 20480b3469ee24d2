import type {
  PolicyResource,
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

/**
 * Reads a value that may be unknown during `pulumi preview`. @pulumi/policy wraps props in a
 * proxy that throws on unknown values; one unknown id must not abort a whole stack policy, so
 * callers get `undefined` and fall back to other evidence (e.g. dependencies).
 */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    // Matched by name: the pack may run against a different copy of @pulumi/policy than the one
    // this file would import, and importing it here would pull gRPC into the offline evaluator.
    if (e instanceof Error && e.constructor.name === "UnknownValueError") return undefined;
    throw e;
  }
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
