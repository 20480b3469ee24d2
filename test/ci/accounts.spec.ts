import { strict as assert } from "assert";
import { configWarnings } from "../../components/config/load";
import { ENVIRONMENT_STACK_RE } from "../../components/config/sections/core-rules";
import { providerArgs } from "../../components/providers";
import { ConfigError, loadConfig, type ConfigIssue } from "../../components/config";
import { configIssues, standInFlat, testConfig } from "../helpers/stand-in";

// One AWS account per environment, and the stack's name deciding its environment
// (docs/security.md, "Accounts" and "Strictness follows the stack").
const base = (environment: string, extra: Record<string, unknown> = {}) => ({
  environment,
  regions: [{ name: "us-west-2", vpcCidr: "10.1.0.0/16" }],
  ...extra,
});
const messages = (raw: Record<string, unknown>, stack: string) =>
  configIssues(raw, stack).map((i) => `${i.path}: ${i.expected}`);

describe("strictness follows the stack name", () => {
  it("a stack named prod (or prod-<suffix>) that says dev is a config error naming both", () => {
    for (const stack of ["prod", "prod-eu"]) {
      const m = messages(base("dev"), stack);
      assert.equal(m.length, 1, m.join("\n"));
      assert.match(m[0], new RegExp(`^platform:environment: "prod": the stack "${stack}" is a prod stack by its name`));
      assert.deepEqual(
        configIssues(base("dev"), stack).map((i) => i.value),
        ["dev"],
      );
    }
  });

  it("a stack named dev cannot claim staging either, and a stack named after no environment keeps its own", () => {
    assert.ok(
      messages(base("staging"), "dev").some((m) => /"dev": the stack "dev" is a dev stack/.test(m)),
      messages(base("staging"), "dev").join("\n"),
    );
    assert.deepEqual(messages(base("dev"), "feature-x"), []);
    assert.equal(testConfig(base("prod"), "acceptance").environment, "prod");
  });

  it("names decide only whole words: production-like names are other names", () => {
    assert.equal(ENVIRONMENT_STACK_RE.exec("production")?.[1], undefined);
    assert.equal(ENVIRONMENT_STACK_RE.exec("devops")?.[1], undefined);
    assert.equal(ENVIRONMENT_STACK_RE.exec("staging-2")?.[1], "staging");
  });
});

describe("accounts: prod refuses to run in another account", () => {
  it("a prod stack without its account id is a config error at platform:security.accountId", () => {
    // The stand-in fills a prod account; take it out again.
    const flat = standInFlat(
      Object.fromEntries(Object.entries(base("prod")).map(([k, v]) => [`platform:${k}`, JSON.stringify(v)])),
    );
    const { accountId: _, ...rest } = JSON.parse(flat["platform:security"]);
    flat["platform:security"] = JSON.stringify(rest);
    let missing: readonly ConfigIssue[] = [];
    try {
      loadConfig(flat, { project: "platform", stack: "prod" });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      missing = err.issues;
    }
    assert.equal(missing.length, 1, JSON.stringify(missing));
    assert.ok(
      missing.some(
        (i) => i.path === "platform:security.accountId" && /12-digit id of prod's own AWS account/.test(i.expected),
      ),
      JSON.stringify(missing),
    );
  });

  it("every provider allows exactly the configured account; without one (dev) no account list", () => {
    const prod = testConfig(base("prod", { security: { accountId: "444455556666" } }), "prod");
    assert.deepEqual(providerArgs(prod, "us-west-2").allowedAccountIds, ["444455556666"]);
    assert.equal(providerArgs(prod, "us-west-2").region, "us-west-2");
    const dev = testConfig(base("dev", { cluster: { deployer: { egressCidrs: ["203.0.113.0/24"] } } }), "dev");
    assert.equal(providerArgs(dev, "us-west-2").allowedAccountIds, undefined);
  });

  it("account ids are 12 digits", () => {
    const m = messages(base("prod", { security: { accountId: "4444-5555-6666" } }), "prod");
    assert.ok(m.includes("platform:security.accountId: a 12-digit AWS account id"), m.join("\n"));
  });

  it("shared-account mode is explicit and warns loudly; separate accounts do not warn", () => {
    const shared = testConfig(base("prod", { security: { accountId: "444455556666", sharedAccount: true } }), "prod");
    const w = configWarnings(shared).filter((x) => x.startsWith("SHARED ACCOUNT"));
    assert.equal(w.length, 1);
    assert.match(w[0], /444455556666 also holds another environment's stack/);
    const own = testConfig(base("prod", { security: { accountId: "444455556666" } }), "prod");
    assert.deepEqual(
      configWarnings(own).filter((x) => x.startsWith("SHARED ACCOUNT")),
      [],
    );
  });
});
