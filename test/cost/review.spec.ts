import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import { costSection } from "../../tools/review/cost";
import { NAT, plan, res } from "./fixtures";

const ALB = "aws:lb/loadBalancer:LoadBalancer";

describe("cost: the review's cost section states coverage", () => {
  // Base: one serving region, us-east-1. Head adds ap-south-1, where nothing is priced.
  const base = estimateCost(
    plan([res(ALB, "us-east-1", { subnets: ["a", "b"] }, "alb-use1"), res(NAT, "us-east-1", {}, "nat-use1")]),
  );
  const head = estimateCost(
    plan([
      res(ALB, "us-east-1", { subnets: ["a", "b"] }, "alb-use1"),
      res(NAT, "us-east-1", {}, "nat-use1"),
      res(ALB, "ap-south-1", { subnets: ["a", "b"] }, "alb-aps1"),
      res(NAT, "ap-south-1", {}, "nat-aps1"),
    ]),
  );
  const text = costSection(base, head);

  it("gives both sides' counts and flags the new region without prices and the traffic it takes", () => {
    assert.match(
      text,
      /\nCoverage: 4 resources: 2 estimated, 0 free, 2 unpriced \(base: 2 resources: 2 estimated, 0 free, 0 unpriced\)\.\n/,
    );
    assert.match(
      text,
      /\n- ⚠️ \*\*Not priced in ap-south-1\*\*: 2 resources have no pinned price there and are not in the total \(`ec2\/natGateway:NatGateway`, `lb\/loadBalancer:LoadBalancer`\); it takes 50\.0 % of the traffic, so lines that follow traffic in the other regions fall by that share without that money being saved\.\n/,
    );
    assert.match(
      text,
      /\nNewly not estimated:\n\n- \+1 `aws:ec2\/natGateway:NatGateway` in ap-south-1: no pinned price/,
    );
  });

  it("still shows the existing ALB's LCU falling (traffic moved), now next to the warning", () => {
    // us-east-1's ALB LCUs halve: half the traffic now goes to an unpriced ALB.
    const lcu = (r: typeof base) => r.lines.find((l) => l.line === "ALB LCU" && l.region === "us-east-1")!.monthly;
    assert.ok(lcu(head) < lcu(base));
    assert.match(text, /`alb-use1` .*\(-\$[0-9.]+\)/);
  });

  it("claims nothing about coverage when a report has none (written before coverage existed)", () => {
    const { coverage: _b, ...oldBase } = base;
    const { coverage: _h, ...oldHead } = head;
    const old = costSection(oldBase, oldHead);
    assert.doesNotMatch(old, /Coverage|Not priced/);
    assert.match(old, /^#### Monthly cost: /);
  });
});
