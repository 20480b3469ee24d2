/**
 * Building blocks of AWS physical-name rules. Each check names the rule in words (that text is what
 * a violation message quotes), so the table in `limits.ts` reads like the AWS page it was taken from.
 */
export interface NameCheck {
  /** The rule as the message states it after "must", e.g. "be at most 32 characters". */
  rule: string;
  /** A length rule: the message adds the value's length. */
  measured?: boolean;
  ok: (value: string) => boolean;
}

/** Where a rule was read, and when (the team re-reads rows older than a year). */
export interface NameSource {
  url: string;
  /** ISO date the page was read. */
  read: string;
  /** What the page says, short, so a reviewer can compare without reopening it. */
  saw: string;
}

export const lengthBetween = (min: number, max: number): NameCheck => ({
  rule: min > 1 ? `be ${min} to ${max} characters` : `be at most ${max} characters`,
  ok: (v) => v.length >= min && v.length <= max,
  measured: true,
});

export const charset = (re: RegExp, words: string): NameCheck => ({
  rule: `contain only ${words}`,
  ok: (v) => re.test(v),
});

export const firstLetter: NameCheck = { rule: "start with a letter", ok: (v) => /^[A-Za-z]/.test(v) };

export const firstAlphanumeric: NameCheck = {
  rule: "start with a letter or digit",
  ok: (v) => /^[A-Za-z0-9]/.test(v),
};

export const noEdgeHyphen: NameCheck = {
  rule: "not start or end with a hyphen",
  ok: (v) => !v.startsWith("-") && !v.endsWith("-"),
};

export const noTrailingHyphen: NameCheck = { rule: "not end with a hyphen", ok: (v) => !v.endsWith("-") };

export const noDoubleHyphen: NameCheck = { rule: "not contain two consecutive hyphens", ok: (v) => !v.includes("--") };

export const startsWith = (prefix: string): NameCheck => ({
  rule: `start with "${prefix}"`,
  ok: (v) => v.startsWith(prefix),
});

export const notStartsWith = (...prefixes: string[]): NameCheck => ({
  rule: `not start with ${prefixes.map((p) => `"${p}"`).join(" or ")}`,
  ok: (v) => !prefixes.some((p) => v.startsWith(p)),
});

export const notEndsWith = (...suffixes: string[]): NameCheck => ({
  rule: `not end with ${suffixes.map((s) => `"${s}"`).join(" or ")}`,
  ok: (v) => !suffixes.some((s) => v.endsWith(s)),
});

export const notEqual = (...reserved: string[]): NameCheck => ({
  rule: `not be ${reserved.map((r) => `"${r}"`).join(" or ")}`,
  ok: (v) => !reserved.includes(v.toLowerCase()),
});

export const notIpAddress: NameCheck = {
  rule: "not be formatted as an IP address",
  ok: (v) => !/^\d{1,3}(\.\d{1,3}){3}$/.test(v),
};

export const noAdjacentPeriods: NameCheck = { rule: "not contain two adjacent periods", ok: (v) => !v.includes("..") };

export const edgeAlphanumeric: NameCheck = {
  rule: "begin and end with a letter or number",
  ok: (v) => /^[a-z0-9]/.test(v) && /[a-z0-9]$/.test(v),
};

/** The rules a name breaks, in table order (empty when it passes); length rules say the length. */
export function brokenRules(value: string, checks: readonly NameCheck[]): string[] {
  return checks.filter((c) => !c.ok(value)).map((c) => (c.measured ? `${c.rule} (has ${value.length})` : c.rule));
}
