import { failoverSummaryLine, type FailoverEntry } from "./failover/analysis";
import * as path from "path";
import { ConfigError, loadConfig } from "../components/config";
import { configWarnings } from "../components/config/load";
import type { PlatformConfig } from "../components/config";
import { PlanResource, runProgram } from "./engine/run";
import { readStackConfig } from "./engine/stack-config";
import { evaluatePolicies, policyConfigFor, type Violation } from "../policies/lib/offline";
import { runAnalyses } from "./plan/analyses";
import { countLine, type Plan } from "./plan/model";
import type { PolicyPackConfig } from "@pulumi/policy";
import { estimateCost } from "./cost/estimate";
import { costSummaryLine, topLines } from "./cost/report";

export type { Plan, Violation };

export interface PlanOptions {
  stack: string;
  rootDir: string;
  /** Default: `<rootDir>/Pulumi.<stack>.yaml`. */
  configFile?: string;
  /** Edit the flat config before the run (tests plant bad or changed values this way). */
  overrides?: Record<string, string>;
  /** The day support dates are judged on (config warnings); default: now. */
  today?: Date;
  /** The program to run; default: the real index.ts. */
  program?: () => unknown;
  /** Run as `pulumi preview` of a fresh stack sees it (computed outputs unknown, apply callbacks skipped). */
  preview?: boolean;
}

export type PlanResult =
  { ok: true; plan: Plan; config: PlatformConfig; warnings: string[] } | { ok: false; error: ConfigError };

/**
 * The offline plan: validate config (same loader the program uses), run the
 * real program on the mock engine, evaluate the policy pack over the result.
 */
export async function buildPlan(opts: PlanOptions): Promise<PlanResult> {
  const file = opts.configFile ?? path.join(opts.rootDir, `Pulumi.${opts.stack}.yaml`);
  const stackConfig = readStackConfig(opts.rootDir, file);
  const flat = { ...stackConfig.config, ...(opts.overrides ?? {}) };
  let config: PlatformConfig;
  try {
    config = loadConfig(flat, { project: stackConfig.project, stack: opts.stack });
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, error: err };
    throw err;
  }
  const entry = path.join(opts.rootDir, "index.ts");
  const program =
    opts.program ??
    (() => {
      const id = require.resolve(entry);
      delete require.cache[id];
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program must re-run on each plan
        return require(entry);
      } finally {
        // Node appends every freshly loaded module to its requirer's `children` and never removes it:
        // each plan's index.ts module, with the stack outputs it exports (hence every resource of the
        // run), would stay reachable from this module for the life of the process.
        module.children = module.children.filter((m) => m.id !== id);
      }
    });
  const run = await runProgram({
    project: stackConfig.project,
    stack: opts.stack,
    config: flat,
    secretKeys: stackConfig.secretKeys,
    program,
    preview: opts.preview,
  });
  const analyses = runAnalyses({ resources: run.resources, config, preview: opts.preview });
  const violations = [...planViolations(run.resources, config, opts.preview), ...analyses.violations];
  return {
    ok: true,
    config,
    warnings: configWarnings(config, opts.today),
    plan: {
      stack: opts.stack,
      project: stackConfig.project,
      resources: run.resources,
      outputs: run.outputs,
      violations,
      // Typed entries (flows, ...) come from the registered analyses, keyed as plan.json writes them.
      ...(analyses.entries as Pick<Plan, "flows">),
      usage: config.cost,
    },
  };
}

/** The policy pack over a run's resources, configured from the stack as a real preview is (stackPolicyConfig). */
export function planViolations(resources: PlanResource[], config: PlatformConfig, preview = false): Violation[] {
  const stackTags = new Map([["environment", config.environment]]);
  return evaluatePolicies(resources, {
    preview,
    environment: config.environment,
    stackTags,
    config: stackPolicyConfig(config, resources),
  });
}

/**
 * The stack's `--policy-pack-config`, the one object the offline plan, `npm run policy-config` (CI
 * previews and deploys) and `npm run cost -- --policy-config` all give the pack: the environment's
 * levels, the stack's allowed regions and detection services, and, when `platform:cost.monthlyBudget`
 * is set and the planned resources are given, the budget with their estimate (the pack cannot price
 * resources itself).
 */
export function stackPolicyConfig(config: PlatformConfig, resources?: readonly PlanResource[]): PolicyPackConfig {
  const pack = policyConfigFor(config.environment, {
    allowedRegions: config.allowedRegions,
    detection: config.security,
  });
  if (config.cost.monthlyBudget === undefined || !resources) return pack;
  const report = estimateCost({ resources: [...resources], usage: config.cost });
  return {
    ...pack,
    "cost-budget": {
      ...(pack["cost-budget"] as object | undefined),
      monthlyBudget: config.cost.monthlyBudget,
      estimate: { monthly: report.monthly, top: topLines(report), priceDate: report.priceDate },
    },
  };
}

/** Mandatory violations fail the plan; advisory ones are printed only. */
export function mandatoryViolations(plan: Plan): Violation[] {
  return plan.violations.filter((v) => v.enforcementLevel === "mandatory");
}

/** The component a resource belongs to: its nearest platform component below Region/Platform. */
export function componentOf(r: PlanResource, byUrn: Map<string, PlanResource>): string {
  let cur: PlanResource | undefined = r;
  let best = r.type;
  while (cur) {
    if (cur.type.startsWith("platform:") && !["platform:region:Region", "platform:index:Platform"].includes(cur.type))
      best = cur.type;
    cur = cur.parent ? byUrn.get(cur.parent) : undefined;
  }
  return best;
}

/** Readable summary: resources per region and component, then violations. */
export function summarize(plan: Plan): string {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const counts = new Map<string, Map<string, number>>();
  for (const r of plan.resources) {
    if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
    const region = r.region ?? regionOfAncestor(r, byUrn) ?? "global";
    const comp = componentOf(r, byUrn);
    const m = counts.get(region) ?? new Map<string, number>();
    m.set(comp, (m.get(comp) ?? 0) + 1);
    counts.set(region, m);
  }
  const lines = [`Plan for stack "${plan.stack}" (project ${plan.project}): ${countLine(plan)}`];
  for (const [region, m] of [...counts.entries()].sort()) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    lines.push(`  ${region} (${total})`);
    for (const [comp, n] of [...m.entries()].sort()) lines.push(`    ${comp.padEnd(44)} ${String(n).padStart(4)}`);
  }
  const mandatory = mandatoryViolations(plan);
  lines.push(`Policy violations: ${mandatory.length} mandatory, ${plan.violations.length - mandatory.length} advisory`);
  for (const v of plan.violations) lines.push(`  [${v.enforcementLevel}] ${v.policy}: ${v.message}\n      ${v.urn}`);
  const failover = (plan.failover as FailoverEntry[] | undefined)?.[0];
  if (failover) lines.push(failoverSummaryLine(failover).replace("<stack>", plan.stack));
  lines.push(costSummaryLine(estimateCost(plan)));
  return lines.join("\n");
}

/** Kubernetes and other non-AWS resources are shown under the Region component they belong to. */
function regionOfAncestor(r: PlanResource, byUrn: Map<string, PlanResource>): string | null {
  let cur = r.parent ? byUrn.get(r.parent) : undefined;
  while (cur) {
    if (cur.type === "platform:region:Region") return cur.name;
    cur = cur.parent ? byUrn.get(cur.parent) : undefined;
  }
  return null;
}
