import { strict as assert } from "node:assert";
import type { PolicyProviderResource } from "@pulumi/policy";
import { meshTracingProvider } from "../../kubernetes/mesh-tracing-provider";
import { runStack, stackResource } from "../harness";

const cluster = (name: string) =>
  ({
    type: "pulumi:providers:kubernetes",
    name,
    urn: `urn:pulumi:dev::platform::pulumi:providers:kubernetes::${name}`,
    props: {},
  }) as PolicyProviderResource;
const USE1 = cluster("use1-k8s");
const USW2 = cluster("usw2-k8s");

const istiod = (provider: PolicyProviderResource, providers: string[]) =>
  stackResource(
    "kubernetes:helm.sh/v3:Release",
    `${provider.name}-istiod`,
    {
      chart: "istiod",
      values: { meshConfig: { extensionProviders: providers.map((name) => ({ name, opentelemetry: {} })) } },
    },
    { provider },
  );
const telemetry = (provider: PolicyProviderResource, names: string[]) =>
  stackResource(
    "kubernetes:telemetry.istio.io/v1:Telemetry",
    `${provider.name}-telemetry`,
    {
      metadata: { name: "mesh-default", namespace: "istio-system" },
      spec: { tracing: [{ providers: names.map((name) => ({ name })), randomSamplingPercentage: 1 }] },
    },
    { provider },
  );
const messages = (...resources: ReturnType<typeof stackResource>[]) =>
  runStack(meshTracingProvider(), resources).map((v) => v.message);

describe("k8s-mesh-tracing-provider", () => {
  it("is mandatory", () => assert.equal(meshTracingProvider().enforcementLevel, "mandatory"));

  it("passes a Telemetry naming a provider its cluster's istiod defines", () =>
    assert.deepEqual(messages(istiod(USE1, ["otel-tracing"]), telemetry(USE1, ["otel-tracing"])), []));

  it("reports a provider istiod does not define, naming what is defined", () =>
    assert.deepEqual(messages(istiod(USE1, ["zipkin"]), telemetry(USE1, ["otel-tracing"])), [
      'Telemetry istio-system/mesh-default names tracing provider "otel-tracing", which istiod\'s ' +
        "meshConfig.extensionProviders does not define (defined: zipkin); istiod ignores it and no span is reported",
    ]));

  it("judges each Telemetry by the istiod of its own cluster", () => {
    const out = messages(istiod(USE1, ["otel-tracing"]), istiod(USW2, []), telemetry(USW2, ["otel-tracing"]));
    assert.equal(out.length, 1);
    assert.match(out[0], /\(defined: none\)/);
    assert.deepEqual(messages(istiod(USW2, ["otel-tracing"]), telemetry(USE1, ["otel-tracing"])), [
      "Telemetry istio-system/mesh-default names tracing providers but no istiod release is planned in its cluster",
    ]);
  });
});
