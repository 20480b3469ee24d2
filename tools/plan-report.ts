import type { Violation } from "../policies/lib/offline";

/**
 * What `npm run plan` prints on stderr when mandatory policies fail. The summary (printed unless
 * --quiet) already lists every violation; with --quiet this report lists the mandatory ones itself,
 * so the failure never points at output that was not printed.
 */
export function mandatoryReport(mandatory: readonly Violation[], quiet: boolean): string {
  const count = `${mandatory.length} mandatory policy violation${mandatory.length === 1 ? "" : "s"}`;
  if (!quiet) return `${count}; listed in the summary above`;
  return [`${count}:`, ...mandatory.map((v) => `  [mandatory] ${v.policy}: ${v.message}\n      ${v.urn}`)].join("\n");
}
