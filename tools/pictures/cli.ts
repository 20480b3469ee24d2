/**
 * npm run pictures -- --stack NAME [--plan FILE] [--only deploy|flows]
 *
 * Prints Markdown with Mermaid diagrams of a plan: the deploy's critical path as a Gantt chart and
 * the network flows as a graph of regions and tiers (GitHub renders both in comments and files).
 */
import * as path from "path";
import { type CommandSpec, type ParsedArgs, str, UsageError } from "../plan/args";
import { type CommandIo, processMain } from "../plan/command";
import { readPlanFile } from "../plan/load";
import type { Plan } from "../plan/model";
import { analyse } from "../critical-path-lib";
import { deployGantt, flowGraph, type FlowLike } from "./mermaid";

export const PICTURES_COMMAND: CommandSpec = {
  command: "pictures",
  summary: "Mermaid diagrams of a plan: the deploy's critical path (Gantt) and the network flows (graph).",
  flags: [
    { name: "stack", value: "NAME", help: "reads out/NAME/plan.json" },
    { name: "plan", value: "FILE", help: "read this plan.json instead" },
    { name: "only", value: "deploy|flows", help: "print one diagram, without the Markdown around it" },
  ],
  notes: ["Exit 0; 2 on bad arguments or files."],
};

/** The regions of a plan, in the order its resources name them. */
export function planRegions(plan: Pick<Plan, "resources">): string[] {
  return [...new Set(plan.resources.map((r) => r.region).filter((r): r is string => !!r))];
}

export function picturesOf(plan: Plan): { deploy: string; flows: string } {
  return {
    deploy: deployGantt(analyse(plan.stack, plan.resources)),
    flows: flowGraph((plan.flows ?? []) as FlowLike[], planRegions(plan)),
  };
}

export function runPictures(args: ParsedArgs, io: CommandIo): number {
  const only = str(args, "only");
  if (only !== undefined && only !== "deploy" && only !== "flows")
    throw new UsageError(`--only: got "${only}"; expected deploy or flows`);
  const stack = str(args, "stack");
  const file = str(args, "plan") ?? (stack ? path.join(io.rootDir, "out", stack, "plan.json") : undefined);
  if (!file) throw new UsageError("--stack <name> or --plan FILE is required (e.g. --stack dev)");
  const plan = readPlanFile(file, io.cwd);
  const p = picturesOf(plan);
  if (only) {
    io.stdout(p[only]);
    return 0;
  }
  io.stdout(
    [
      `## Deploy of ${plan.stack}: critical path`,
      "",
      "```mermaid",
      p.deploy.trimEnd(),
      "```",
      "",
      `## Network flows of ${plan.stack}`,
      "",
      "```mermaid",
      p.flows.trimEnd(),
      "```",
      "",
    ].join("\n"),
  );
  return 0;
}

if (require.main === module) processMain(PICTURES_COMMAND, runPictures, path.resolve(__dirname, "..", ".."));
