import { strict as assert } from "node:assert";
import type { PolicyResource } from "@pulumi/policy";
import { meshManifests, appsNamespaceLabels } from "../../components/mesh/manifests";
import { meshInput } from "../../test/mesh/fixtures";
import { meshDestinationRules } from "../kubernetes/mesh-destination-rules";
import { meshIstioSchema } from "../kubernetes/mesh-istio-schema";
import { meshMtlsStrict } from "../kubernetes/mesh-mtls-strict";
import { meshWaypoint } from "../kubernetes/mesh-waypoint";
import { DESTINATION_RULE, K8S_GATEWAY, NAMESPACE, PEER_AUTHENTICATION } from "../lib/istio";
import { SERVICE } from "../lib/k8s";
import { clone, resourceArgs, runResource, runStack, stackResource, urnOf } from "./harness";

const config = meshInput();
const planned = meshManifests(config);
const typeOf = (m: Record<string, any>) =>
  `kubernetes:${m.apiVersion.includes("/") ? m.apiVersion : `core/${m.apiVersion}`}:${m.kind}`;
const find = (kind: string, name: string) =>
  clone(planned.find((p) => p.manifest.kind === kind && p.manifest.metadata.name === name)!.manifest);

const namespace = (labels: Record<string, string> = appsNamespaceLabels()) =>
  stackResource(NAMESPACE, "apps", { metadata: { name: "apps", labels } });
const service = (name: string) =>
  stackResource(SERVICE, `svc-${name}`, {
    metadata: { name, namespace: "apps", labels: { "app.kubernetes.io/component": "web" } },
  });
const webNames = config.services.filter((s) => s.kind === "web").map((s) => s.name);
/** The real planned mesh objects plus the Namespace and app Services they apply to. */
function stack(change: (rs: PolicyResource[]) => PolicyResource[] = (rs) => rs): PolicyResource[] {
  return change([
    namespace(),
    ...webNames.map(service),
    ...planned.map((p) => stackResource(typeOf(p.manifest), p.role, clone(p.manifest))),
  ]);
}

describe("policies: mesh", () => {
  describe("mesh-mtls-strict", () => {
    let policy: ReturnType<typeof meshMtlsStrict>;
    beforeEach(() => {
      policy = meshMtlsStrict();
    });
    const check = (props: Record<string, any>) =>
      runResource(policy, resourceArgs(PEER_AUTHENTICATION, props)).messages;
    it("is advisory by default (mandatory in staging/prod through the registry)", () =>
      assert.equal(policy.enforcementLevel, "advisory"));
    it("passes the namespace STRICT policy and the gateway's annotated port exception", () => {
      assert.deepEqual(check(find("PeerAuthentication", "default")), []);
      assert.deepEqual(check(find("PeerAuthentication", "nginx-gateway-alb")), []);
    });
    it("reports PERMISSIVE and DISABLE namespace modes", () => {
      for (const mode of ["PERMISSIVE", "DISABLE"]) {
        const pa = find("PeerAuthentication", "default");
        pa.spec.mtls.mode = mode;
        assert.deepEqual(check(pa), [`PeerAuthentication apps/default sets mtls.mode ${mode}; expected STRICT`]);
      }
    });
    it("reports a port exception without selector, without STRICT elsewhere, or without a reason", () => {
      const pa = find("PeerAuthentication", "nginx-gateway-alb");
      delete pa.spec.selector;
      delete pa.spec.mtls;
      delete pa.metadata.annotations;
      const at = "PeerAuthentication apps/nginx-gateway-alb relaxes ports (8080 PERMISSIVE)";
      assert.deepEqual(check(pa), [
        `${at} for a whole namespace; expected a workload selector`,
        `${at} without mtls.mode STRICT for the other ports`,
        `${at} without a mesh.platform.io/plaintext-reason annotation saying why`,
      ]);
    });
  });

  describe("mesh-destination-rules", () => {
    let policy: ReturnType<typeof meshDestinationRules>;
    beforeEach(() => {
      policy = meshDestinationRules();
    });
    it("passes the planned DestinationRules (one per app Service, with outlier detection)", () =>
      assert.deepEqual(runStack(policy, stack()), []));
    it("reports an app Service without DestinationRule", () =>
      assert.deepEqual(
        runStack(
          policy,
          stack((rs) => rs.filter((r) => !(r.type === DESTINATION_RULE && r.props.metadata.name === "user-service"))),
        ),
        [
          {
            message:
              "Service apps/user-service is in the mesh but has no DestinationRule (host user-service.apps.svc.cluster.local): no circuit breaker",
            urn: urnOf(SERVICE, "svc-user-service"),
          },
        ],
      ));
    it("reports a DestinationRule without an ejection trigger", () => {
      const rs = stack();
      const dr = rs.find((r) => r.type === DESTINATION_RULE && r.props.metadata.name === "frontend")!;
      delete dr.props.spec.trafficPolicy.outlierDetection;
      assert.deepEqual(runStack(policy, rs), [
        {
          message:
            "Service apps/frontend has a DestinationRule without outlier detection (consecutiveGatewayErrors or consecutive5xxErrors > 0): failing pods are never ejected",
          urn: urnOf(SERVICE, "svc-frontend"),
        },
      ]);
    });
    it("reports seed 002's outlier keys under connectionPool.http, which the CRD does not define", () => {
      const rs = stack();
      const dr = rs.find((r) => r.type === DESTINATION_RULE && r.props.metadata.name === "frontend")!;
      Object.assign(dr.props.spec.trafficPolicy.connectionPool.http, { consecutiveGatewayErrors: 3, interval: "30s" });
      assert.deepEqual(runStack(policy, rs), [
        {
          message:
            "DestinationRule apps/frontend sets trafficPolicy.connectionPool.http.consecutiveGatewayErrors, trafficPolicy.connectionPool.http.interval, which the DestinationRule CRD does not define (the API server would drop them)",
          urn: dr.urn,
        },
      ]);
    });
    it("ignores Services of namespaces outside the mesh", () =>
      assert.deepEqual(runStack(policy, [namespace({}), service("user-service")]), []));
  });

  describe("mesh-waypoint", () => {
    let policy: ReturnType<typeof meshWaypoint>;
    beforeEach(() => {
      policy = meshWaypoint();
    });
    it("passes the planned ambient namespace with its istio-waypoint Gateway", () =>
      assert.deepEqual(runStack(policy, stack()), []));
    it("reports an ambient namespace with L7 rules and no use-waypoint label", () =>
      assert.deepEqual(
        runStack(
          policy,
          stack((rs) => [namespace({ "istio.io/dataplane-mode": "ambient" }), ...rs.slice(1)]),
        ),
        [
          {
            message:
              "Namespace apps is ambient and has 8 DestinationRule/VirtualService object(s) but no istio.io/use-waypoint label: without a waypoint they never apply",
            urn: urnOf(NAMESPACE, "apps"),
          },
        ],
      ));
    it("reports a missing waypoint Gateway and a Gateway of the wrong class", () => {
      assert.deepEqual(
        runStack(
          policy,
          stack((rs) => rs.filter((r) => r.type !== K8S_GATEWAY)),
        ),
        [
          {
            message: "Namespace apps uses waypoint waypoint, but no Gateway apps/waypoint is planned",
            urn: urnOf(NAMESPACE, "apps"),
          },
        ],
      );
      const rs = stack();
      const gw = rs.find((r) => r.type === K8S_GATEWAY)!;
      gw.props.spec.gatewayClassName = "istio";
      assert.deepEqual(runStack(policy, rs), [
        {
          message: 'Gateway apps/waypoint has gatewayClassName "istio"; a waypoint needs "istio-waypoint"',
          urn: gw.urn,
        },
      ]);
    });
  });

  describe("mesh-istio-schema", function () {
    this.timeout(20_000);
    let policy: ReturnType<typeof meshIstioSchema>;
    beforeEach(() => {
      policy = meshIstioSchema();
    });
    it("passes every planned Istio object", () => assert.deepEqual(runStack(policy, stack()), []));
    it("reports an invalid enum, a mistyped number and an unknown Istio kind", () => {
      const rs = stack();
      const pa = rs.find((r) => r.type === PEER_AUTHENTICATION && r.props.metadata.name === "default")!;
      pa.props.spec.mtls.mode = "STRICTER";
      const dr = rs.find((r) => r.type === DESTINATION_RULE && r.props.metadata.name === "frontend")!;
      dr.props.spec.trafficPolicy.outlierDetection.maxEjectionPercent = "50%";
      const odd = stackResource("kubernetes:networking.istio.io/v1:Nope", "nope", {
        apiVersion: "networking.istio.io/v1",
        kind: "Nope",
        metadata: { name: "nope", namespace: "apps" },
      });
      const got = runStack(policy, [...rs, odd]);
      assert.deepEqual(
        got.map((v) => v.urn),
        [pa.urn, dr.urn, odd.urn],
      );
      assert.match(got[0].message, /^PeerAuthentication apps\/default is not valid against the Istio schema: .*mode/);
      assert.match(
        got[1].message,
        /^DestinationRule apps\/frontend is not valid against the Istio schema: .*maxEjectionPercent/,
      );
      assert.equal(
        got[2].message,
        "Nope apps/nope is not valid against the Istio schema: no model for networking.istio.io/v1 Nope in @kubernetes-models/istio",
      );
    });
  });
});
