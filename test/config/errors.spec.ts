import { strict as assert } from "assert";
import { ConfigError, closest, describeValue, formatIssue, isSecretKey, redact } from "../../components/config/errors";

/**
 * The error contract: one line per problem, "<key>: got <value>; expected <what>", values of
 * credential-like keys never printed, and "did you mean" only for a near miss.
 */
describe("config error text", () => {
  it("formats key, value and expectation on one line", () => {
    assert.equal(
      formatIssue({ path: "platform:network.azCount", value: 7, expected: "at most 3" }),
      "platform:network.azCount: got 7; expected at most 3",
    );
    assert.equal(
      formatIssue({ path: "platform:regions", value: undefined, expected: "a value" }),
      "platform:regions: got (missing); expected a value",
    );
  });

  it("never prints a secret-looking key's value, and says how to store it", () => {
    const hint = "; store credentials with `pulumi config set --secret <key>`, never in plain text";
    for (const k of [
      "password",
      "dbPasswd",
      "passphrase",
      "clientSecret",
      "apiToken",
      "api_key",
      "apiKey",
      "private-key",
      "credentials",
      "authKey",
    ])
      assert.equal(isSecretKey(`platform:x.${k}`), true, k);
    for (const k of ["passage", "username", "keyName"]) assert.equal(isSecretKey(`platform:x.${k}`), false, k);
    // The last segment decides, wherever "token" stands in it.
    assert.equal(isSecretKey("platform:x.tokenTtl"), true);
    assert.equal(isSecretKey("platform:tokenStore.size"), false);
    assert.equal(isSecretKey("platform:jenkins.admin[0].password"), true);
    assert.equal(isSecretKey("platform:jenkins.admin[0]"), false);
    assert.equal(
      formatIssue({ path: "platform:jenkins.adminPassword", value: "hunter2", expected: "a secret" }),
      `platform:jenkins.adminPassword: got [redacted]; expected a secret${hint}`,
    );
    // Pulumi shows a secret config value as "[secret]": that is already safe to print, and no hint.
    assert.equal(
      formatIssue({ path: "platform:jenkins.adminPassword", value: "[secret]", expected: "a secret" }),
      'platform:jenkins.adminPassword: got "[secret]"; expected a secret',
    );
    assert.equal(
      formatIssue({ path: "platform:jenkins.adminPassword", value: undefined, expected: "a value" }),
      "platform:jenkins.adminPassword: got (missing); expected a value",
    );
  });

  it("redacts secret-looking keys at any depth of a value", () => {
    assert.deepEqual(redact({ user: "u", token: "t", nested: [{ password: "p", port: 1 }] }), {
      user: "u",
      token: "[redacted]",
      nested: [{ password: "[redacted]", port: 1 }],
    });
    assert.equal(describeValue({ user: "u", apiKey: "k" }, "platform:x"), '{"user":"u","apiKey":"[redacted]"}');
    assert.equal(redact("plain"), "plain");
    assert.equal(redact(null), null);
  });

  it("shortens long values to 80 characters", () => {
    const long = "x".repeat(100);
    assert.equal(describeValue(long), `"${"x".repeat(76)}...`);
    assert.equal(describeValue(long).length, 80);
    const exact = "y".repeat(78); // JSON text of 80 characters is kept whole
    assert.equal(describeValue(exact), `"${exact}"`);
    assert.equal(describeValue(Symbol.for("s")), "Symbol(s)");
    assert.equal(describeValue(7), "7");
  });

  it("ConfigError lists every problem under the stack's name, counting them", () => {
    const one = new ConfigError([{ path: "platform:a", value: 1, expected: "2" }], "prod");
    assert.equal(one.name, "ConfigError");
    assert.equal(one.message, 'Invalid configuration for stack "prod" (1 problem):\n  - platform:a: got 1; expected 2');
    const two = new ConfigError([
      { path: "platform:a", value: 1, expected: "2" },
      { path: "platform:b", value: "x", expected: "y" },
    ]);
    assert.equal(
      two.message,
      'Invalid configuration (2 problems):\n  - platform:a: got 1; expected 2\n  - platform:b: got "x"; expected y',
    );
    assert.equal(two.issues.length, 2);
  });

  it("closest: a near miss within max(2, a third of the word), case-insensitive", () => {
    const keys = ["regions", "network", "cluster", "autoscaling"];
    assert.equal(closest("regoins", keys), "regions");
    assert.equal(closest("REGIONS", keys), "regions");
    assert.equal(closest("netwrk", keys), "network");
    assert.equal(closest("autoscalign", keys), "autoscaling");
    // "autoscal" is 3 edits from autoscaling: within floor(8 / 3) = 2? No: refused.
    assert.equal(closest("autoscal", keys), undefined);
    // 12 letters allow 4 edits: "autoscaliXYZ" is 3 away.
    assert.equal(closest("autoscaliXYZ", keys), "autoscaling");
    assert.equal(closest("zzzzzzz", keys), undefined);
    assert.equal(closest("x", []), undefined);
    // Ties keep the first candidate.
    assert.equal(closest("ab", ["ac", "ad"]), "ac");
    // Edit distance counts insertions, deletions and substitutions.
    assert.equal(closest("abcd", ["abxd"]), "abxd");
    assert.equal(closest("abcd", ["abd"]), "abd");
    assert.equal(closest("abcd", ["abcde"]), "abcde");
    assert.equal(closest("abcdef", ["badcfe"]), undefined);
    assert.equal(closest("kitten", ["sitting"]), undefined);
    assert.equal(closest("flaw", ["lawn"]), "lawn");
    assert.equal(closest("abcdefgh", ["xyzdefgh"]), undefined);
  });
});
