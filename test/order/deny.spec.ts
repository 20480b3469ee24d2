import { strict as assert } from "assert";
import * as fc from "fast-check";
import { isCustomResource } from "../../tools/order";
import { planFor } from "../helpers/plan";
import type { Plan } from "../../tools/plan-lib";
import { add, dropDependency, fixture, mandatory, named, type Fixture } from "./plant";

/** One planted change per rule family on the prod plan, each with the exact resources named. */
describe("order model: each rule's deny side", () => {
  let prod: Plan;
  const f = (): Fixture => fixture(prod);
  const only = (x: Fixture): string => {
    const found = mandatory(x).map((v) => v.message);
    assert.equal(found.length, 1, found.join("\n"));
    return found[0];
  };
  before(async () => {
    prod = (await planFor("prod")).plan;
  });

  it("CRDs first: a custom resource that does not wait for the chart installing its CRD", () => {
    const x = dropDependency(f(), "eu-west-1-observability-slo-rules", "eu-west-1-observability-kube-prometheus-stack");
    const found = mandatory(x).map((v) => v.message);
    assert.ok(
      found.some((m) =>
        m.startsWith(
          "eu-west-1-observability-slo-rules (kubernetes:monitoring.coreos.com/v1:PrometheusRule) must depend on eu-west-1-observability-kube-prometheus-stack (kubernetes:helm.sh/v3:Release), which installs the CRD of monitoring.coreos.com/PrometheusRule; created first, the API server refuses the object (no such kind). Source: prometheus-community/helm-charts",
        ),
      ),
      found.join("\n"),
    );
  });

  it("CRDs: a kind no planned chart installs, and a chart with no rule or read at another version", () => {
    const x = f();
    const cr = add(x, "us-west-2-workloads-triggerauth-aws", "us-west-2-made-up", {
      type: "kubernetes:example.io/v1:Widget",
    });
    assert.equal(cr.type, "kubernetes:example.io/v1:Widget");
    assert.match(
      only(x),
      /^us-west-2-made-up \(kubernetes:example\.io\/v1:Widget\): no release or manifest in the plan installs the CRD of example\.io\/Widget on its cluster/,
    );
    const y = f();
    named(y, "us-west-2-workloads-keda").inputs.version = "2.21.0";
    assert.equal(
      only(y),
      "us-west-2-workloads-keda (kubernetes:helm.sh/v3:Release): chart keda 2.21.0 but its order rule was read at 2.20.2; re-read the chart at the new pin",
    );
    const z = f();
    add(z, "us-west-2-workloads-keda", "us-west-2-cert-manager", {
      inputs: { chart: "cert-manager", version: "1.19.1", namespace: "kube-system" },
      dependencies: [],
    });
    assert.match(
      only(z),
      /^us-west-2-cert-manager \(kubernetes:helm\.sh\/v3:Release\): chart cert-manager has no order rule/,
    );
  });

  it("namespaces first", () => {
    const x = dropDependency(f(), "us-west-2-workloads-sa-frontend", "us-west-2-workloads-namespace");
    assert.match(
      only(x),
      /^us-west-2-workloads-sa-frontend \(kubernetes:core\/v1:ServiceAccount\) must depend on us-west-2-workloads-namespace \(kubernetes:core\/v1:Namespace\): namespaced objects are refused until their namespace exists/,
    );
  });

  it("Istio objects after istiod (its webhook fails open before)", () => {
    const x = dropDependency(f(), "eu-west-1-mesh-peerauthentication-default", "eu-west-1-mesh-istiod");
    assert.match(
      only(x),
      /^eu-west-1-mesh-peerauthentication-default \(kubernetes:security\.istio\.io\/v1:PeerAuthentication\) must depend on eu-west-1-mesh-istiod \(kubernetes:helm\.sh\/v3:Release\) \(istio-validation-webhook: .*failurePolicy Ignore.*\)\. Source: istio\/istio manifests\/charts\/base\/templates\/defaultrevision-validatingwebhookconfiguration\.yaml at 1\.30\.3/,
    );
  });

  it("TargetGroupBinding after its Service; NodePool after its EC2NodeClass", () => {
    const x = dropDependency(f(), "us-west-2-edge-gateway-tgb", "us-west-2-workloads-svc-nginx-gateway");
    const [viaNamespace, viaService, ...more] = mandatory(x).map((v) => v.message);
    assert.deepEqual(more, []);
    // The binding reached its namespace through the Service only.
    assert.match(viaNamespace, /^us-west-2-edge-gateway-tgb \(.*\) must depend on us-west-2-workloads-namespace \(/);
    assert.match(
      viaService,
      /^us-west-2-edge-gateway-tgb \(kubernetes:elbv2\.k8s\.aws\/v1beta1:TargetGroupBinding\) must depend on us-west-2-workloads-svc-nginx-gateway \(kubernetes:core\/v1:Service\) \(targetgroupbinding-service-and-target-group: /,
    );
    const y = dropDependency(f(), "us-west-2-karpenter-nodepool-general-purpose", "us-west-2-karpenter-nodeclass");
    assert.match(
      only(y),
      /^us-west-2-karpenter-nodepool-general-purpose \(kubernetes:karpenter\.sh\/v1:NodePool\) must depend on us-west-2-karpenter-nodeclass \(kubernetes:karpenter\.k8s\.aws\/v1:EC2NodeClass\) \(nodepool-nodeclass: /,
    );
  });

  it("HTTPS listener after the ISSUED certificate (its CertificateValidation), not the bare certificate", () => {
    const x = f();
    const listener = named(x, "us-west-2-edge-https");
    listener.dependencies = listener.dependencies.map((u) =>
      u === named(x, "us-west-2-edge-cert-validation").urn ? named(x, "us-west-2-edge-cert").urn : u,
    );
    assert.match(
      only(x),
      /^us-west-2-edge-https \(aws:lb\/listener:Listener\) must depend on us-west-2-edge-cert-validation \(aws:acm\/certificateValidation:CertificateValidation\) \(https-listener-issued-certificate: ISSUED; /,
    );
  });

  it("Aurora secondary after the primary's writer instance", () => {
    const x = dropDependency(f(), "database-eu-west-1-cluster", "database-us-east-1-instance-1");
    dropDependency(x, "database-eu-west-1-cluster", "database-us-east-1-instance-2");
    assert.match(
      only(x),
      /^database-eu-west-1-cluster \(aws:rds\/cluster:Cluster\) must depend on database-us-east-1-instance-1 \(aws:rds\/clusterInstance:ClusterInstance\) \(aurora-secondary-after-writer: /,
    );
  });

  it("ALB after its log bucket's policy; RDS instance after its monitoring role's policy", () => {
    const x = dropDependency(f(), "us-west-2-edge-alb", "us-west-2-edge-alb-logs-policy");
    assert.match(
      only(x),
      /^us-west-2-edge-alb \(aws:lb\/loadBalancer:LoadBalancer\) must depend on us-west-2-edge-alb-logs-policy \(aws:s3\/bucketPolicy:BucketPolicy\) \(bucket-policy-before-delivery: /,
    );
    const y = dropDependency(f(), "database-us-east-1-instance-2", "database-monitoring-policy");
    assert.match(
      only(y),
      /^database-us-east-1-instance-2 \(aws:rds\/clusterInstance:ClusterInstance\) must depend on database-monitoring-policy \(aws:iam\/rolePolicyAttachment:RolePolicyAttachment\) \(role-permissions-before-use: /,
    );
  });

  it("second up: an autoscaled Deployment that sets spec.replicas; a patch-pinned ElastiCache engine", () => {
    const x = f();
    (named(x, "us-west-2-workloads-deploy-frontend").inputs.spec as Record<string, unknown>).replicas = 7;
    assert.match(
      only(x),
      /^us-west-2-workloads-deploy-frontend \(kubernetes:apps\/v1:Deployment\) sets spec\.replicas = 7, which us-west-2-workloads-hpa-frontend|^us-west-2-workloads-deploy-frontend \(kubernetes:apps\/v1:Deployment\) sets spec\.replicas = 7, which us-west-2-workloads-so-frontend \(kubernetes:keda\.sh\/v1alpha1:ScaledObject\): the HorizontalPodAutoscaler/,
    );
    named(x, "us-west-2-workloads-deploy-frontend").options!.ignoreChanges = ["spec.replicas"];
    assert.deepEqual(mandatory(x), []);
    const y = f();
    named(y, "cache-us-east-1-group").inputs.engineVersion = "8.0.1";
    assert.match(
      only(y),
      /^cache-us-east-1-group \(aws:elasticache\/replicationGroup:ReplicationGroup\) sets engineVersion = "8\.0\.1", which ElastiCache applies patch versions/,
    );
  });

  it("second up: Aurora members listed on a cluster whose readers Aurora Auto Scaling adds", () => {
    const x = f();
    named(x, "database-us-west-2-cluster").inputs.clusterMembers = ["platform-prod-usw2-aurora-1"];
    assert.match(
      only(x),
      /^database-us-west-2-cluster \(aws:rds\/cluster:Cluster\) sets clusterMembers = \["platform-prod-usw2-aurora-1"\], which database-us-west-2-readers \(aws:appautoscaling\/target:Target\): Aurora Auto Scaling adds and removes reader instances/,
    );
  });
});

describe("order model: property over the prod plan", () => {
  let prod: Plan;
  before(async () => {
    prod = (await planFor("prod")).plan;
  });

  it("any custom resource stripped of its dependencies is named by a mandatory finding", () => {
    const customs = prod.resources.filter(isCustomResource).map((r) => r.name);
    assert.ok(customs.length > 100);
    fc.assert(
      fc.property(fc.constantFrom(...customs), (name) => {
        const x = fixture(prod);
        named(x, name).dependencies = [];
        return mandatory(x).some((v) => v.urn === named(x, name).urn && v.message.startsWith(`${name} (`));
      }),
      { numRuns: 60 },
    );
  });
});

describe("order model: a webhook's release that does not wait for readiness", () => {
  it("skipAwait on the KEDA release: its ScaledObjects may meet a webhook that is not serving yet", async () => {
    const x = fixture((await planFor("prod")).plan);
    named(x, "eu-west-1-workloads-keda").inputs.skipAwait = true;
    const found = mandatory(x).map((v) => v.message);
    assert.ok(found.length >= 4, found.join("\n"));
    assert.ok(
      found.includes(
        "eu-west-1-workloads-so-frontend (kubernetes:keda.sh/v1alpha1:ScaledObject) waits for eu-west-1-workloads-keda (kubernetes:helm.sh/v3:Release), which sets skipAwait: a release that skips await is marked created before its webhook Deployment and Service are ready, so objects waiting for it can still be refused or admitted unvalidated. Source: https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/ (skipAwait: by default the provider waits until all resources are ready), read 2026-12-07",
      ),
    );
    assert.ok(found.every((m) => m.startsWith("eu-west-1-")));
  });
});

describe("order model: what a chart renders", () => {
  let prod: Plan;
  before(async () => {
    prod = (await planFor("prod")).plan;
  });

  it("a collector release whose ServiceMonitor is on waits for the chart installing the ServiceMonitor CRD", () => {
    const x = fixture(prod);
    const rel = add(x, "us-west-2-workloads-keda", "us-west-2-tracing-collector", {
      dependencies: [named(x, "us-west-2-workloads-keda-namespace").urn],
    });
    Object.assign(rel.inputs, {
      chart: "opentelemetry-collector",
      version: "0.170.0",
      name: "otel-collector",
      values: { serviceMonitor: { enabled: true } },
    });
    assert.equal(
      mandatory(x)[0]?.message,
      "us-west-2-tracing-collector (kubernetes:helm.sh/v3:Release) must depend on us-west-2-observability-kube-prometheus-stack (kubernetes:helm.sh/v3:Release), which installs the CRD of monitoring.coreos.com/ServiceMonitor (serviceMonitor.enabled: true). Source: open-telemetry/opentelemetry-helm-charts charts/opentelemetry-collector/templates/{servicemonitor,podmonitor,prometheusrule}.yaml and values.yaml (each enabled: false by default) at opentelemetry-collector-0.170.0, read in the upstream tag",
    );
    rel.dependencies.push(named(x, "us-west-2-observability-kube-prometheus-stack").urn);
    assert.deepEqual(mandatory(x), []);
  });

  it("a chart's ServiceAccount named like one the program creates in the release's namespace", () => {
    const x = fixture(prod);
    const rel = add(x, "us-west-2-workloads-keda", "us-west-2-tracing-jaeger", {});
    Object.assign(rel.inputs, { chart: "jaeger", version: "4.11.1", name: "frontend", namespace: "apps", values: {} });
    rel.dependencies.push(named(x, "us-west-2-workloads-namespace").urn);
    assert.match(
      mandatory(x)[0]?.message ?? "",
      /^us-west-2-tracing-jaeger \(kubernetes:helm\.sh\/v3:Release\) renders core\/ServiceAccount frontend \(jaeger\.enabled\), which the program also creates as us-west-2-workloads-sa-frontend \(kubernetes:core\/v1:ServiceAccount\)/,
    );
  });
});
