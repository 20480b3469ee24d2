import type { Disruption, ProtectedDeletion } from "./disruption";
import { showPair } from "./values";
import { STATEFUL } from "./attention";

/** Markdown for the disruption lines and the protected-deletion steps of "Needs attention". */

const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (s: string) => `\`${esc(s).replace(/`/g, "'")}\``;
const VERB: Record<Disruption["rule"]["effect"], string> = {
  restart: "restart",
  failover: "failover",
  "node-roll": "node replacement",
  reboot: "needs reboot",
};

/** Markdown link text for a source: the URL, and any note after it. */
function sourceLinks(sources: readonly string[]): string {
  return sources
    .map((s, i) => {
      const [url] = s.split(" ");
      return /^https?:/.test(url) ? `[${i + 1}](${url})` : "";
    })
    .filter(Boolean)
    .join(" ");
}

export function disruptionLine(d: Disruption): string {
  const r = d.row;
  const where = `${code(r.name)} (${code(r.type)}, ${r.region ?? "global"})`;
  const changes = d.changes
    .slice(0, 3)
    .map((c) => {
      const [was, now] = showPair(c.old, c.new);
      return `${code(c.path)} ${code(was)} → ${code(now)}`;
    })
    .join(", ");
  const more = d.changes.length > 3 ? ` and ${d.changes.length - 3} more` : "";
  const verb = d.ignored ? "not applied" : VERB[d.rule.effect];
  const src = sourceLinks(d.rule.sources);
  return (
    `- **~ ${verb}** ${d.rule.label} ${where}: ${changes}${more}. ` +
    `${d.refused ? `**AWS refuses it:** ${d.refused}. ` : ""}` +
    `**When:** ${d.when}. **Interruption:** ${d.rule.interruption}.${src ? ` <sub>source ${src}</sub>` : ""}`
  );
}

const keyList = (keys: string[]) => keys.map((k) => code(`platform:${k}: false`)).join(", ");

/**
 * What blocks the deletions and the steps that lift it, in order: AWS deletion protection is
 * turned off by an update while the resource is still in the program, Pulumi's `protect` by the
 * same update or `pulumi state unprotect`, then the change itself.
 */
export function protectionSection(items: readonly ProtectedDeletion[]): string {
  const blocking = items.filter((p) => p.protect || p.deletionProtection);
  const retained = items.filter((p) => p.retainOnDelete);
  if (blocking.length === 0 && retained.length === 0) return "";
  const out: string[] = [];
  if (blocking.length > 0) {
    const dpKeys = [
      ...new Set(blocking.filter((p) => p.deletionProtection).map((p) => p.configKeys.deletionProtection)),
    ];
    const protKeys = [...new Set(blocking.filter((p) => p.protect).map((p) => p.configKeys.protect))];
    const unreachable = blocking.filter(
      (p) => (p.protect && !p.configKeys.protect) || (p.deletionProtection && !p.configKeys.deletionProtection),
    );
    out.push(
      `**\`pulumi up\` fails until protection is lifted** on ${blocking.length} of the resources this change deletes or replaces: ` +
        'Pulumi stops with `resource "<URN>" cannot be deleted because it is protected`, and AWS refuses to delete a ' +
        "resource whose deletion protection is on. In order:",
      "",
    );
    let n = 1;
    const known = (ks: (string | undefined)[]) => ks.filter((k): k is string => k !== undefined);
    if (dpKeys.length > 0)
      out.push(
        `${n++}. Turn AWS deletion protection off while the current code still has the resources: ` +
          `${keyList(known(dpKeys))} in the stack file, then \`pulumi up\` (an in-place update; nothing is deleted).`,
      );
    if (protKeys.length > 0)
      out.push(
        `${n++}. Lift Pulumi \`protect\`: ${known(protKeys).length > 0 ? `${keyList(known(protKeys))} in the same \`pulumi up\`, or ` : ""}` +
          "`pulumi state unprotect '<URN>'` for each resource below.",
      );
    if (unreachable.length > 0)
      out.push(
        `${n++}. No stack setting reaches ${unreachable.map((p) => code(p.row.name)).join(", ")}: ` +
          "`pulumi state unprotect '<URN>'`, and for deletion protection the service's own call (e.g. " +
          "`aws rds modify-db-cluster --no-deletion-protection`).",
      );
    out.push(
      `${n}. Run \`pulumi up\` with this change; set the keys back if the resources that stay should keep their protection.`,
      "",
    );
    // Most costly to lose first, as in the list above; other protected types after them.
    const rank = (p: ProtectedDeletion) => {
      const i = STATEFUL.findIndex(([t]) => t === p.row.type);
      return i < 0 ? STATEFUL.length : i;
    };
    for (const p of [...blocking].sort((a, b) => rank(a) - rank(b) || a.row.name.localeCompare(b.row.name))) {
      const lift = [
        p.deletionProtection
          ? `AWS deletion protection (${p.configKeys.deletionProtection ? code(`platform:${p.configKeys.deletionProtection}: false`) : "off in AWS"})`
          : "",
        p.protect ? `Pulumi protect (\`pulumi state unprotect '${p.engineUrn}'\`)` : "",
      ].filter(Boolean);
      out.push(`- ${code(p.row.name)} (${p.row.region ?? "global"}): ${lift.join(" + ")}`);
    }
  }
  if (retained.length > 0)
    out.push(
      "",
      `**Kept in AWS** (retainOnDelete): ${retained.map((p) => code(p.row.name)).join(", ")}: Pulumi drops them from the stack ` +
        "and the resources stay (and are billed); delete them in AWS if they are not wanted.",
    );
  return out.join("\n") + "\n";
}
