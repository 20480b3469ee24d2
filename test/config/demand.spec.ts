import { strict as assert } from "assert";
import { configWarnings } from "../../components/config/load";
import { configIssues, testConfig } from "../helpers/stand-in";

const regions = [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }];
const load = (extra: Record<string, unknown>) => testConfig({ environment: "dev", regions, ...extra });
const problems = (extra: Record<string, unknown>) =>
  configIssues({ environment: "dev", regions, ...extra }).map(
    (i) => `${i.path}: ${JSON.stringify(i.value)}; ${i.expected}`,
  );

describe("platform:demand: one traffic model for cost and capacity", () => {
  it("derives the design peak from seed 004's users and seed 003's floor, and cost prices that peak", () => {
    const c = load({});
    // 100 M users x 10 % daily active x 100 requests / 86,400 s = 11,574 rps average; x 3 = 34,722 rps.
    assert.equal(Math.round(c.demand.averageRps), 11_574);
    assert.equal(c.demand.peakRps, 34_722);
    assert.equal(c.cost.traffic.peakRps, c.demand.peakRps);
    assert.equal(c.cost.demand, c.demand);
    const small = load({ demand: { users: 2_000_000, requestsPerActiveUserPerDay: 50 } });
    assert.deepEqual([small.demand.peakRps, small.demand.peakFrom], [10_000, "floor"]);
    assert.equal(small.cost.traffic.peakRps, 10_000);
  });

  it("an explicit demand.peakRps is the design peak", () => {
    const c = load({ demand: { peakRps: 250 } });
    assert.deepEqual([c.demand.peakRps, c.demand.peakFrom, c.cost.traffic.peakRps], [250, "configured", 250]);
  });

  it("reads cost.traffic.peakRps as demand.peakRps, saying where it lives now", () => {
    const c = load({ cost: { traffic: { peakRps: 20 } } });
    assert.deepEqual([c.demand.peakRps, c.cost.traffic.peakRps], [20, 20]);
    assert.ok(
      configWarnings(c).includes(
        "platform:cost.traffic.peakRps is read as platform:demand.peakRps, where it lives now (one demand model feeds cost and capacity): move it there",
      ),
    );
    assert.deepEqual(
      configWarnings(load({ demand: { peakRps: 20 } })).filter((w) => w.includes("peakRps")),
      [],
    );
  });

  it("refuses the old and the new key set to different values, and bad model values", () => {
    assert.deepEqual(problems({ cost: { traffic: { peakRps: 20 } }, demand: { peakRps: 30 } }), [
      "platform:cost.traffic.peakRps: 20; unset: it moved to platform:demand.peakRps, which this stack sets to 30",
    ]);
    assert.deepEqual(problems({ demand: { dailyActiveShare: 1.5, peakToAverage: 0.5, users: 0 } }), [
      "platform:demand.users: 0; a positive number (registered users)",
      "platform:demand.dailyActiveShare: 1.5; a share between 0 and 1",
      "platform:demand.peakToAverage: 0.5; a factor >= 1",
    ]);
  });
});

describe("platform:availability", () => {
  it("defaults to seed 003's 99.99 %: 259.2 s of failure in a 30-day month (4.32 min)", () => {
    assert.deepEqual(load({}).availability, { objective: 99.99, budgetSecondsPerMonth: 259.2 });
    assert.deepEqual(load({ availability: { objective: 99.9 } }).availability, {
      objective: 99.9,
      budgetSecondsPerMonth: 2592,
    });
  });

  it("accepts 90 <= objective < 100 only", () => {
    assert.equal(load({ availability: { objective: 90 } }).availability.budgetSecondsPerMonth, 259_200);
    const expected = "a percentage, at least 90 and below 100 (e.g. 99.99)";
    assert.deepEqual(problems({ availability: { objective: 100 } }), [
      `platform:availability.objective: 100; ${expected}`,
    ]);
    assert.deepEqual(problems({ availability: { objective: 89.9 } }), [
      `platform:availability.objective: 89.9; ${expected}`,
    ]);
    assert.deepEqual(problems({ availability: { objective: "99.99" } }), [
      `platform:availability.objective: "99.99"; ${expected}`,
    ]);
  });
});
