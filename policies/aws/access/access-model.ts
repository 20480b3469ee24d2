import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { accessProblem, accessReport, unusedProblem, type AccessEntry, type UnusedGrant } from "../../../tools/access";
import type { PlanResource } from "../../lib/offline";
import { regionOf } from "../../lib/aws";

/**
 * Requirements whose failure is reported as advisory: the deploy role creating the program's roles
 * needs every role to carry the stack's workload boundary, which the roles do not set yet (see
 * docs/access.md); a deploy under the bootstrap boundary is refused until they do.
 */
export const ADVISORY_REQUIREMENTS: readonly string[] = ["deploy-creates-planned-role"];

/** The stack's resources as the access model reads them (plan.json's shape). */
function asPlan(resources: readonly PolicyResource[]): PlanResource[] {
  return resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    custom: true,
    parent: r.opts?.parent ?? null,
    provider: null,
    region: r.type.startsWith("aws:") || r.type === "eks:index:Cluster" ? (regionOf(r) ?? null) : null,
    inputs: r.props as Record<string, unknown>,
    dependencies: [],
  }));
}

function entries(args: StackValidationArgs): { entries: AccessEntry[]; unused: UnusedGrant[] } | string {
  try {
    return accessReport(asPlan(args.resources));
  } catch (err) {
    // A preview can hold unknown values the model cannot read: it says so instead of guessing.
    return `the access model cannot decide this stack: ${(err as Error).message}`;
  }
}

function report(args: StackValidationArgs, reportViolation: (m: string, urn?: string) => void, advisory: boolean) {
  const result = entries(args);
  if (typeof result === "string") {
    if (advisory) reportViolation(result);
    return;
  }
  for (const e of result.entries)
    if (!e.ok && ADVISORY_REQUIREMENTS.includes(e.requirement) === advisory) reportViolation(accessProblem(e), e.urn);
  if (advisory) for (const u of result.unused) reportViolation(unusedProblem(u), u.urn);
}

/**
 * Mandatory: every access the platform needs is allowed and every access it must not grant is
 * denied, decided across identity policies, boundaries, resource and key policies (tools/access).
 */
export function accessModel(): StackValidationPolicy {
  return {
    name: "platform-access",
    description:
      "Every required access (AWS services, controllers, pod roles, CI) is allowed and every forbidden one is denied, as IAM evaluates the planned policies.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => report(args, reportViolation, false),
  };
}

/** Advisory: access entries that fail but are not yet enforced (ADVISORY_REQUIREMENTS). */
export function accessModelAdvisory(): StackValidationPolicy {
  return {
    name: "platform-access-advisory",
    description:
      "Access entries reported while their fix is pending (roles without the stack's workload boundary), and grants of the program's roles that no required access uses.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => report(args, reportViolation, true),
  };
}
