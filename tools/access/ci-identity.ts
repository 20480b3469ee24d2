/**
 * The CI identities of the plan's stack as the bootstrap program creates them (one account holds
 * the stack and its roles): identity policies and permissions boundary from the bootstrap planner.
 */
import type { CiRolePlan } from "../../components/bootstrap/ci-roles";
import type { Need } from "./model";
import { statementsOf } from "./policy-doc";
import { managedStatements, type World } from "./world";

/** The stack a plan belongs to, from its URNs (`urn:pulumi:<stack>::...`). */
export const stackOf = (world: World) => world.resources[0]?.urn.split(":")[2]?.split("::")[0] ?? "dev";

export function ciAsker(world: World, plan: CiRolePlan): Need["asker"] {
  const identity = [
    ...(plan.inlinePolicy ? statementsOf(plan.inlinePolicy, `bootstrap ${plan.roleName} inline`) : []),
    ...plan.managedPolicyArns.flatMap((arn) => managedStatements(arn) ?? []),
  ];
  return {
    outside: `arn:aws:iam::${world.account}:role/${plan.roleName}`,
    account: world.account,
    identity,
    boundary: statementsOf(plan.boundary, `bootstrap ${plan.boundaryName}`),
  };
}
