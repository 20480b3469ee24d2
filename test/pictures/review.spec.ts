import { strict as assert } from "assert";
import { diffView } from "../../tools/diff";
import type { Plan } from "../../tools/plan/model";
import { planFor } from "../helpers/plan";

describe("pictures in the pull-request review", () => {
  let base: Plan;
  before(async () => {
    base = (await planFor("dev")).plan as Plan;
  });

  const reviewOf = (head: Plan, limit = 65536) => diffView(base, head, { limit }).text;

  it("shows no pictures when neither diagram changed", () => {
    assert.doesNotMatch(reviewOf(structuredClone(base)), /#### Pictures/);
  });

  it("embeds the flows graph, and only it, when a flow changed (a refused path drawn dashed)", () => {
    const head = structuredClone(base);
    const flows = head.flows as { ok: boolean; reason?: string }[];
    flows[0] = { ...flows[0], ok: false, reason: "planted" };
    const text = reviewOf(head);
    assert.match(
      text,
      /#### Pictures\n\n<details><summary>Network flows \(changed\)<\/summary>\n\n```mermaid\nflowchart LR\n/,
    );
    assert.doesNotMatch(text, /Deploy critical path \(changed\)/);
    // Only the planted flow is drawn: one edge, dashed.
    const graph = text.slice(text.indexOf("flowchart LR"), text.indexOf("```", text.indexOf("flowchart LR")));
    assert.equal((graph.match(/ (-->|-\.->)\|/g) ?? []).length, 1);
    assert.match(graph, / -\.->\|/);
  });

  it("embeds the Gantt chart when the deploy's critical path changed", () => {
    const head = structuredClone(base);
    // The system node group is on dev's critical path (cluster -> nodes -> coredns -> charts): without
    // it the chain and its chart change.
    head.resources = head.resources.filter((r) => r.type !== "aws:eks/nodeGroup:NodeGroup");
    const text = reviewOf(head);
    assert.match(text, /<summary>Deploy critical path \(changed\)<\/summary>\n\n```mermaid\ngantt\n/);
  });

  it("says where to find the pictures when they would crowd a short comment", () => {
    const head = structuredClone(base);
    for (const f of head.flows as { ok: boolean }[]) f.ok = false;
    const text = reviewOf(head, 8000);
    assert.match(
      text,
      /#### Pictures\n\nNetwork flows \(changed\): too large for this comment; `npm run pictures` draws them\./,
    );
  });
});
