import { strict as assert } from "assert";
import { GATEWAY_NAME, gatewayPlan, type Manifest } from "../../components/workloads/manifests";
import { renderNginxConf } from "../../components/workloads/nginx";
import { build, config, container, find, plan } from "./manifests-fixture";

describe("workloads manifests", () => {
  describe("network policies", () => {
    const np = (name: string) => find("NetworkPolicy", name).spec;
    it("deny all ingress and egress by default", () => {
      assert.deepEqual(np("default-deny-all"), { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    });
    it("allow DNS to kube-dns in kube-system on UDP and TCP 53", () => {
      const rule = np("allow-dns").egress[0];
      assert.deepEqual(rule.to[0].namespaceSelector.matchLabels, { "kubernetes.io/metadata.name": "kube-system" });
      assert.deepEqual(rule.ports, [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
      ]);
    });
    it("admit only the gateway to each web service, on its port", () => {
      const p = np("allow-gateway-to-user-service");
      assert.deepEqual(p.podSelector.matchLabels, find("Deployment", "user-service").spec.selector.matchLabels);
      assert.deepEqual(p.ingress, [
        {
          from: [{ podSelector: { matchLabels: find("Deployment", GATEWAY_NAME).spec.selector.matchLabels } }],
          ports: [{ protocol: "TCP", port: 8000 }],
        },
      ]);
      assert.equal(np("allow-gateway-egress").egress.length, 4);
    });
    it("admit the ALB (VPC CIDR) to the gateway's listen port", () => {
      assert.deepEqual(np("allow-gateway-ingress").ingress, [
        { from: [{ ipBlock: { cidr: "10.1.0.0/16" } }], ports: [{ protocol: "TCP", port: 8080 }] },
      ]);
    });
    it("let labelled users reach PostgreSQL 5432 and Redis 6379 inside the VPC, and AWS APIs on 443", () => {
      assert.deepEqual(np("allow-database").egress, [
        { to: [{ ipBlock: { cidr: "10.1.0.0/16" } }], ports: [{ protocol: "TCP", port: 5432 }] },
      ]);
      assert.deepEqual(np("allow-cache").egress, [
        { to: [{ ipBlock: { cidr: "10.1.0.0/16" } }], ports: [{ protocol: "TCP", port: 6379 }] },
      ]);
      assert.deepEqual(np("allow-aws-apis").egress[0].ports, [{ protocol: "TCP", port: 443 }]);
      const labels = find("Deployment", "notification-worker").spec.template.metadata.labels;
      for (const sel of [np("allow-database"), np("allow-aws-apis")].map((p) => p.podSelector.matchLabels)) {
        for (const [k, v] of Object.entries(sel)) assert.equal(labels[k], v);
      }
      assert.equal(
        find("Deployment", "frontend").spec.template.metadata.labels["workloads.platform.io/database"],
        undefined,
      );
    });
    it("let the monitoring namespace scrape service ports and the nginx exporter", () => {
      const rule = np("allow-monitoring-scrape").ingress[0];
      assert.deepEqual(rule.from, [
        { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } },
      ]);
      assert.deepEqual(rule.ports, [
        { protocol: "TCP", port: 8000 },
        { protocol: "TCP", port: 9113 },
      ]);
    });
  });

  describe("gateway", () => {
    const d = find("Deployment", GATEWAY_NAME);
    const gp = gatewayPlan(config.services, config.gateway, "10.1.0.0/16");
    it("routes the catalogue to in-cluster Service hosts and trusts the VPC as proxy", () => {
      assert.deepEqual(
        gp.upstreams.map((u) => u.servers[0]),
        config.services
          .filter((s) => s.kind === "web")
          .map((s) => ({ host: `${s.name}.apps.svc.cluster.local`, port: 8000 })),
      );
      assert.deepEqual(
        gp.routes.map((r) => [r.path, r.upstream, r.kind]),
        [
          ["/", "frontend", "proxy"],
          ["/api/v1/users/", "user_service", "proxy"],
          ["/media/avatars/", "user_service", "media"],
          ["/api/v1/activities/", "activity_service", "cached"],
          ["/media/activities/", "activity_service", "media"],
          ["/api/v1/notifications/", "notification_service", "proxy"],
        ],
      );
      assert.deepEqual(gp.trustedProxyCidrs, ["10.1.0.0/16"]);
      assert.equal(gp.workerProcesses, 1, "one worker per CPU of the 500m limit");
    });
    it("puts the rendered nginx.conf in the ConfigMap and its checksum on the pod template", () => {
      const conf = find("ConfigMap", `${GATEWAY_NAME}-config`).data["nginx.conf"];
      assert.equal(conf, renderNginxConf(gp));
      assert.equal(conf, plan.nginxConf);
      const checksum = d.spec.template.metadata.annotations["checksum/config"];
      assert.match(checksum, /^[a-f0-9]{64}$/);
      const changed = build({ gateway: { ...config.gateway, proxyTimeoutSeconds: 10 } });
      const d2 = changed.manifests.find((m) => m.role === `deploy-${GATEWAY_NAME}`)!.manifest;
      assert.notEqual(
        d2.spec.template.metadata.annotations["checksum/config"],
        checksum,
        "a config change rolls the pods",
      );
    });
    it("runs nginx non-root on the unprivileged port, read-only, with emptyDirs for the plan's writable paths", () => {
      const nginx = container(d, "nginx");
      assert.equal(nginx.image, config.gateway.image);
      assert.deepEqual(nginx.ports, [{ name: "http", containerPort: 8080, protocol: "TCP" }]);
      assert.equal(nginx.securityContext.readOnlyRootFilesystem, true);
      assert.deepEqual(nginx.args, ["-c", "/etc/nginx/gateway/nginx.conf", "-g", "daemon off;"]);
      const mounts = nginx.volumeMounts.map((m: Manifest) => m.mountPath);
      assert.deepEqual(mounts, ["/etc/nginx/gateway", gp.runDir, "/var/cache/nginx"]);
      assert.ok(gp.cache.path.startsWith("/var/cache/nginx/"));
      assert.deepEqual(nginx.readinessProbe.httpGet, { path: "/health", port: "http" });
      assert.equal(d.spec.replicas, undefined);
    });
    it("scrapes stub_status over loopback with the exporter sidecar on :9113", () => {
      const exp = container(d, "exporter");
      assert.deepEqual(exp.args, [
        "--nginx.scrape-uri=http://127.0.0.1:8081/stub_status",
        "--web.listen-address=:9113",
      ]);
      assert.deepEqual(exp.ports, [{ name: "metrics", containerPort: 9113, protocol: "TCP" }]);
      assert.equal(exp.securityContext.allowPrivilegeEscalation, false);
    });
    it("is a ClusterIP Service nginx-gateway port 80 -> http, with an HPA from min 2", () => {
      const svc = find("Service", GATEWAY_NAME);
      assert.equal(svc.spec.type, "ClusterIP");
      assert.deepEqual(svc.spec.ports[0], { name: "http", port: 80, targetPort: "http", protocol: "TCP" });
      const hpa = find("HorizontalPodAutoscaler", GATEWAY_NAME);
      assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [2, 10]);
    });
  });
});
