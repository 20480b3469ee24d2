/**
 * IAM policy documents as the evaluator reads them: statements normalised to arrays, each carrying
 * where it came from (the plan resource, managed policy ARN or data row and its Sid), so a decision
 * can name the statement that made it.
 */
export type ConditionBlock = Record<string, Record<string, unknown>>;

export interface RawStatement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: ConditionBlock;
}

export interface RawPolicy {
  Version?: string;
  Statement: RawStatement | RawStatement[];
}

/** One statement, normalised, with its origin. */
export interface Statement {
  effect: "Allow" | "Deny";
  /** Resource policies only: who the statement is about. Undefined in identity policies. */
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  condition: ConditionBlock;
  /** `<source>#<Sid or index>`: the plan URN, managed policy ARN or data row, and the statement. */
  ref: string;
}

/** `"*"` or a map of principal type (AWS, Service, Federated, CanonicalUser) to values. */
export type PrincipalSpec = "*" | Record<string, string[]>;

const list = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

function principalSpec(p: unknown): PrincipalSpec | undefined {
  if (p === undefined) return undefined;
  if (p === "*") return "*";
  if (typeof p !== "object" || p === null) throw new Error(`Principal ${JSON.stringify(p)}: expected "*" or a map`);
  return Object.fromEntries(
    Object.entries(p as Record<string, unknown>).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]),
  );
}

/** Parses a policy (JSON text or object) into statements tagged with `source`. */
export function statementsOf(policy: string | RawPolicy, source: string): Statement[] {
  const doc = (typeof policy === "string" ? JSON.parse(policy) : policy) as RawPolicy;
  const raw = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return raw.map((s, i) => {
    if (s.Effect !== "Allow" && s.Effect !== "Deny")
      throw new Error(`${source} statement ${i}: Effect ${JSON.stringify(s.Effect)}, expected "Allow" or "Deny"`);
    return {
      effect: s.Effect,
      principal: principalSpec(s.Principal),
      notPrincipal: principalSpec(s.NotPrincipal),
      action: list(s.Action),
      notAction: list(s.NotAction),
      resource: list(s.Resource),
      notResource: list(s.NotResource),
      condition: s.Condition ?? {},
      ref: `${source}#${s.Sid ?? `Statement[${i}]`}`,
    };
  });
}
