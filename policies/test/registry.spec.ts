import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { policyConfigFor } from "../lib/config";
import { isStackPolicy } from "../lib/policy";
import { REGISTRY, allPolicies } from "../lib/registry";
import { CONFIG_ENVIRONMENTS, renderPolicyConfig } from "../lib/write-config";

describe("policies: registry", () => {
  // Built inside each test, not at load: a mutation tester switches mutants on per test.
  let policies: ReturnType<typeof allPolicies>;
  beforeEach(() => {
    policies = allPolicies();
  });

  it("has unique kebab-case names and a description for every policy", () => {
    const names = policies.map((p) => p.name);
    assert.equal(new Set(names).size, names.length);
    for (const p of policies) {
      assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, p.name);
      assert.ok(p.description.length > 10, p.name);
    }
  });

  it("sets every default level deliberately (advisory or mandatory)", () => {
    for (const p of policies)
      assert.ok(p.enforcementLevel === "advisory" || p.enforcementLevel === "mandatory", p.name);
  });

  it("only escalates advisory policies in strict environments", () => {
    for (const entry of REGISTRY.filter((e) => e.strict)) {
      const p = entry.create();
      assert.equal(p.enforcementLevel, "advisory", p.name);
      assert.equal(entry.strict, "mandatory", p.name);
    }
  });

  it("never declares enforcementLevel inside a configSchema (the engine refuses such packs)", () => {
    for (const p of policies) assert.equal(p.configSchema?.properties.enforcementLevel, undefined, p.name);
  });

  it("gives every policy exactly one kind of validation", () => {
    for (const p of policies) assert.equal(isStackPolicy(p), !("validateResource" in p), p.name);
  });

  it("only configures policies that exist", () => {
    const names = new Set(policies.map((p) => p.name));
    for (const env of CONFIG_ENVIRONMENTS)
      for (const key of Object.keys(policyConfigFor(env))) assert.ok(names.has(key), `${env}: ${key}`);
  });

  for (const env of CONFIG_ENVIRONMENTS)
    it(`keeps config/${env}.json in sync with policyConfigFor (regenerate with lib/write-config.ts)`, () =>
      assert.equal(readFileSync(join(__dirname, "..", "config", `${env}.json`), "utf8"), renderPolicyConfig(env)));
});
