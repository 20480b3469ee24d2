import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { known } from "../../lib/policy";
import { NAME_RULES, type NameRow } from "./limits";
import { brokenRules } from "./rules";

/** What the provider appends to the resource name when no name is given ("-" and 7 random hex characters). */
export const AUTO_NAME_SUFFIX = "-xxxxxxx";
const AUTO_NAME_HEX = "-0000000";

function cite(row: NameRow): string {
  return row.sources.map((s) => `${s.url} (read ${s.read})`).join("; ");
}

/** The violations of one resource against the table (pure: the spec calls it with plain props). */
export function physicalNameViolations(
  type: string,
  resourceName: string,
  props: Record<string, unknown>,
  read: <T>(f: () => T) => T | undefined = known,
): string[] {
  const out: string[] = [];
  const what = `${type} "${resourceName}"`;
  for (const row of NAME_RULES) {
    if (row.type !== type) continue;
    const value = read(() => props[row.key]);
    if (typeof value === "string") {
      const broken = brokenRules(value, row.checks);
      if (broken.length > 0)
        out.push(`${what} ${row.key} "${value}" must: ${broken.join("; ")} [AWS rule: ${cite(row)}]`);
      continue;
    }
    // Present but not a known string: computed during preview, nothing to check yet.
    if (row.key in props) continue;
    const prefixValue = row.prefix ? read(() => props[row.prefix!.key]) : undefined;
    if (row.prefix && typeof prefixValue === "string") {
      if (prefixValue.length > row.prefix.max)
        out.push(
          `${what} ${row.prefix.key} "${prefixValue}" must: be at most ${row.prefix.max} characters ` +
            `(has ${prefixValue.length}) [provider rule: ${row.prefix.source.url} (read ${row.prefix.source.read})]`,
        );
      continue;
    }
    if (row.prefix && row.prefix.key in props) continue;
    if (!row.autoNamed) continue;
    // The provider names it "<resource name>-<7 hex>"; check that shape (hex digits are in every charset).
    const broken = brokenRules(`${resourceName}${AUTO_NAME_HEX}`, row.checks);
    if (broken.length > 0)
      out.push(
        `${what} sets no ${row.key}, so it is auto-named "${resourceName}${AUTO_NAME_SUFFIX}", which must: ` +
          `${broken.join("; ")} (set ${row.key} explicitly, or shorten the resource name) [AWS rule: ${cite(row)}]`,
      );
  }
  return out;
}

/**
 * Mandatory: AWS rejects a name that is too long or uses a forbidden character at create time, after
 * `pulumi up` has already built everything before it. The rules come from `limits.ts` (each row
 * cites where it was read); values unknown during preview are skipped.
 */
export function awsPhysicalNames(): ResourceValidationPolicy {
  return {
    name: "aws-physical-names",
    description:
      "AWS physical names (name, bucket, identifiers, auto-names) fit the length and character rules AWS enforces.",
    enforcementLevel: "mandatory",
    validateResource: (args: ResourceValidationArgs, reportViolation) => {
      for (const message of physicalNameViolations(args.type, args.name, args.props as Record<string, unknown>))
        reportViolation(message);
    },
  };
}
