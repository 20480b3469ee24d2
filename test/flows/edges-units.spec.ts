import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { evaluateForbidden, FORBIDDEN_FLOWS } from "../../tools/flows/isolation";
import { policyAllows } from "../../tools/flows/netpol-model";
import type { Network, NetworkPolicy, PodRef } from "../../tools/flows/types";
import { plannedResources } from "./planned";

/**
 * Edges of the flows model: NetworkPolicy rules with an empty ports list (Kubernetes: "If this field
 * is empty or missing, this rule matches all ports"), several ipBlocks against unknown addresses, and
 * the forbidden pairs when a side is not planned (no kube-prometheus-stack release, no gateway).
 */
const C = "us-east-1";
const web: PodRef = { cluster: C, namespace: "apps", labels: { app: "web" } };
const net = (policies: NetworkPolicy[]): Network => ({
  vpcs: new Map(),
  subnets: new Map(),
  routeTables: new Map(),
  securityGroups: new Map(),
  links: new Map(),
  enforcement: new Map([[C, "urn:addon"]]),
  policies,
  namespaceLabels: new Map(),
});
const policy = (ingress: NetworkPolicy["ingress"]): NetworkPolicy => ({
  urn: "urn:np",
  name: "np",
  cluster: C,
  namespace: "apps",
  podSelector: {},
  policyTypes: ["Ingress"],
  ingress,
  egress: [],
});

describe("flows units: edges of the NetworkPolicy model", () => {
  it("an empty ports list matches every port", () => {
    const v = policyAllows(
      net([policy([{ ports: [] }])]),
      "Ingress",
      web,
      { cidrs: ["10.0.0.0/24"] },
      { port: 4242, protocol: "udp" },
    );
    assert.deepEqual(v, { ok: true, via: ["urn:np#ingress[0]"] });
  });

  it("unknown addresses are admitted when one of several blocks is the whole IPv4 space", () => {
    const rule = { peers: [{ ipBlock: { cidr: "10.0.0.0/8" } }, { ipBlock: { cidr: "0.0.0.0/0" } }] };
    assert.equal(
      policyAllows(net([policy([rule])]), "Ingress", web, { cidrs: [] }, { port: 443, protocol: "tcp" }).ok,
      true,
    );
  });
});

describe("flows units: forbidden pairs when a side is not planned", function () {
  this.timeout(300_000);
  let dev: readonly PlanResource[];
  // Mutation runs select single tests: the hook, not a test, loads dev's resources.
  before(async () => {
    dev = await plannedResources("dev");
  });
  const pairs = (rs: readonly PlanResource[], id: string) =>
    evaluateForbidden(
      rs,
      FORBIDDEN_FLOWS.filter((f) => f.id === id),
    ).map((e) => `${e.from} -> ${e.to}: ${e.ok}`);

  it("Grafana is a foreign pod only where kube-prometheus-stack is released, in monitoring with its chart label", () => {
    assert.deepEqual(pairs(dev, "no-gateway-from-cluster-pods"), [
      "us-east-1 keda-operator -> us-east-1 gateway pods: true",
      "us-east-1 Grafana -> us-east-1 gateway pods: true",
    ]);
    const grafana = evaluateForbidden(
      dev,
      FORBIDDEN_FLOWS.filter((f) => f.id === "no-gateway-from-cluster-pods"),
    )[1];
    assert.ok(
      grafana.reason.startsWith(
        "us-east-1 Grafana -> us-east-1 gateway pods: no egress NetworkPolicy rule admits 8080/tcp out of monitoring/grafana pods",
      ),
      grafana.reason,
    );
    const without = dev.filter(
      (r) => !(r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "kube-prometheus-stack"),
    );
    assert.deepEqual(pairs(without, "no-gateway-from-cluster-pods"), [
      "us-east-1 keda-operator -> us-east-1 gateway pods: true",
    ]);
  });

  it("no gateway Deployment, no pair with the gateway", () => {
    const noGateway = dev.filter(
      (r) => !(r.type === "kubernetes:apps/v1:Deployment" && r.name.endsWith("nginx-gateway")),
    );
    assert.deepEqual(pairs(noGateway, "no-waypoint-to-gateway"), []);
  });
});
