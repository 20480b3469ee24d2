/**
 * The access model's verdict as plan violations, the way network flows report theirs: an entry that
 * does not hold fails the plan (`platform-access`, mandatory) naming principal, action, resource and
 * the deciding statement; pending fixes and unused grants are advisory (`platform-access-advisory`).
 * The model reads outputs the mock engine gives the planned resources, so it runs with the plan, not
 * inside the policy pack (which stays publishable on its own; see docs/access.md).
 */
import type { Violation } from "../../policies/lib/offline";
import { accessProblem, unusedProblem, type accessReport } from "./index";

export const ACCESS_POLICY = "platform-access";
export const ACCESS_ADVISORY_POLICY = "platform-access-advisory";

/**
 * Requirements whose failure is reported as advisory: the deploy role creating the program's roles
 * needs every role to carry the stack's workload boundary, which the roles do not set yet (see
 * docs/access.md); a deploy under the bootstrap boundary is refused until they do.
 */
export const ADVISORY_REQUIREMENTS: readonly string[] = ["deploy-creates-planned-role"];

export function accessViolations(report: ReturnType<typeof accessReport>): Violation[] {
  const failing = report.entries.filter((e) => !e.ok);
  return [
    ...failing.map((e) => {
      const advisory = ADVISORY_REQUIREMENTS.includes(e.requirement);
      return {
        policy: advisory ? ACCESS_ADVISORY_POLICY : ACCESS_POLICY,
        enforcementLevel: advisory ? ("advisory" as const) : ("mandatory" as const),
        urn: e.urn ?? "",
        message: accessProblem(e),
      };
    }),
    ...report.unused.map((u) => ({
      policy: ACCESS_ADVISORY_POLICY,
      enforcementLevel: "advisory" as const,
      urn: u.urn,
      message: unusedProblem(u),
    })),
  ];
}
