import { strict as assert } from "assert";
import * as k8s from "@pulumi/kubernetes";
import { CHARTS } from "../../components/charts";
import { Mesh, type MeshArgs } from "../../components/mesh";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { ALONE, named, standInRegion } from "../helpers/stand-in";
import { meshInput } from "./fixtures";

function config(): MeshArgs["config"] {
  const i = meshInput();
  return {
    mesh: i.mesh,
    environment: "prod",
    services: i.services,
    gateway: i.gateway,
    cluster: { kubernetesVersion: "1.34" },
    // The demand the waypoint's pool is sized for: 40,000 rps over three regions.
    demand: { peakRps: 40_000 },
    regions: [{ name: "us-east-1" }, { name: "us-west-2" }, { name: "eu-west-1" }],
    loadTests: { enabled: false, scenarios: [] },
  } as unknown as MeshArgs["config"];
}

describe("Mesh component (mock engine)", () => {
  let r: ProgramRun;
  before(async () => {
    r = await runProgram({
      ...ALONE,
      program: () => {
        const region = standInRegion();
        const mesh = new Mesh("usw2-mesh", { config: config(), region });
        const namespace = new k8s.core.v1.Namespace(
          "apps",
          { metadata: { name: "apps", labels: mesh.namespaceLabels } },
          { provider: region.cluster.k8sProvider },
        );
        const crds = new k8s.helm.v3.Release(
          "kube-prometheus-stack",
          { chart: "kube-prometheus-stack" },
          { provider: region.cluster.k8sProvider },
        );
        mesh.attachApps({ namespace, monitoringCrds: crds });
        return {};
      },
    });
  });
  const urnOf = (name: string) => named(r.resources, name).urn;
  const deps = (name: string) => named(r.resources, name).dependencies;

  it("installs the four pinned Istio charts into istio-system in order, after the cluster's add-ons", () => {
    const releases = ["base", "istiod", "cni", "ztunnel"].map((c) => named(r.resources, `usw2-mesh-${c}`));
    assert.deepEqual(
      releases.map((x) => [x.type, x.inputs.name, x.inputs.chart, x.inputs.version, x.inputs.namespace]),
      [
        ["kubernetes:helm.sh/v3:Release", "istio-base", "base", CHARTS.istioBase.version, "istio-system"],
        ["kubernetes:helm.sh/v3:Release", "istiod", "istiod", CHARTS.istiod.version, "istio-system"],
        ["kubernetes:helm.sh/v3:Release", "istio-cni", "cni", CHARTS.istioCni.version, "istio-system"],
        ["kubernetes:helm.sh/v3:Release", "ztunnel", "ztunnel", CHARTS.ztunnel.version, "istio-system"],
      ],
    );
    assert.ok(deps("usw2-mesh-base").includes(urnOf("addons")));
    assert.ok(deps("usw2-mesh-istiod").includes(urnOf("usw2-mesh-base")));
    assert.ok(deps("usw2-mesh-istiod").includes(urnOf("usw2-mesh-gateway-api-crds")));
    assert.ok(deps("usw2-mesh-istiod").includes(urnOf("nodepool")));
    assert.deepEqual(
      ["usw2-mesh-istiod", "usw2-mesh-cni"].map((d) => deps("usw2-mesh-ztunnel").includes(urnOf(d))),
      [true, true],
    );
  });

  it("installs the Gateway API standard CRDs Istio 1.30.3 is built against", () => {
    const crds = named(r.resources, "usw2-mesh-gateway-api-crds");
    assert.equal(crds.type, "kubernetes:yaml/v2:ConfigFile");
    // Applied from the vendored copy (test/ci/gateway-api-vendor.spec.ts checks its hash and CRDs).
    assert.equal(crds.inputs.file, "components/mesh/vendor/gateway-api-v1.5.1/standard-install.yaml");
  });

  it("creates the apps namespace objects after their CRDs and the namespace", () => {
    const dr = named(r.resources, "usw2-mesh-destinationrule-user-service");
    assert.equal(dr.type, "kubernetes:networking.istio.io/v1:DestinationRule");
    // 40,000 / (3 - 1) x 0.1 s = 2,000 in flight x 1.5 / 2 waypoints = 1,500 per replica.
    assert.equal((dr.inputs as any).spec.trafficPolicy.connectionPool.tcp.maxConnections, 1500);
    assert.deepEqual(
      [urnOf("apps"), urnOf("usw2-mesh-base")].map((u) => dr.dependencies.includes(u)),
      [true, true],
    );
    const gw = named(r.resources, "usw2-mesh-gateway-waypoint");
    assert.equal(gw.type, "kubernetes:gateway.networking.k8s.io/v1:Gateway");
    assert.deepEqual(
      [urnOf("apps"), urnOf("usw2-mesh-gateway-api-crds"), urnOf("usw2-mesh-istiod")].map((u) =>
        gw.dependencies.includes(u),
      ),
      [true, true, true],
    );
    assert.equal(
      named(r.resources, "usw2-mesh-networkpolicy-mesh-waypoint").type,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    );
    const counts = (t: string) => r.resources.filter((x) => x.type === t).length;
    assert.deepEqual(
      [
        counts("kubernetes:security.istio.io/v1:PeerAuthentication"),
        counts("kubernetes:security.istio.io/v1:AuthorizationPolicy"),
        counts("kubernetes:networking.istio.io/v1:DestinationRule"),
        counts("kubernetes:networking.istio.io/v1:VirtualService"),
      ],
      [2, 10, 4, 4],
    );
  });

  it("creates the monitors after the Prometheus Operator CRDs", () => {
    const pm = named(r.resources, "usw2-mesh-podmonitor-waypoint");
    assert.equal(pm.type, "kubernetes:monitoring.coreos.com/v1:PodMonitor");
    assert.ok(pm.dependencies.includes(urnOf("kube-prometheus-stack")));
  });
});
