import type {
  EnforcementLevel,
  PolicyPackConfig,
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { policyConfigFor } from "./config";
import { type PlatformPolicy, isStackPolicy } from "./policy";
import { allPolicies } from "./registry";
import { cannotDecide, isUnknownValueError, previewProps } from "./preview";

/** One resource of plan.json (see ARCHITECTURE.md, "The offline plan"). */
export interface PlanResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent: string | null;
  provider: string | null;
  region: string | null;
  inputs: Record<string, unknown>;
  dependencies: string[];
  /** Resource options as registered (always written by the engine; absent in hand-built fixtures = defaults). */
  options?: PlanResourceOptions;
}

/** The resource options plan.json records, as the program registered them (protect is inherited from the parent). */
export interface PlanResourceOptions {
  protect: boolean;
  retainOnDelete: boolean;
  ignoreChanges: string[];
  deleteBeforeReplace: boolean;
  replaceOnChanges: string[];
  /**
   * URNs of an existing stack this resource takes over, in the engine's form (full parent type chain,
   * no root stack; tools/engine/aliases.ts): its own aliases and those its parent's aliases imply.
   * Always written by the engine; absent in hand-built fixtures (none).
   */
  aliases?: string[];
  /** The explicit `dependsOn`: registered dependencies that no input carries (plan-form URNs). */
  dependsOn?: string[];
}

export const DEFAULT_OPTIONS: PlanResourceOptions = Object.freeze({
  protect: false,
  retainOnDelete: false,
  ignoreChanges: [],
  deleteBeforeReplace: false,
  replaceOnChanges: [],
  aliases: [],
  dependsOn: [],
}) as PlanResourceOptions;

export interface Violation {
  policy: string;
  enforcementLevel: EnforcementLevel;
  urn: string;
  message: string;
}

/** A network path of plan.json (`flows`, evaluated by tools/flows): `{ from, to, port, ok, via | reason }`. */
export interface PlanFlow {
  from: string;
  to: string;
  port: number | string;
  ok: boolean;
  via?: string[];
  reason?: string;
  /** The declared requirement it comes from (tools/flows/required.ts). */
  requirement?: string;
  /** The destination's resource, when the plan has one. */
  urn?: string;
}

export const REQUIRED_FLOWS_POLICY = "platform-required-flows";

/** Each required flow that does not hold is a mandatory violation saying what is missing. */
export function flowViolations(flows: readonly PlanFlow[]): Violation[] {
  return flows
    .filter((f) => !f.ok)
    .map((f) => ({
      policy: REQUIRED_FLOWS_POLICY,
      enforcementLevel: "mandatory" as const,
      urn: f.urn ?? "",
      message: `${f.requirement ? `${f.requirement}: ` : ""}${f.from} -> ${f.to} on port ${f.port} does not hold: ${f.reason ?? "no path"}`,
    }));
}

export interface EvaluateOptions {
  environment: string;
  /** Per-policy config merged over policyConfigFor(environment), same shape as --policy-pack-config. */
  config?: PolicyPackConfig;
  /** Defaults to allPolicies(); tests pass a subset. */
  policies?: PlatformPolicy[];
  stackTags?: ReadonlyMap<string, string>;
  /**
   * Preview semantics (policies/lib/preview.ts): "[unknown]" values throw when read, and a policy
   * stopped by one is the advisory "can't run policy ... during preview" instead of a verdict.
   */
  preview?: boolean;
}

class NotApplicable extends Error {}

const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "not applicable");
};

/** The options @pulumi/policy hands a policy (`args.opts`), from what plan.json recorded. */
const OPTS = (r: PlanResource): PolicyResourceOptions => {
  const o = r.options ?? DEFAULT_OPTIONS;
  return {
    protect: o.protect,
    ignoreChanges: [...o.ignoreChanges],
    ...(o.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
    aliases: [...(o.aliases ?? [])],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.parent ? { parent: r.parent } : {}),
  };
};

/** Same rule as @pulumi/policy: compare against the class's registered Pulumi type token. */
function typeMatcher(type: string) {
  return (cls: unknown) => (cls as { __pulumiType?: string } | undefined)?.__pulumiType === type;
}

/** Provider references may be `urn` or `urn::id`; a provider missing from the plan is synthesised from its URN. */
function providerResolver(resources: PlanResource[], props: (r: PlanResource) => Record<string, unknown>) {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return (ref: string | null): PolicyProviderResource | undefined => {
    if (!ref) return undefined;
    const parts = ref.split("::");
    const urn = byUrn.has(ref) || parts.length <= 4 ? ref : parts.slice(0, 4).join("::");
    const found = byUrn.get(urn);
    if (found) return { type: found.type, name: found.name, urn: found.urn, props: props(found) };
    return { type: parts[2] ?? "", name: parts[3] ?? "", urn, props: {} };
  };
}

/** Normalises a config entry: a bare level, an object, or nothing. */
function entryOf(config: PolicyPackConfig, name: string): Record<string, unknown> {
  const e = config[name];
  if (e === undefined) return {};
  return typeof e === "string" ? { enforcementLevel: e } : { ...e };
}

export function mergeConfig(base: PolicyPackConfig, override: PolicyPackConfig = {}): PolicyPackConfig {
  const out: PolicyPackConfig = {};
  for (const name of new Set([...Object.keys(base), ...Object.keys(override)]))
    out[name] = { ...entryOf(base, name), ...entryOf(override, name) };
  return out;
}

/** Mirrors the engine: config level, else the policy's, else the pack default (advisory); remediate validates as mandatory. */
export function effectiveLevel(policy: PlatformPolicy, config: PolicyPackConfig): EnforcementLevel {
  const level =
    (entryOf(config, policy.name).enforcementLevel as EnforcementLevel | undefined) ??
    policy.enforcementLevel ??
    "advisory";
  return level === "remediate" ? "mandatory" : level;
}

/** Runs one validation; an unknown value read in a preview is the policy's advisory, as @pulumi/policy reports it. */
function run(policy: PlatformPolicy, call: () => unknown, unknown: (e: Error) => void): void {
  try {
    const result = call();
    if (result && typeof (result as Promise<unknown>).then === "function")
      throw new Error(`policy ${policy.name} returned a Promise; the offline evaluator only runs synchronous policies`);
  } catch (e) {
    if (isUnknownValueError(e)) unknown(e);
    else if (!(e instanceof NotApplicable)) throw e;
  }
}

/**
 * Evaluates the pack on a plan the way `pulumi preview --policy-pack` would: resource policies
 * on every resource, stack policies once on the whole set, with the stack's policy config.
 */
export function evaluatePolicies(resources: PlanResource[], options: EvaluateOptions): Violation[] {
  const config = mergeConfig(policyConfigFor(options.environment), options.config);
  const policies = options.policies ?? allPolicies();
  const stackTags = options.stackTags ?? new Map<string, string>();
  const props = options.preview ? (r: PlanResource) => previewProps(r.inputs) : (r: PlanResource) => r.inputs;
  const providerOf = providerResolver(resources, props);

  const stackResources = new Map<string, PolicyResource>();
  for (const r of resources) {
    const p = props(r);
    stackResources.set(r.urn, {
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: p,
      opts: OPTS(r),
      provider: providerOf(r.provider),
      dependencies: [],
      propertyDependencies: {},
      isType: typeMatcher(r.type),
      asType: ((cls: unknown) => (typeMatcher(r.type)(cls) ? p : undefined)) as PolicyResource["asType"],
    });
  }
  for (const r of resources) {
    const res = stackResources.get(r.urn)!;
    const parent = r.parent ? stackResources.get(r.parent) : undefined;
    if (parent) res.parent = parent;
    res.dependencies = r.dependencies
      .map((d) => stackResources.get(d))
      .filter((d): d is PolicyResource => d !== undefined);
  }

  const violations: Violation[] = [];
  for (const policy of policies) {
    const enforcementLevel = effectiveLevel(policy, config);
    if (enforcementLevel === "disabled") continue;
    const { enforcementLevel: _ignored, ...policyConfig } = entryOf(config, policy.name);
    const getConfig = <T extends object>() => ({ ...policyConfig }) as T;
    const reporter =
      (fallbackUrn: string): ReportViolation =>
      (message, urn) =>
        violations.push({ policy: policy.name, enforcementLevel, urn: urn ?? fallbackUrn, message });
    const unknownAt =
      (urn: string) =>
      (e: Error): number =>
        violations.push({
          policy: policy.name,
          enforcementLevel: "advisory",
          urn,
          message: cannotDecide(policy.name, e),
        });

    if (isStackPolicy(policy)) {
      const args: StackValidationArgs = {
        resources: [...stackResources.values()],
        stackTags,
        getConfig,
        notApplicable,
      };
      run(policy, () => policy.validateStack(args, reporter("")), unknownAt(""));
      continue;
    }
    const validations = [policy.validateResource ?? []].flat();
    for (const r of resources) {
      const p = stackResources.get(r.urn)!.props;
      const args: ResourceValidationArgs = {
        type: r.type,
        props: p,
        urn: r.urn,
        name: r.name,
        opts: OPTS(r),
        provider: providerOf(r.provider),
        stackTags,
        isType: typeMatcher(r.type),
        asType: ((cls: unknown) => (typeMatcher(r.type)(cls) ? p : undefined)) as ResourceValidationArgs["asType"],
        getConfig,
        notApplicable,
      };
      // A resource validation reports against its own resource, whatever urn it passes.
      const report: ReportViolation = (message) => reporter(r.urn)(message);
      for (const validate of validations) run(policy, () => validate(args, report), unknownAt(r.urn));
    }
  }
  return violations;
}

export { policyConfigFor } from "./config";
