import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, formatIssue, loadConfig } from "../../components/config";
import { loadStackConfig } from "../../components/config/pulumi";

/**
 * The loader under a project namespace other than "platform" (paths follow the project's name),
 * fed Pulumi's flat map as `pulumi config` writes it: JSON text for structured values, plain text
 * otherwise. Every problem names the key as the user wrote it, the value, and what was expected.
 */
const ctx = { project: "shop", stack: "dev" };
const regions = JSON.stringify([{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }]);
const base = {
  "shop:environment": "dev",
  "shop:regions": regions,
  "shop:cluster": JSON.stringify({ deployer: { egressCidrs: ["203.0.113.0/24"] } }),
};
const problems = (extra: Record<string, string>): string[] => {
  try {
    loadConfig({ ...base, ...extra }, ctx);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.ok(err.message.startsWith('Invalid configuration for stack "dev"'), err.message);
    return err.issues.map(formatIssue);
  }
};
const json = (v: unknown) => JSON.stringify(v);

describe("config loader under the project's namespace", () => {
  it("loads a minimal stack, frozen to the leaves", () => {
    const c = loadConfig(base, ctx);
    assert.equal(c.environment, "dev");
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.regions) && Object.isFrozen(c.regions[0]));
    assert.ok(Object.isFrozen(c.services[0].autoscaling));
    assert.throws(() => {
      (c.regions[0] as { name: string }).name = "x";
    }, TypeError);
  });

  it("cross-field problems carry the project's namespace", () => {
    assert.deepEqual(problems({ "shop:gateway": json({ minReplicas: 5, maxReplicas: 4 }) }), [
      "shop:gateway.minReplicas: got 5; expected at most gateway.maxReplicas (4)",
    ]);
  });

  it("a required key left empty is still required; optional empty values mean the default", () => {
    assert.deepEqual(problems({ "shop:network": "{}", "shop:tags": "", "shop:services": "[]" }), []);
    assert.deepEqual(problems({ "shop:environment": "qa" }), [
      'shop:environment: got "qa"; expected one of "dev", "staging", "prod"',
      'shop:environment: got "qa"; expected "dev": the stack "dev" is a dev stack by its name, and its name decides the environment',
    ]);
    assert.deepEqual(problems({ "shop:regions": "[]" }), ["shop:regions: got []; expected at least one region"]);
    const noRegions = { ...base } as Record<string, string>;
    delete noRegions["shop:regions"];
    assert.throws(
      () => loadConfig(noRegions, ctx),
      (e: ConfigError) =>
        e.issues.map(formatIssue).join("\n") ===
        "shop:regions: got (missing); expected a value (this key has no default; set it in Pulumi.<stack>.yaml)",
    );
  });

  it("numbers where text is expected get the quoting hint; an integer also its .0 form", () => {
    assert.deepEqual(problems({ "shop:cache": json({ engineVersion: 7.1, engine: 3 }) }), [
      'shop:cache.engine: got 3; expected "redis" or "valkey"; YAML read the unquoted value as the number 3: quote it, e.g. "3" (or "3.0" if that was written)',
      'shop:cache.engineVersion: got 7.1; expected a value of type string; YAML read the unquoted value as the number 7.1: quote it, e.g. "7.1"',
    ]);
    // A number where a number range is expected gets no quoting hint.
    assert.deepEqual(problems({ "shop:database": json({ backupRetentionDays: 3 }) }), [
      "shop:database.backupRetentionDays: got 3; expected at least 7 days of backups",
    ]);
    // Text where a number is expected: no hint either.
    assert.deepEqual(problems({ "shop:database": json({ backupRetentionDays: "14" }) }), [
      'shop:database.backupRetentionDays: got "14"; expected a value of type number',
    ]);
  });

  it("zod's own limits read as expectations: list, string and number sizes", () => {
    assert.deepEqual(problems({ "shop:cache": json({ snapshotRetentionDays: 36 }) }), [
      "shop:cache.snapshotRetentionDays: got 36; expected a value <= 35",
    ]);
    assert.deepEqual(problems({ "shop:cache": json({ snapshotRetentionDays: -1 }) }), [
      "shop:cache.snapshotRetentionDays: got -1; expected a value >= 0",
    ]);
    assert.deepEqual(
      problems({ "shop:services": json([{ name: "frontend", autoscaling: { keda: { kafka: { topic: "" } } } }]) }),
      ['shop:services[0].autoscaling.keda.kafka.topic: got ""; expected a string of length at least 1'],
    );
  });

  it("wrong shapes: a section, a list or an object of the wrong type, an empty list", () => {
    assert.deepEqual(problems({ "shop:network": "5" }), ["shop:network: got 5; expected a value of type object"]);
    assert.deepEqual(problems({ "shop:services": json({ a: 1 }) }), [
      'shop:services: got {"a":1}; expected a value of type array',
    ]);
    assert.deepEqual(problems({ "shop:mesh": json({ routes: { retryOn: [] } }) }), [
      "shop:mesh.routes.retryOn: got []; expected a list with at least 1",
    ]);
    // The bad part is dropped and the rest of the section still meets its cross-field rules.
    assert.deepEqual(problems({ "shop:network": json({ azCount: 3, foo: { bar: 1 }, flowLogs: 7 }) }), [
      "shop:network.flowLogs: got 7; expected a value of type object",
      'shop:network.foo: got {"bar":1}; expected no such key; allowed here: azCount, natGateways, subnetPrefixes, serviceCidr, flowLogs',
    ]);
    assert.deepEqual(
      problems({ "shop:mesh": json({ routes: { retryOn: ["bogus"] }, waypoint: { minReplicas: 9, maxReplicas: 2 } }) }),
      [
        'shop:mesh.routes.retryOn[0]: got "bogus"; expected one of 5xx, gateway-error, reset, reset-before-request, connect-failure, retriable-4xx, refused-stream, retriable-status-codes, retriable-headers, envoy-ratelimited, http3-post-connect-failure, cancelled, deadline-exceeded, internal, resource-exhausted, unavailable or an HTTP status code',
        "shop:mesh.waypoint.minReplicas: got 9; expected at most waypoint.maxReplicas (2)",
      ],
    );
    assert.deepEqual(problems({ "shop:services": json([{ name: "frontend", probes: { liveness: { foo: 1 } } }]) }), [
      "shop:services[0].probes.liveness.foo: got 1; expected no such key; allowed here: initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold",
    ]);
  });

  it("unknown nested keys list the allowed ones, at any depth and inside lists", () => {
    assert.deepEqual(problems({ "shop:database": json({ readers: { foo: 1, min: 9, max: 2 } }) }), [
      "shop:database.readers.foo: got 1; expected no such key; allowed here: min, max, targetCpuPercent, scaleInCooldownSeconds, scaleOutCooldownSeconds",
      "shop:database.readers.min: got 9; expected at most readers.max (2)",
    ]);
    assert.deepEqual(problems({ "shop:services": json([{ name: "frontend", healthpath: "/h/" }]) }), [
      'shop:services[0].healthpath: got "/h/"; expected no such key (did you mean "healthPath"?); allowed here: name, image, kind, port, routes, healthPath, replicas, resources, probes, uses, autoscaling, remove',
    ]);
    assert.deepEqual(problems({ "shop:network": json({ flowLogs: { retentionDay: 7 } }) }).length, 1);
    assert.match(
      problems({ "shop:network": json({ flowLogs: { retentionDay: 7 } }) })[0],
      /^shop:network\.flowLogs\.retentionDay: got 7; expected no such key \(did you mean "retentionDays"\?\); allowed here: /,
    );
  });

  it("a moved key inside a section points to its new place under the project's namespace", () => {
    assert.deepEqual(
      problems({
        "shop:cluster": json({ publicAccessCidrs: ["203.0.113.0/24"], deployer: { egressCidrs: ["203.0.113.0/24"] } }),
      }),
      ['shop:cluster.publicAccessCidrs: got ["203.0.113.0/24"]; expected moved to shop:cluster.deployer.egressCidrs'],
    );
  });

  it("an unknown top-level key gets the nearest known key, or the list", () => {
    const p = problems({ "shop:netwrk": "{}", "shop:zzzzzzzzzz": "1" });
    assert.equal(p.length, 2);
    assert.match(
      p[0],
      /^shop:netwrk: got \{\}; expected a known key \(did you mean "shop:network"\?\); known keys: environment, name, regions, /,
    );
    assert.match(p[1], /^shop:zzzzzzzzzz: got 1; expected a known key; known keys: environment, /);
  });

  it("namespaces: a near miss of the project's is reported, providers' and unrelated ones are not", () => {
    assert.deepEqual(
      problems({
        "shopp:regoins": "1",
        "kubernetes:context": "x",
        "aws:region": "us-east-1",
        "billing:x": "1",
        "Shop:x": "1",
      }),
      [
        'shopp:regoins: got 1; expected a key this program reads (did you mean "shop:regions"?); "shopp:" is not its namespace',
        'Shop:x: got 1; expected a key this program reads (did you mean "shop:x"?); "Shop:" is not its namespace',
      ],
    );
    assert.deepEqual(problems({ nonamespace: "1" }), []);
    // A required key hidden behind a misspelt namespace is reported once, where it was written.
    const raw = { "shop:environment": "dev", "Shop:regions": regions, "shop:cluster": base["shop:cluster"] };
    assert.throws(
      () => loadConfig(raw, ctx),
      (e: ConfigError) =>
        e.issues.map(formatIssue).join("\n") ===
        `Shop:regions: got ${regions}; expected a key this program reads (did you mean "shop:regions"?); "Shop:" is not its namespace`,
    );
  });

  it("a service problem points at the entry as written, or names the default service", () => {
    assert.deepEqual(problems({ "shop:services": json([{ name: "frontend", routes: ["/api/v1/users/"] }]) }), [
      'shop:services[default user-service].routes[0]: got "/api/v1/users/"; expected a route no other service claims (already routed to frontend)',
      'shop:services: got ["/api/v1/users/","/media/avatars/","/api/v1/activities/","/media/activities/...; expected one service owning the "/" route (the default, e.g. frontend)',
    ]);
    assert.deepEqual(
      problems({
        "shop:services": json([
          { name: "user-service" },
          { name: "frontend", autoscaling: { keda: { mesh: true, maxReplicas: 2 } } },
        ]),
      }),
      ["shop:services[1].autoscaling.keda.maxReplicas: got 2; expected at least autoscaling.mesh.minReplicas (3)"],
    );
  });

  it("a bad list element drops the list for cross-field checks, not the section", () => {
    // The route list of services[0] is refused by shape; the gateway range rule still runs.
    assert.deepEqual(
      problems({
        "shop:services": json([{ name: "frontend", routes: [5] }]),
        "shop:gateway": json({ minReplicas: 3, maxReplicas: 2 }),
      }),
      [
        'shop:services[0].routes[0]: got 5; expected a value of type string; YAML read the unquoted value as the number 5: quote it, e.g. "5" (or "5.0" if that was written)',
        "shop:gateway.minReplicas: got 3; expected at most gateway.maxReplicas (2)",
      ],
    );
    assert.deepEqual(problems({ "shop:database": json({ readers: { min: 0, max: 2 }, backupRetentionDays: 99 }) }), [
      "shop:database.readers.min: got 0; expected a positive integer (>= 1)",
      "shop:database.backupRetentionDays: got 99; expected at most 35 days (AWS limit)",
    ]);
  });

  it("through Pulumi, a config error is a RunError carrying the whole report (no stack trace)", () => {
    pulumi.runtime.setAllConfig({}, []);
    assert.throws(
      () => loadStackConfig(),
      (e: Error) =>
        e instanceof pulumi.RunError &&
        /^Invalid configuration( for stack "[^"]*")? \(2 problems\):\n {2}- \S*environment: got \(missing\); expected a value/.test(
          e.message,
        ),
    );
  });
});
