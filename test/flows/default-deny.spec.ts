import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { evaluateFlows } from "../../tools/flows";
import { openNamespaces, unusedRules } from "../../tools/flows/isolation";
import { planFor } from "../helpers/plan";

/**
 * The keda and tracing namespaces start default-deny, and each allow rule they carry is what one
 * required flow needs: removing it cuts that flow. Ports are the upstream charts' (kedacore/charts
 * v2.20.2 keda/values.yaml and deployment templates: operator gRPC 9666 and metrics 8080, metrics
 * API 6443, webhook 9443; OTLP/gRPC 4317), DNS 53, HTTPS 443, the Pod Identity agent 80.
 */
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const clone = (rs: readonly PlanResource[]): PlanResource[] => JSON.parse(JSON.stringify(rs));

/** Each flow of the two namespaces with its port, per region (expected from the sources above). */
const FLOWS: Record<string, number> = {
  "keda-metrics-server-operator": 9666,
  "apiserver-keda-metrics-api": 6443,
  "apiserver-keda-webhook": 9443,
  "keda-prometheus": 9090,
  "keda-kafka": 9098,
  "keda-aws-apis": 443,
  "keda-pod-identity": 80,
  "tracing-waypoint-collector": 4317,
  "tracing-collector-jaeger": 4317,
  "tracing-collector-dns": 53,
  "tracing-collector-dns-tcp": 53,
};
/** Flows from each of KEDA's three pods (operator, metrics server, webhook). */
const PER_KEDA_POD: Record<string, number> = { "keda-kubernetes-api": 443, "keda-dns": 53, "keda-dns-tcp": 53 };

/** Each allow rule of the two namespaces (policy name in us-east-1, rule) and the flows its removal cuts. */
const RULES: [string, string, string[]][] = [
  ["us-east-1-workloads-keda-netpol-keda-egress", "egress[0]", ["keda-dns", "keda-dns-tcp"]],
  ["us-east-1-workloads-keda-netpol-keda-egress", "egress[1]", ["keda-kubernetes-api", "keda-aws-apis"]],
  ["us-east-1-workloads-keda-netpol-keda-operator", "ingress[0]", ["keda-metrics-server-operator"]],
  ["us-east-1-workloads-keda-netpol-keda-operator", "ingress[1]", ["prometheus-scrape"]],
  ["us-east-1-workloads-keda-netpol-keda-operator", "egress[0]", ["keda-prometheus"]],
  ["us-east-1-workloads-keda-netpol-keda-operator", "egress[1]", ["keda-kafka"]],
  ["us-east-1-workloads-keda-netpol-keda-operator", "egress[2]", ["keda-pod-identity"]],
  ["us-east-1-workloads-keda-netpol-keda-metrics-apiserver", "ingress[0]", ["apiserver-keda-metrics-api"]],
  ["us-east-1-workloads-keda-netpol-keda-metrics-apiserver", "egress[0]", ["keda-metrics-server-operator"]],
  ["us-east-1-workloads-keda-netpol-keda-admission-webhooks", "ingress[0]", ["apiserver-keda-webhook"]],
  ["us-east-1-tracing-otel-collector-egress", "egress[0]", ["tracing-collector-jaeger"]],
  ["us-east-1-tracing-otel-collector-egress", "egress[1]", ["tracing-collector-dns", "tracing-collector-dns-tcp"]],
];

/** No namespace the program creates is open (istio-system, monitoring and chaos-mesh: default-deny-platform.spec.ts). */
const OPEN = { dev: [] as string[], prod: [] as string[] };

describe("default-deny namespaces: keda and tracing", function () {
  this.timeout(180_000);

  for (const stack of ["dev", "prod"] as const)
    it(`${stack}: every flow of keda and tracing holds in each region, and neither namespace is open`, async () => {
      const { plan, config } = await planFor(stack);
      const regions = config.regions.length;
      for (const [id, port] of Object.entries(FLOWS)) {
        const flows = plan.flows.filter((f) => f.requirement === id);
        assert.deepEqual(
          flows.map((f) => [f.port, f.ok]),
          Array.from({ length: regions }, () => [port, true]),
          `${stack} ${id}`,
        );
      }
      for (const [id, port] of Object.entries(PER_KEDA_POD)) {
        const flows = plan.flows.filter((f) => f.requirement === id);
        assert.equal(flows.length, 3 * regions, `${stack} ${id}`);
        assert.ok(flows.every((f) => f.ok && f.port === port));
      }
      const scrape = plan.flows.filter((f) => f.requirement === "prometheus-scrape" && / keda-operator /.test(f.to));
      assert.deepEqual(
        scrape.map((f) => [f.port, f.ok]),
        Array.from({ length: regions }, () => [8080, true]),
      );
      const open = openNamespaces(plan.resources as never).map((v) => /^namespace (.*) does not/.exec(v.message)![1]);
      assert.deepEqual(open, OPEN[stack]);
      assert.deepEqual(
        unusedRules(plan.resources as never, plan.flows as never).map((v) => v.message),
        [],
      );
    });

  describe("prod, one rule removed at a time", () => {
    let resources: PlanResource[];
    before(async () => {
      resources = clone((await planFor("prod")).plan.resources as never);
    });

    for (const [name, rule, flows] of RULES)
      it(`without ${name} ${rule}, ${flows.join(" and ")} stop holding, in us-east-1 only`, () => {
        const rs = clone(resources);
        const np = rs.find((r) => r.type === NETPOL && r.name === name)!;
        const [field, index] = [rule.slice(0, rule.indexOf("[")), Number(rule.slice(rule.indexOf("[") + 1, -1))];
        const spec = np.inputs.spec as Record<string, unknown[]>;
        assert.ok(spec[field][index], `${name} has ${rule}`);
        spec[field].splice(index, 1);
        const broken = evaluateFlows(rs).filter((f) => !f.ok);
        assert.deepEqual([...new Set(broken.map((f) => f.requirement))].sort(), [...flows].sort());
        assert.ok(broken.every((f) => f.from.startsWith("us-east-1") || f.to.startsWith("us-east-1")));
      });

    for (const [ns, name] of [
      ["keda", "us-west-2-workloads-keda-netpol-default-deny"],
      ["tracing", "eu-west-1-tracing-default-deny"],
    ])
      it(`without ${name} the ${ns} namespace is open again (advisory)`, () => {
        const rs = clone(resources).filter((r) => r.name !== name);
        const region = name.split("-").slice(0, 3).join("-");
        const now = openNamespaces(rs).filter((v) => v.message.startsWith(`namespace ${ns} `));
        assert.deepEqual(
          now.map((v) => [v.enforcementLevel, v.message]),
          [
            [
              "advisory",
              `namespace ${ns} (${region}) does not start default-deny for ingress and egress: its pods are open until a policy selects them`,
            ],
          ],
        );
      });
  });
});
