import { strict as assert } from "assert";
import * as path from "path";
import { CHARTS } from "../../components/charts";
import { tracingSchema } from "../../components/config/sections/tracing";
import { istioValues, unknownValuePaths as istioUnknownPaths } from "../../components/mesh/values";
import {
  meshTracingTelemetry,
  tracingNetworkPolicies,
  badgerClaim,
  COLLECTOR_POD_LABELS,
  waypointEgressPolicy,
} from "../../components/tracing/plan";
import { COLLECTOR_SERVICE, JAEGER_SERVICE, TRACING, tracingExtensionProvider } from "../../components/tracing/names";
import { collectorValues, jaegerConfig, jaegerValues } from "../../components/tracing/values";
import { hasPath, readChartValues, unknownValuePaths } from "../helpers/chart-values";
import { validateManifest } from "../helpers/schemas";
import { configIssues } from "../helpers/stand-in";

const fixture = (f: string) => readChartValues(path.join(__dirname, "fixtures", f));
const COLLECTOR_CHART = fixture(`opentelemetry-collector-${CHARTS.otelCollector.version}.values.yaml`);
const JAEGER_CHART = fixture(`jaeger-${CHARTS.jaeger.version}.values.yaml`);
const defaults = tracingSchema.parse(undefined);
type Pipeline = { receivers: string[]; processors?: string[]; exporters: string[] };

describe("tracing chart values against the pinned charts' values.yaml", () => {
  it("sets only keys the collector chart declares (its config and maps are the collector's business)", () => {
    const free = ["config", "resources", "podSecurityContext", "securityContext", "matchLabels"];
    // values.yaml documents podDisruptionBudget.minAvailable commented out; templates/pdb.yaml reads it.
    assert.deepEqual(unknownValuePaths(collectorValues(defaults), COLLECTOR_CHART, free), [
      "podDisruptionBudget.minAvailable",
    ]);
    // The defaults nulled out exist in the chart: otherwise the null removes nothing.
    for (const p of ["receivers.jaeger", "receivers.zipkin", "receivers.prometheus", "service.pipelines.logs"])
      assert.ok(hasPath(COLLECTOR_CHART.config as Record<string, unknown>, p), p);
  });

  it("sets only keys the Jaeger chart declares, and jaeger.resources, which its Deployment template reads", () => {
    const free = ["userconfig", "resources", "podSecurityContext", "securityContext"];
    // values.yaml documents jaeger.resources commented out; templates/jaeger/jaeger-deploy.yaml reads it.
    const unknown = unknownValuePaths(jaegerValues(defaults), JAEGER_CHART, free);
    assert.deepEqual(unknown, ["jaeger.resources"]);
    assert.ok(hasPath(JAEGER_CHART, "userconfig"));
  });

  it("wires every pipeline component it names, in both configs", () => {
    const collector = collectorValues(defaults).config;
    const chartConfig = COLLECTOR_CHART.config as Record<string, Record<string, unknown>>;
    const traces = collector.service.pipelines.traces as Pipeline;
    assert.deepEqual(traces.receivers, ["otlp"]);
    for (const p of traces.processors ?? []) assert.ok(p in chartConfig.processors, `processor ${p} from the chart`);
    assert.deepEqual(traces.exporters, ["otlp/jaeger"]);
    assert.equal(collector.exporters["otlp/jaeger"].endpoint, `${JAEGER_SERVICE}:4317`);
    const jaeger = jaegerConfig(defaults);
    const jt = jaeger.service.pipelines.traces as Pipeline;
    for (const r of jt.receivers) assert.ok(r in jaeger.receivers);
    for (const e of jt.exporters) assert.ok(e in jaeger.exporters);
    for (const x of jaeger.service.extensions) assert.ok(x in jaeger.extensions);
    assert.equal(jaeger.exporters.jaeger_storage_exporter.trace_storage, jaeger.extensions.jaeger_query.storage.traces);
  });

  it("keeps spans for the configured retention and sizes the volume from config", () => {
    const t = tracingSchema.parse({ retention: "168h", storageGiB: 50 });
    const badger = jaegerConfig(t).extensions.jaeger_storage.backends.badger_store.badger;
    assert.equal(badger.ttl.spans, "168h");
    assert.equal(jaegerConfig(defaults).extensions.jaeger_storage.backends.badger_store.badger.ttl.spans, "72h");
    assert.deepEqual(badgerClaim(t).spec.resources, { requests: { storage: "50Gi" } });
  });

  it("runs the collector replicated with a PDB, Jaeger as the single Badger writer", () => {
    assert.equal(collectorValues({ collectorReplicas: 3 }).replicaCount, 3);
    assert.equal(collectorValues({ collectorReplicas: 3 }).podDisruptionBudget.enabled, true);
    assert.equal(collectorValues({ collectorReplicas: 1 }).podDisruptionBudget.enabled, false);
    assert.equal(jaegerValues(defaults).jaeger.replicas, 1);
  });
});

describe("Istio's tracing provider and sampling", () => {
  it("names the collector's Service (the chart's fullname: release plus chart name) on OTLP/gRPC", () => {
    assert.equal(COLLECTOR_SERVICE, "otel-collector-opentelemetry-collector.tracing.svc.cluster.local");
    assert.deepEqual(tracingExtensionProvider(), {
      name: "otel-tracing",
      opentelemetry: { service: COLLECTOR_SERVICE, port: 4317 },
    });
  });

  it("puts the provider in istiod's meshConfig only when tracing is on, at a path the chart reads", () => {
    const mesh = { istiodMinReplicas: 2 } as never;
    const on = istioValues({ mesh, environment: "prod", tracingProvider: tracingExtensionProvider() });
    assert.deepEqual(on.istiod.meshConfig, { extensionProviders: [tracingExtensionProvider()] });
    assert.deepEqual(istioUnknownPaths("istiod", on.istiod), []);
    assert.equal(istioValues({ mesh, environment: "prod" }).istiod.meshConfig, undefined);
  });

  it("samples at the configured percentage through a valid Telemetry in the root namespace", async () => {
    const telemetry = meshTracingTelemetry({ samplingPercent: 5 });
    await validateManifest("@kubernetes-models/istio/telemetry.istio.io/v1/Telemetry", "Telemetry", telemetry);
    assert.equal(telemetry.metadata.namespace, "istio-system");
    assert.deepEqual(telemetry.spec.tracing, [
      { providers: [{ name: TRACING.provider }], randomSamplingPercentage: 5 },
    ]);
    assert.equal(meshTracingTelemetry(defaults).spec.tracing[0].randomSamplingPercentage, 1);
  });
});

describe("tracing NetworkPolicies", () => {
  type Rule = { from?: unknown[]; to?: unknown[]; ports: { protocol: string; port: number }[] };
  type Policy = { spec: { podSelector: unknown; policyTypes: string[]; ingress: Rule[]; egress: Rule[] } };
  const byName = (name: string) => tracingNetworkPolicies().find((p) => p.metadata.name === name) as unknown as Policy;
  const [collector, jaeger] = [byName("otel-collector-ingress"), byName("jaeger-ingress")];

  it("are valid networking.k8s.io/v1 objects", async () => {
    for (const p of tracingNetworkPolicies())
      await validateManifest("kubernetes-models/networking.k8s.io/v1/NetworkPolicy", "NetworkPolicy", p);
  });

  it("admit the apps namespace's waypoint to the collector on 4317 only (nothing scrapes 8888)", () => {
    const [spans] = collector.spec.ingress;
    assert.deepEqual(spans.from, [
      {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "apps" } },
        podSelector: { matchLabels: { "gateway.networking.k8s.io/gateway-name": "waypoint" } },
      },
    ]);
    assert.deepEqual(spans.ports, [{ protocol: "TCP", port: 4317 }]);
    assert.equal(collector.spec.ingress.length, 1);
  });

  it("start the tracing namespace default-deny both ways, every pod selected", () => {
    const deny = byName("default-deny");
    assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });

  it("let only the collector out: to Jaeger's pods on 4317 and kube-dns on 53 (Jaeger sends nothing)", () => {
    const out = byName("otel-collector-egress");
    assert.deepEqual(out.spec.podSelector, {
      matchLabels: {
        "app.kubernetes.io/name": "opentelemetry-collector",
        "app.kubernetes.io/instance": "otel-collector",
      },
    });
    assert.deepEqual(out.spec.egress, [
      {
        to: [
          {
            podSelector: {
              matchLabels: { "app.kubernetes.io/name": "jaeger", "app.kubernetes.io/instance": "jaeger" },
            },
          },
        ],
        ports: [{ protocol: "TCP", port: 4317 }],
      },
      {
        to: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
          },
        ],
        ports: [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      },
    ]);
    const egressPolicies = tracingNetworkPolicies().filter((p) => p.spec.policyTypes.includes("Egress"));
    assert.deepEqual(
      egressPolicies.map((p) => p.metadata.name),
      ["default-deny", "otel-collector-egress"],
    );
  });

  it("let the waypoint out of the default-deny apps namespace to the collector on 4317 only", async () => {
    const egress = waypointEgressPolicy();
    await validateManifest("kubernetes-models/networking.k8s.io/v1/NetworkPolicy", "NetworkPolicy", egress);
    assert.equal(egress.metadata.namespace, "apps");
    assert.deepEqual(egress.spec.podSelector, {
      matchLabels: { "gateway.networking.k8s.io/gateway-name": "waypoint" },
    });
    assert.deepEqual(egress.spec.egress, [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "tracing" } },
            podSelector: { matchLabels: COLLECTOR_POD_LABELS },
          },
        ],
        ports: [{ protocol: "TCP", port: 4317 }],
      },
    ]);
  });

  it("admit only the collector to Jaeger, and nothing to its UI", () => {
    assert.deepEqual(jaeger.spec.ingress, [
      { from: [{ podSelector: { matchLabels: COLLECTOR_POD_LABELS } }], ports: [{ protocol: "TCP", port: 4317 }] },
    ]);
    const ports: number[] = jaeger.spec.ingress.flatMap((i) => i.ports.map((p) => p.port));
    assert.ok(!ports.includes(16686));
  });
});

describe("platform:tracing config", () => {
  const issues = (tracing: unknown) =>
    configIssues({ environment: "dev", regions: [{ name: "us-west-2", vpcCidr: "10.1.0.0/16" }], tracing });

  it("defaults: on, 1 % sampling, 72 h retention, 20 GiB, two collectors", () =>
    assert.deepEqual(defaults, {
      enabled: true,
      samplingPercent: 1,
      retention: "72h",
      storageGiB: 20,
      collectorReplicas: 2,
    }));

  it("names the key, the value and what was expected", () => {
    assert.deepEqual(
      issues({ samplingPercent: 150 }).map((i) => [i.path, i.value, i.expected]),
      [["platform:tracing.samplingPercent", 150, "a number from 0 to 100 (percent of requests)"]],
    );
    assert.deepEqual(
      issues({ retention: "3d" }).map((i) => [i.path, i.value, i.expected]),
      [["platform:tracing.retention", "3d", 'a whole number of hours like "72h" (Badger span TTL)']],
    );
    assert.deepEqual(issues({ samplingPercent: 2.5, retention: "168h" }), []);
  });
});
