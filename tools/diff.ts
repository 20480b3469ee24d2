/**
 * npm run diff -- BASE HEAD [--out FILE] [--full-out FILE] [--base-cost FILE --head-cost FILE] [--limit CHARS]
 *   [--live FILE]
 *
 * Prints the pull-request review of two plan.json files as Markdown: summary, "Needs attention",
 * monthly cost delta (from the given cost reports, else estimated from the plans), policy changes and
 * changes grouped by component, within GitHub's comment limit. --live (BASE's stack export or refreshed
 * preview JSON) adds where the live stack drifted from BASE. --full-out writes it without the limit.
 */
import * as fs from "fs";
import * as path from "path";
import { type CommandSpec, str, UsageError, wholeNumber, type ParsedArgs } from "./plan/args";
import { type CommandIo, processMain } from "./plan/command";
import { readJsonFile, readPlanFile } from "./plan/load";
import type { Plan } from "./plan/model";
import { GITHUB_COMMENT_LIMIT, renderReview, review } from "./review/render";
import type { CostReport } from "./review/cost";
import { estimateCost } from "./cost/estimate";
import { picturesOf, planRegions } from "./pictures/cli";
import { flowGraph, type FlowLike } from "./pictures/mermaid";
import { driftReport, readLiveState, type LiveState } from "./review/drift";
import { regionOf } from "./review/changes";

export const DIFF_COMMAND: CommandSpec = {
  command: "diff",
  summary: "The review of BASE -> HEAD (two plan.json files) as Markdown, within GitHub's comment limit.",
  positional: ["BASE", "HEAD"],
  flags: [
    { name: "out", value: "FILE", help: "also write the review to FILE" },
    { name: "full-out", value: "FILE", help: "write the review without the length limit (step summary)" },
    { name: "base-cost", value: "FILE", help: "cost.json of BASE (with --head-cost; default: estimated)" },
    { name: "head-cost", value: "FILE", help: "cost.json of HEAD" },
    { name: "limit", value: "CHARS", help: `length limit, at least 4096 (default ${GITHUB_COMMENT_LIMIT})` },
    {
      name: "live",
      value: "FILE",
      help: "BASE's live stack: `pulumi stack export` or `pulumi preview --refresh --json` output; the review notes drift",
    },
  ],
  notes: ["Exit 0 whether or not there are changes; 2 on bad arguments or files."],
};

/**
 * The flows a reviewer needs drawn: each head flow that is new or whose verdict changed, and each base
 * flow the head no longer has. A whole stack's graph (hundreds of flows) would not fit a comment and
 * would hide the one edge that changed.
 */
export function changedFlows(base: readonly FlowLike[], head: readonly FlowLike[]): FlowLike[] {
  const key = (f: FlowLike) => `${f.requirement}\u0000${f.from}\u0000${f.to}\u0000${f.port}`;
  const before = new Map(base.map((f) => [key(f), f.ok]));
  const after = new Set(head.map(key));
  return [...head.filter((f) => before.get(key(f)) !== f.ok), ...base.filter((f) => !after.has(key(f)))];
}

/** The view: two plans (and optionally their cost reports) -> the review text, with and without the limit. */
export function diffView(
  base: Plan,
  head: Plan,
  opts: { baseCost?: CostReport; headCost?: CostReport; limit: number; live?: LiveState },
): { text: string; full: string } {
  const cost = opts.baseCost
    ? { baseCost: opts.baseCost, headCost: opts.headCost }
    : { baseCost: estimateCost(base), headCost: estimateCost(head) };
  const rv = review(base, head);
  const byUrn = new Map(base.resources.map((r) => [r.urn, r]));
  const drift = opts.live ? driftReport(base, opts.live, (r) => regionOf(r, byUrn)) : undefined;
  const [before, after] = [picturesOf(base), picturesOf(head)];
  const flows = changedFlows((base.flows ?? []) as FlowLike[], (head.flows ?? []) as FlowLike[]);
  const pictures = {
    deploy: before.deploy === after.deploy ? undefined : after.deploy,
    flows: flows.length === 0 ? undefined : flowGraph(flows, planRegions(head)),
  };
  return {
    text: renderReview(rv, { ...cost, pictures, drift, limit: opts.limit }),
    full: renderReview(rv, { ...cost, pictures, drift, limit: 1_000_000 }),
  };
}

export function runDiff(args: ParsedArgs, io: CommandIo): number {
  if (!!str(args, "base-cost") !== !!str(args, "head-cost"))
    throw new UsageError("--base-cost and --head-cost go together");
  const limit = wholeNumber(args, "limit", 4096) ?? GITHUB_COMMENT_LIMIT;
  const [base, head] = args.positional.map((f) => readPlanFile(f, io.cwd));
  const cost = (name: string) => {
    const f = str(args, name);
    return f ? (readJsonFile(f, "a cost report (cost.json) written by npm run cost", io.cwd) as CostReport) : undefined;
  };
  const liveFile = str(args, "live");
  const live = liveFile ? liveStateFile(liveFile, base.stack, io.cwd) : undefined;
  const { text, full } = diffView(base, head, {
    baseCost: cost("base-cost"),
    headCost: cost("head-cost"),
    limit,
    live,
  });
  const out = str(args, "out");
  const fullOut = str(args, "full-out");
  if (out) fs.writeFileSync(path.resolve(io.cwd, out), text);
  if (fullOut) fs.writeFileSync(path.resolve(io.cwd, fullOut), full);
  io.stdout(text);
  return 0;
}

/** The live state of BASE's stack, or a UsageError naming the file and what was expected. */
function liveStateFile(file: string, stack: string, cwd: string): LiveState {
  const what = "the output of `pulumi stack export` or `pulumi preview --refresh --json`";
  const live = readLiveState(readJsonFile(file, what, cwd));
  if (typeof live === "string") throw new UsageError(`${file}: ${live}`);
  if (live.stack !== null && live.stack !== stack)
    throw new UsageError(`${file}: is the state of stack "${live.stack}"; BASE is stack "${stack}"`);
  return live;
}

if (require.main === module) processMain(DIFF_COMMAND, runDiff, path.resolve(__dirname, ".."));
