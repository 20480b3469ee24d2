import { strict as assert } from "assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ADDONS, chartPin } from "../../components/addons";

/** The order model's chart table (tools/order/rules.json): the same upstream facts, read separately. */
const RULES = JSON.parse(readFileSync(join(__dirname, "../../tools/order/rules.json"), "utf8")) as {
  charts: Record<string, { version: string; crds: string[] }>;
};

describe("add-on provides agree with the order model's chart table", () => {
  for (const addon of ADDONS)
    it(`${addon.id}: same chart version and CRD kinds`, () => {
      const pin = chartPin(addon);
      const row = RULES.charts[pin.chart];
      assert.ok(row, `tools/order/rules.json has no chart ${pin.chart}`);
      assert.equal(row.version, pin.version);
      assert.deepEqual(addon.provides.crds.map((c) => `${c.group}/${c.kind}`).sort(), [...row.crds].sort());
    });
});
