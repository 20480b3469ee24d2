/**
 * Preview semantics for the offline evaluator, as @pulumi/policy applies them in `pulumi preview`
 * (@pulumi/policy 1.21.0 server.js and proxy.js): a value computed from another resource's output is
 * unknown; props are wrapped so reading an unknown throws UnknownValueError; a policy that throws it
 * is reported as the advisory "can't run policy ... during preview" instead of deciding.
 */

/** How plan.json writes an unknown value (tools/engine/serialize.ts). */
export const UNKNOWN_PLACEHOLDER = "[unknown]";

interface PolicyProxyModule {
  unknownCheckingProxy<T extends object>(props: T): T;
  unknownStringValue: string;
}

/** @pulumi/policy's own proxy (proxy.js requires nothing: no gRPC in the offline evaluator). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- its typings declare the module empty
const proxy = require("@pulumi/policy/proxy") as PolicyProxyModule;

/** plan.json's "[unknown]" back to the engine's unknown sentinel, at any depth. */
function revive(value: unknown): unknown {
  if (value === UNKNOWN_PLACEHOLDER) return proxy.unknownStringValue;
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
}

/** Props as a policy sees them in a preview: reading an unknown value throws UnknownValueError. */
export function previewProps(props: Record<string, unknown>): Record<string, unknown> {
  return proxy.unknownCheckingProxy(revive(props) as Record<string, unknown>);
}

export const isUnknownValueError = (e: unknown): e is Error =>
  e instanceof Error && e.constructor.name === "UnknownValueError";

/** The advisory @pulumi/policy reports for a policy stopped by an unknown value. */
export function cannotDecide(policy: string, e: Error): string {
  return `can't run policy '${policy}' during preview: ${e.message} (cannot check until known)`;
}
