import { strict as assert } from "assert";
import { CONFIG_SECTIONS, ConfigError, formatIssue } from "../../components/config";
import { DEFAULT_SERVICES } from "../../components/config/sections/workloads";
import { loadStandIn } from "../helpers/stand-in";
import { base, ctx, flat, problems } from "./validation-fixture";

describe("config validation: secrets and near misses", () => {
  it("never prints a value under a secret-looking key and says how to store it", () => {
    assert.deepEqual(problems({ ...base(), dbPassword: "hunter2" }), [
      "platform:dbPassword: got [redacted]; expected a known key; known keys: " +
        Object.keys(CONFIG_SECTIONS).join(", ") +
        "; store credentials with `pulumi config set --secret <key>`, never in plain text",
    ]);
    const nested = problems({ ...base(), network: { azCount: 2, apiToken: { value: "tok-1" } } });
    assert.equal(nested.length, 1);
    assert.match(nested[0], /^platform:network\.apiToken: got \[redacted\]; expected no such key/);
    assert.ok(!nested[0].includes("tok-1"));
  });

  it("reports a key in a near-miss namespace instead of ignoring it", () => {
    const raw = { ...flat(base()), "platfrom:regions": "[]", "aws:region": "us-east-1" };
    assert.throws(
      () => loadStandIn(raw, ctx),
      (err: ConfigError) =>
        err.issues.map(formatIssue).join("\n") ===
        'platfrom:regions: got []; expected a key this program reads (did you mean "platform:regions"?); "platfrom:" is not its namespace',
    );
  });

  it("tells to quote a version YAML read as a number", () => {
    assert.deepEqual(problems({ ...base(), cache: { engineVersion: 8 } }), [
      'platform:cache.engineVersion: got 8; expected a value of type string; YAML read the unquoted value as the number 8: quote it, e.g. "8" (or "8.0" if that was written)',
    ]);
  });
});

/** A catalogue of only these services: entries overlay the defaults, so each default is removed after them. */
const onlyThese = (...services: Record<string, unknown>[]) => [
  ...services,
  ...DEFAULT_SERVICES.map((d) => ({ name: d.name, remove: true })),
];

describe("config validation: every problem in one report", () => {
  it("still runs cross-field checks on a section with a shape error elsewhere in it", () => {
    const p = problems({
      ...base(),
      services: onlyThese(
        {
          name: "api",
          image: "repo/api:1.0",
          routes: ["/", "api/"],
          autoscaling: { hpa: {}, keda: { sqsQueueLength: 5 } },
          resources: { requests: { memory: "128MB" } },
        },
        { name: "web", image: "repo/web:1.0", routes: ["/"] },
      ),
    });
    assert.deepEqual(p, [
      'platform:services[0].resources.requests.memory: got "128MB"; expected a memory quantity like "128Mi" or "1Gi"',
      'platform:services[0].autoscaling: got {"hpa":{},"keda":{"sqsQueueLength":5}}; expected either hpa or keda, not both (KEDA refuses a target an HPA already scales)',
      "platform:services[0].uses.queue: got false; expected true when scaling on an SQS queue",
      'platform:services[0].routes[1]: got "api/"; expected a path prefix starting with "/"',
      'platform:services[1].routes[0]: got "/"; expected a route no other service claims (already routed to api)',
    ]);
  });

  it("does not check chaos targets against a custom catalogue when chaos is off (prod default)", () => {
    const services = onlyThese({ name: "web", image: "repo/web:1.0", routes: ["/"] });
    assert.deepEqual(problems({ ...base(), services }), []);
    assert.deepEqual(
      problems({
        ...base(),
        services,
        chaos: {
          enabled: true,
          podFailure: { targets: ["web"] },
          networkDelay: { target: "web" },
          cpuStress: { target: "ghost" },
        },
      }),
      ['platform:chaos.cpuStress.target: got "ghost"; expected a configured service (web)'],
    );
  });
});
