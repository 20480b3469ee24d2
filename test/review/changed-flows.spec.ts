import { strict as assert } from "assert";
import { changedFlows } from "../../tools/diff";
import { flowGraph } from "../../tools/pictures/mermaid";

// The review draws only what changed between the two plans' flows (plan.json `flows`: requirement,
// from, to, port, ok); a flow is the same flow when those four keys are.
const flow = (requirement: string, ok = true, port = 443) => ({
  requirement,
  from: `us-west-2 ${requirement} client`,
  to: "us-west-2 cluster API",
  port,
  ok,
});

describe("review: the flows that changed", () => {
  it("draws nothing when every flow keeps its verdict, whatever the order", () => {
    const base = [flow("a"), flow("b", false)];
    assert.deepEqual(changedFlows(base, [base[1], base[0]]), []);
  });

  it("keeps a new flow, a flow whose verdict flipped either way, and a flow the head lost", () => {
    const base = [flow("kept"), flow("breaks"), flow("heals", false), flow("gone")];
    const head = [flow("kept"), flow("breaks", false), flow("heals", true), flow("new")];
    assert.deepEqual(
      changedFlows(base, head).map((f) => [f.requirement, f.ok]),
      [
        ["breaks", false],
        ["heals", true],
        ["new", true],
        ["gone", true],
      ],
    );
  });

  it("tells flows apart by port as well as by requirement and ends", () => {
    assert.deepEqual(
      changedFlows([flow("dns", true, 53)], [flow("dns", true, 53), flow("dns", true, 5353)]).map((f) => f.port),
      [5353],
    );
  });

  it("a refused changed flow is drawn dashed; an unchanged one is not drawn", () => {
    const graph = flowGraph(changedFlows([flow("kept"), flow("cut")], [flow("kept"), flow("cut", false)]), [
      "us-west-2",
    ]);
    assert.match(graph, / -\.->\|"443"\| /);
    assert.doesNotMatch(graph, /kept client/);
  });
});
