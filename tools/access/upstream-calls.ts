/**
 * Controllers whose calls are enumerated by the IAM policy their maintainers publish at the
 * version the platform pins (upstream/*.json, each with its repository, tag, path and the date
 * read): the policy is upstream's statement of what the controller calls. Each Allow statement
 * becomes one request per action and resource kind it names, with the request
 * context its conditions describe (the tags the controller sets), so the program's own policy
 * must allow every call upstream wrote a statement for, under the same conditions.
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { ContextValue } from "./conditions";

interface RawStatement {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface UpstreamPolicies {
  source: { repository: string; tag: string; path: string; read: string };
  policies: Record<string, { Statement: RawStatement[] }>;
}

/** One call: the action, a resource of the kind upstream names, and the context its conditions expect. */
export interface UpstreamCall {
  action: string;
  resource: string;
  context: Record<string, ContextValue>;
  /** `<repository>@<tag>:<policy>#<Sid or index>` */
  source: string;
}

export function loadUpstream(file: string): UpstreamPolicies {
  return JSON.parse(readFileSync(join(__dirname, "upstream", file), "utf8")) as UpstreamPolicies;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A concrete ARN of the kind a pattern names: `*` in the account field is the account, elsewhere a name. */
function concrete(pattern: string, account: string, region: string): string {
  if (pattern === "*") return "*";
  const parts = pattern.split(":");
  if (parts[3] === "*") parts[3] = region;
  if (parts[4] === "*") parts[4] = account;
  return parts.join(":").replace(/\*/g, "x0").replace(/\?/g, "x");
}

/**
 * The context a statement's conditions describe: equality and pattern operators give their first
 * value (a wildcard filled in), `Null: false` a present key, `Null: true` an absent one, and
 * `ForAllValues:`/`ForAnyValue:` the values as a multivalued key. Other operators are not in
 * these policies; meeting one is an error, never a silent pass.
 */
function contextOf(condition: RawStatement["Condition"]): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {};
  const absent = new Set<string>();
  for (const [op, block] of Object.entries(condition ?? {}))
    for (const [key, raw] of Object.entries(block)) {
      const values = list(raw);
      if (op === "Null") {
        if (values[0] === "true") absent.add(key);
        else ctx[key] ??= "x0";
      } else if (/^(ForAllValues|ForAnyValue):String(Equals|Like)$/.test(op))
        ctx[key] = values.map((v) => v.replace(/\*/g, "x0"));
      else if (/^(String|Arn)(Equals|Like)(IfExists)?$/.test(op)) ctx[key] = values[0].replace(/\*/g, "x0");
      else throw new Error(`upstream policy condition operator ${op} has no request context rule`);
    }
  for (const k of absent) delete ctx[k];
  return ctx;
}

/**
 * The calls of an upstream policy with its `${...}` variables set (a statement naming a variable
 * not given is left out); `skip` names policies or Sids the platform turns off, with the reason
 * at the caller.
 */
export function upstreamCalls(
  upstream: UpstreamPolicies,
  vars: Readonly<Record<string, string | undefined>>,
  at: { account: string; region: string },
  skip: readonly string[] = [],
): UpstreamCall[] {
  const tag = `${upstream.source.repository.replace("https://github.com/", "")}@${upstream.source.tag}`;
  const out: UpstreamCall[] = [];
  for (const [policy, doc] of Object.entries(upstream.policies)) {
    if (skip.includes(policy)) continue;
    doc.Statement.forEach((s, i) => {
      if (s.Effect !== "Allow" || (s.Sid && skip.includes(s.Sid))) return;
      let missing = false;
      const sub = (text: string) =>
        text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
          const v = vars[name];
          if (v === undefined) missing = true;
          return v ?? "";
        });
      const resources = list(s.Resource ?? "*").map(sub);
      const context = contextOf(JSON.parse(sub(JSON.stringify(s.Condition ?? {}))));
      if (missing) return;
      // A call such as RunInstances names every kind of resource its statement lists: one request each.
      for (const action of list(s.Action))
        for (const resource of resources)
          out.push({
            action,
            resource: concrete(resource, at.account, at.region),
            context,
            source: `${tag}:${policy}#${s.Sid ?? `Statement[${i}]`}`,
          });
    });
  }
  return out;
}
