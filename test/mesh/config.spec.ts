import { strict as assert } from "assert";
import { meshIssues, meshSchema } from "../../components/config/sections/mesh";
import { meshInput } from "./fixtures";

describe("mesh config", () => {
  const parse = (raw: unknown) => meshSchema.parse(raw);
  const services = meshInput().services;
  it("passes the defaults", () =>
    assert.deepEqual(meshIssues(parse({}), { environment: "prod", gatewayProxyTimeoutSeconds: 30, services }), []));
  it("reports retries that overrun the route timeout, a timeout past the gateway's, and PERMISSIVE in prod", () =>
    assert.deepEqual(
      meshIssues(parse({ mtls: "PERMISSIVE", routes: { timeoutSeconds: 40, attempts: 3, perTryTimeoutSeconds: 15 } }), {
        environment: "prod",
        gatewayProxyTimeoutSeconds: 30,
        services,
      }),
      [
        {
          path: "platform:mesh.routes.perTryTimeoutSeconds",
          value: 15,
          expected: "at most timeoutSeconds / (attempts + 1) = 10 (every try must fit in the route timeout)",
        },
        {
          path: "platform:mesh.routes.timeoutSeconds",
          value: 40,
          expected: "at most platform:gateway.proxyTimeoutSeconds (30): nginx would give up before the mesh answers",
        },
        {
          path: "platform:mesh.mtls",
          value: "PERMISSIVE",
          expected: '"STRICT" in prod (plaintext between pods is refused outside dev)',
        },
      ],
    ));
  it("reports calls from an unknown service and to a worker", () =>
    assert.deepEqual(
      meshIssues(parse({ calls: { billing: ["user-service"], frontend: ["notification-worker"] } }), { services }),
      [
        {
          path: "platform:mesh.calls.billing",
          value: "billing",
          expected:
            "a service in platform:services (frontend, user-service, activity-service, notification-service, notification-worker)",
        },
        {
          path: "platform:mesh.calls.frontend[0]",
          value: "notification-worker",
          expected: "a web service in platform:services (workers have no Service to call)",
        },
      ],
    ));
  it("refuses sidecar mode and unknown retry conditions with what is expected", () => {
    const message = (raw: unknown) => meshSchema.safeParse(raw).error?.issues.map((i) => i.message);
    assert.deepEqual(message({ mode: "sidecar" }), ['"ambient" (sidecar mode is not built; see docs/mesh.md)']);
    assert.match(
      message({ routes: { retryOn: ["5xx", "sometimes"] } })![0],
      /^one of 5xx, gateway-error, .* or an HTTP status code$/,
    );
  });
});
