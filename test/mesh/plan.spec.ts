import { strict as assert } from "assert";
import * as fc from "fast-check";
import { parser } from "@prometheus-io/lezer-promql";
import { CHARTS } from "../../components/charts";
import type { ServiceConfig } from "../../components/config/types";
import {
  GATEWAY_PRINCIPAL,
  PROMETHEUS_PRINCIPAL,
  WAYPOINT_PRINCIPAL,
  callersOf,
  principal,
} from "../../components/mesh/manifests";
import { planMesh, meshPlanProblems } from "../../components/mesh/plan";
import { errorRatioQuery, latencyQuantileQuery, requestRateQuery } from "../../components/mesh/telemetry";
import { istioValues, unknownValuePaths } from "../../components/mesh/values";
import { PROMETHEUS_SERVICE_ACCOUNT } from "../../components/observability/values";
import { meshInput } from "./fixtures";

const plan = planMesh(meshInput());
const manifests = plan.manifests.map((m) => m.manifest);
const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const named = (kind: string, name: string) => ofKind(kind).find((m) => m.metadata.name === name)!;
const WEB = ["frontend", "user-service", "activity-service", "notification-service"];

describe("mesh plan", () => {
  describe("Istio charts", () => {
    it("pins the four ambient charts to one cited Istio release from istio-release", () => {
      const pins = [CHARTS.istioBase, CHARTS.istiod, CHARTS.istioCni, CHARTS.ztunnel];
      assert.deepEqual(
        pins.map((p) => p.chart),
        ["base", "istiod", "cni", "ztunnel"],
      );
      for (const p of pins) {
        assert.equal(p.version, "1.30.3");
        assert.equal(p.repo, "https://istio-release.storage.googleapis.com/charts");
      }
    });

    it("sets the ambient profile, HA istiod and restricted-compatible waypoints, and nothing the charts do not read", () => {
      const v = plan.values;
      assert.deepEqual(
        [v.istiod.profile, v.cni.profile, v.ztunnel.profile, v.base.profile],
        ["ambient", "ambient", "ambient", undefined],
      );
      assert.equal(v.istiod.autoscaleMin, 2);
      assert.deepEqual(v.istiod.gateways.seccompProfile, { type: "RuntimeDefault" });
      assert.equal(v.istiod.global.platform, undefined, "no eks platform profile exists");
      for (const chart of ["base", "istiod", "cni", "ztunnel"] as const)
        assert.deepEqual(unknownValuePaths(chart, v[chart]), [], chart);
    });

    it("reports a value path the chart does not read, and an unknown global.platform", () => {
      const values = istioValues({ mesh: meshInput().mesh, environment: "prod" });
      values.istiod.pilot = { autoscaleMin: 3 };
      values.cni.global = { platform: "eks" };
      assert.deepEqual(meshPlanProblems(meshInput(), values), [
        "istiod values: pilot.autoscaleMin is not a value of the istiod chart (values.yaml at the pinned tag)",
        "cni values: global.platform is not a value of the cni chart (values.yaml at the pinned tag)",
        'cni values: global.platform "eks" has no profile in the chart (gke, k3d, k3s, microk8s, minikube, openshift); helm install fails with "unknown platform"',
      ]);
    });

    it("refuses a Kubernetes version the pinned Istio does not support", () =>
      assert.throws(
        () => planMesh(meshInput({ kubernetesVersion: "1.36" })),
        /platform:cluster\.kubernetesVersion: got "1\.36"; expected one Istio 1\.30\.3 supports \(1\.32, 1\.33, 1\.34, 1\.35\)/,
      ));
  });

  describe("apps namespace", () => {
    it("enrols the namespace in ambient and sends its Services through the waypoint", () =>
      assert.deepEqual(plan.namespaceLabels, {
        "istio.io/dataplane-mode": "ambient",
        "istio.io/use-waypoint": "waypoint",
      }));

    it("plans an istio-waypoint Gateway with an HA HPA and a PDB", () => {
      const gw = named("Gateway", "waypoint");
      assert.equal(gw.apiVersion, "gateway.networking.k8s.io/v1");
      assert.deepEqual(gw.spec.listeners, [{ name: "mesh", port: 15008, protocol: "HBONE" }]);
      assert.equal(gw.spec.gatewayClassName, "istio-waypoint");
      const options = named("ConfigMap", gw.spec.infrastructure.parametersRef.name);
      assert.equal(JSON.parse(options.data.horizontalPodAutoscaler).spec.minReplicas, 2);
      assert.deepEqual(JSON.parse(options.data.podDisruptionBudget), { spec: { minAvailable: 1 } });
    });

    it("is STRICT, except the gateway's listen port for the ALB, with its reason", () => {
      assert.deepEqual(named("PeerAuthentication", "default").spec, { mtls: { mode: "STRICT" } });
      const alb = named("PeerAuthentication", "nginx-gateway-alb");
      assert.deepEqual(alb.spec.portLevelMtls, { 8080: { mode: "PERMISSIVE" } });
      assert.equal(alb.spec.mtls.mode, "STRICT");
      assert.ok(alb.metadata.annotations["mesh.platform.io/plaintext-reason"]);
    });
  });

  describe("circuit breakers and routes", () => {
    it("plans one DestinationRule per web service with seed 002's outlier numbers and the derived pool", () => {
      assert.deepEqual(
        ofKind("DestinationRule").map((d) => d.spec.host),
        WEB.map((s) => `${s}.apps.svc.cluster.local`),
      );
      assert.deepEqual(named("DestinationRule", "user-service").spec.trafficPolicy, {
        // No demand model in the input: seed 003's 10,000 rps floor, one region, 2 waypoints:
        // 10,000 x 0.1 s = 1,000 in flight x 1.5 / 2 = 750 per waypoint replica.
        connectionPool: {
          tcp: { maxConnections: 750 },
          http: { http1MaxPendingRequests: 750, http2MaxRequests: 750, maxRetries: 3 },
        },
        outlierDetection: {
          consecutiveGatewayErrors: 3,
          consecutive5xxErrors: 0,
          interval: "30s",
          baseEjectionTime: "30s",
          maxEjectionPercent: 50,
        },
      });
    });

    it("keeps the seed's maxRequestsPerConnection only when configured", () => {
      const seed = planMesh(meshInput({ mesh: { connectionPool: { maxRequestsPerConnection: 2 } } }));
      const dr = seed.manifests.find((m) => m.manifest.kind === "DestinationRule")!.manifest;
      assert.equal(dr.spec.trafficPolicy.connectionPool.http.maxRequestsPerConnection, 2);
    });

    it("routes each gateway prefix with a 30 s timeout and retries that fit inside it", () => {
      const vs = named("VirtualService", "user-service");
      assert.deepEqual(
        vs.spec.http.map((h: { name: string; match?: unknown }) => [h.name, h.match]),
        [
          ["route-0", [{ uri: { prefix: "/api/v1/users/" } }]],
          ["route-1", [{ uri: { prefix: "/media/avatars/" } }]],
          ["default", undefined],
        ],
      );
      for (const h of vs.spec.http) {
        assert.equal(h.timeout, "30s");
        assert.deepEqual(h.retries, {
          attempts: 2,
          perTryTimeout: "10s",
          retryOn: "connect-failure,refused-stream,reset-before-request,503",
        });
        assert.deepEqual(h.route, [
          { destination: { host: "user-service.apps.svc.cluster.local", port: { number: 8000 } } },
        ]);
      }
    });
  });

  describe("authorization", () => {
    it("denies by default and lets the gateway call every routed service through the waypoint", () => {
      assert.deepEqual(named("AuthorizationPolicy", "allow-nothing").spec, {});
      for (const s of WEB) {
        const callers = named("AuthorizationPolicy", `${s}-callers`);
        assert.deepEqual(callers.spec.targetRefs, [{ group: "", kind: "Service", name: s }]);
        assert.deepEqual(callers.spec.rules[0].from[0].source.principals, [GATEWAY_PRINCIPAL]);
        const pods = named("AuthorizationPolicy", `${s}-pods`);
        assert.deepEqual(
          pods.spec.rules.map((r: any) => r.from[0].source.principals[0]),
          [WAYPOINT_PRINCIPAL, PROMETHEUS_PRINCIPAL],
        );
      }
      const gw = named("AuthorizationPolicy", "nginx-gateway-ingress");
      assert.deepEqual(gw.spec.rules[0], {
        from: [{ source: { ipBlocks: ["10.10.0.0/16"] } }],
        to: [{ operation: { ports: ["8080"] } }],
      });
    });

    it("names Prometheus by the ServiceAccount observability gives it", () =>
      assert.equal(PROMETHEUS_PRINCIPAL, principal("monitoring", PROMETHEUS_SERVICE_ACCOUNT)));

    it("adds service-to-service callers from mesh.calls", () => {
      const p = planMesh(meshInput({ mesh: { calls: { "notification-worker": ["user-service"] } } }));
      const callers = p.manifests.find((m) => m.manifest.metadata.name === "user-service-callers")!.manifest;
      assert.deepEqual(callers.spec.rules[0].from[0].source.principals, [
        GATEWAY_PRINCIPAL,
        principal("apps", "notification-worker"),
      ]);
    });

    it("property: every web service gets exactly one DestinationRule, VirtualService and pod policy", () => {
      const base = meshInput().services;
      fc.assert(
        fc.property(fc.subarray([...base], { minLength: 1 }), (services: ServiceConfig[]) => {
          const p = planMesh(meshInput({ services }));
          const web = services.filter((s) => s.kind === "web").map((s) => s.name);
          for (const kind of ["DestinationRule", "VirtualService"])
            assert.deepEqual(
              p.manifests.filter((m) => m.manifest.kind === kind).map((m) => m.manifest.metadata.name),
              web,
            );
          const callers = callersOf({ mesh: meshInput().mesh, services });
          assert.deepEqual([...callers.keys()], web);
          const roles = p.manifests.map((m) => m.role);
          assert.equal(new Set(roles).size, roles.length, "unique Pulumi names");
        }),
      );
    });
  });

  describe("network policies", () => {
    it("open HBONE 15008 per workload: callers to the waypoint, the waypoint and Prometheus to web pods", () => {
      const withCalls = planMesh(meshInput({ mesh: { calls: { "notification-worker": ["user-service"] } } }));
      const np = Object.fromEntries(
        withCalls.manifests
          .filter((m) => m.manifest.kind === "NetworkPolicy")
          .map((m) => [m.manifest.metadata.name, m.manifest.spec]),
      );
      assert.deepEqual(Object.keys(np), [
        "mesh-hbone-to-waypoint",
        "mesh-hbone-ingress",
        "mesh-hbone-into-gateway",
        "mesh-waypoint",
        "mesh-kubelet-probes",
      ]);
      const names = (sel: any) => sel.matchExpressions[0].values;
      // Callers: the gateway and mesh.calls' notification-worker; not every pod of the namespace.
      assert.deepEqual(names(np["mesh-hbone-to-waypoint"].podSelector), ["nginx-gateway", "notification-worker"]);
      assert.deepEqual(np["mesh-hbone-to-waypoint"].egress[0].ports, [{ protocol: "TCP", port: 15008 }]);
      assert.deepEqual(names(np["mesh-hbone-ingress"].podSelector), [
        "activity-service",
        "frontend",
        "notification-service",
        "user-service",
      ]);
      assert.deepEqual(np["mesh-hbone-into-gateway"].ingress[0].from, [
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
          podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
        },
      ]);
      assert.deepEqual(
        np["mesh-waypoint"].egress.map((e: any) => e.ports[0].port),
        [15008, 15012],
      );
      assert.deepEqual(names(np["mesh-waypoint"].ingress[0].from[0].podSelector), [
        "nginx-gateway",
        "notification-worker",
      ]);
      assert.deepEqual(
        np["mesh-waypoint"].ingress[1].ports.map((p: any) => p.port),
        [15090],
      );
      assert.deepEqual(np["mesh-kubelet-probes"].ingress[0], {
        from: [{ ipBlock: { cidr: "169.254.7.127/32" } }],
        ports: [8000, 8080, 9113].map((port) => ({ protocol: "TCP", port })),
      });
    });
  });

  describe("telemetry", () => {
    it("scrapes istiod, ztunnel and the waypoint with the label Prometheus selects", () => {
      assert.deepEqual(
        plan.monitors.map((m) => `${m.kind}/${m.metadata.name}`),
        ["ServiceMonitor/istiod", "PodMonitor/ztunnel", "PodMonitor/waypoint"],
      );
      for (const m of plan.monitors) assert.equal(m.metadata.labels.release, "kube-prometheus-stack");
    });

    it("builds request-rate, error and latency queries that parse as PromQL", () => {
      const queries = [
        requestRateQuery("user-service"),
        errorRatioQuery("user-service"),
        latencyQuantileQuery("user-service"),
      ];
      assert.equal(
        queries[0],
        'sum(rate(istio_requests_total{reporter="waypoint",destination_service_namespace="apps",destination_service_name="user-service"}[2m]))',
      );
      for (const q of queries) {
        const tree = parser.parse(q);
        let error = false;
        tree.iterate({ enter: (n) => void (n.type.isError && (error = true)) });
        assert.equal(error, false, q);
      }
    });
  });
});
