import { strict as assert } from "assert";
import * as fc from "fast-check";
import { PlanGraph } from "../../tools/order";
import type { PlanResource } from "../../policies/lib/offline";

const node = (i: number, deps: number[], provider?: number): PlanResource => ({
  urn: `u${i}`,
  type: "t",
  name: `n${i}`,
  custom: true,
  parent: null,
  provider: provider === undefined ? null : `u${provider}`,
  region: null,
  inputs: {},
  dependencies: deps.map((d) => `u${d}`),
});

/** Reachability by breadth-first search over dependencies and the provider: the oracle. */
function reach(nodes: PlanResource[], from: PlanResource): Set<string> {
  const byUrn = new Map(nodes.map((n) => [n.urn, n]));
  const seen = new Set<string>();
  const queue = [...from.dependencies, ...(from.provider ? [from.provider] : [])];
  while (queue.length > 0) {
    const u = queue.shift()!;
    if (seen.has(u)) continue;
    seen.add(u);
    const n = byUrn.get(u)!;
    queue.push(...n.dependencies, ...(n.provider ? [n.provider] : []));
  }
  return seen;
}

describe("order model: the dependency graph", () => {
  it("created-before is reachability over dependencies and providers, whatever order closures are asked in", () => {
    // A DAG: node i depends only on nodes below i.
    const dag = fc
      .integer({ min: 1, max: 30 })
      .chain((n) =>
        fc.tuple(
          ...Array.from({ length: n }, (_, i) =>
            fc.tuple(
              fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { maxLength: i === 0 ? 0 : 4 }),
              i === 0 ? fc.constant(undefined) : fc.option(fc.integer({ min: 0, max: i - 1 }), { nil: undefined }),
            ),
          ),
        ),
      )
      .map((spec) => spec.map(([deps, provider], i) => node(i, deps, provider)));
    fc.assert(
      fc.property(dag, fc.boolean(), (nodes, reversed) => {
        const g = new PlanGraph(nodes);
        for (const n of reversed ? [...nodes].reverse() : nodes)
          assert.deepEqual([...g.closure(n)].sort(), [...reach(nodes, n)].sort());
      }),
    );
  });
});
