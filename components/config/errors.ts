/** One problem found in stack configuration: where, what was there, what was expected. */
export interface ConfigIssue {
  /** Full key path as a user would type it, e.g. `platform:network.azCount`. */
  path: string;
  /** The offending value (undefined when the key is missing). */
  value: unknown;
  /** What a valid value looks like. */
  expected: string;
}

/** Key names whose values are credentials: never printed, whatever the error. */
export const SECRET_KEY_RE = /pass(word|wd|phrase)?$|secret|token|api[-_]?key|private[-_]?key|credential|auth[-_]?key/i;

export function isSecretKey(path: string): boolean {
  const last =
    path
      .split(/[.:[\]]/)
      .filter(Boolean)
      .pop() ?? "";
  return SECRET_KEY_RE.test(last);
}

/** A copy of a value with the values of secret-looking keys (at any depth) replaced. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSecretKey(k) ? "[redacted]" : redact(v)]));
  return value;
}

/** The value as an error shows it; a secret-looking key (`path`) never shows its value. */
export function describeValue(value: unknown, path = ""): string {
  if (value === undefined) return "(missing)";
  if (path && isSecretKey(path) && value !== "[secret]") return "[redacted]";
  const text = JSON.stringify(redact(value));
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const SECRET_HINT = "; store credentials with `pulumi config set --secret <key>`, never in plain text";

export function formatIssue(issue: ConfigIssue): string {
  const secret = isSecretKey(issue.path) && issue.value !== undefined && issue.value !== "[secret]";
  return `${issue.path}: got ${describeValue(issue.value, issue.path)}; expected ${issue.expected}${secret ? SECRET_HINT : ""}`;
}

/**
 * Thrown by loadConfig with every problem at once. The message is the whole
 * report, so callers print `message` and never need the stack.
 */
export class ConfigError extends Error {
  constructor(
    public readonly issues: readonly ConfigIssue[],
    stack?: string,
  ) {
    super(
      `Invalid configuration${stack ? ` for stack "${stack}"` : ""} (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
        issues.map((i) => `  - ${formatIssue(i)}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Small edit distance for "did you mean" hints on unknown keys. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
