/**
 * Grants no required access uses: for each role the program creates, the actions its own policies
 * (inline, role policies, customer managed; not AWS managed policies) allow that no `required`
 * entry of that role exercises. Advisory: the required entries model what each actor is known to
 * do, so a controller's upstream policy shows calls the model does not list.
 */
import type { AccessEntry } from "./model";
import { actionMatches } from "./match";
import type { World } from "./world";

export interface UnusedGrant {
  role: string;
  urn: string;
  /** Action patterns as granted (e.g. "sqs:GetQueueAttributes", "ec2:Describe*"). */
  actions: string[];
}

export function unusedGrants(world: World, entries: readonly AccessEntry[]): UnusedGrant[] {
  const used = new Map<string, string[]>();
  for (const e of entries)
    if (e.kind === "required" && e.allowed) used.set(e.principal, [...(used.get(e.principal) ?? []), e.action]);
  const out: UnusedGrant[] = [];
  for (const role of world.roles.values()) {
    const actions = used.get(role.arn) ?? [];
    const own = role.identity.filter((s) => s.effect === "Allow" && !s.ref.startsWith("arn:aws:iam::aws:policy/"));
    const unused = [...new Set(own.flatMap((s) => s.action ?? []))].filter(
      (pattern) => !actions.some((a) => actionMatches(pattern, a)),
    );
    if (unused.length > 0) out.push({ role: role.arn, urn: role.urn, actions: unused.sort() });
  }
  return out;
}
