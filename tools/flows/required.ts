import { JENKINS_FLOWS } from "./roles-jenkins";
import { KEDA_FLOWS } from "./roles-keda";
import { FARGATE_FLOWS } from "./roles-fargate";
import { ISTIO_FLOWS } from "./roles-istio";
import { MONITORING_FLOWS } from "./roles-monitoring";
import { CHAOS_FLOWS } from "./roles-chaos";

/**
 * The network paths the platform needs, declared once. Evaluated on every `npm run plan`
 * (tools/flows/index.ts); each one that does not hold is a mandatory violation. `from` and
 * `to` name roles (roles.ts resolves them per region from the plan); `port` is fixed, or
 * "target" when the destination decides it (the gateway's container port, a scrape port).
 */
export interface FlowRequirement {
  id: string;
  from: string;
  to: string;
  port: number | "target";
  protocol?: "tcp" | "udp";
  why: string;
}

export const REQUIRED_FLOWS: readonly FlowRequirement[] = [
  {
    id: "deployer-cluster-api",
    from: "deployer",
    to: "cluster-api",
    port: 443,
    why: "pulumi up creates Kubernetes objects in every cluster; a private endpoint needs an in-network deployer",
  },
  {
    id: "karpenter-nodes-cluster-api",
    from: "karpenter-nodes",
    to: "cluster-api",
    port: 443,
    why: "nodes Karpenter launches join the cluster through the API endpoint",
  },
  {
    id: "apps-database-writer",
    from: "app-pods:database",
    to: "database-writer",
    port: 5432,
    why: "every region writes; secondaries through Aurora write forwarding on their local cluster",
  },
  { id: "apps-database-readers", from: "app-pods:database", to: "database-readers", port: 5432, why: "local reads" },
  {
    id: "apps-cache-primary",
    from: "app-pods:cache",
    to: "cache-primary",
    port: 6379,
    why: "Global Datastore secondaries are read-only: cache writes go to the primary region over the private link",
  },
  { id: "apps-cache-replicas", from: "app-pods:cache", to: "cache-replicas", port: 6379, why: "local cache reads" },
  { id: "alb-gateway", from: "alb", to: "gateway-pods", port: "target", why: "IP targets of the TargetGroupBinding" },
  { id: "cloudfront-alb", from: "cloudfront", to: "alb", port: 443, why: "the ALB only accepts CloudFront" },
  {
    id: "healthchecks-alb",
    from: "route53-health-checkers",
    to: "alb",
    port: 443,
    why: "Route53 health checks decide latency/failover routing",
  },
  {
    id: "prometheus-scrape",
    from: "prometheus",
    to: "scrape-targets",
    port: "target",
    why: "every ServiceMonitor endpoint",
  },
  // Ambient mesh (components/mesh): a meshed call leaves as HBONE (15008) to the waypoint and reaches
  // the callee as HBONE from it; the waypoint gets its config and certificates from istiod (15012).
  {
    id: "mesh-gateway-waypoint",
    from: "mesh-gateway-pods",
    to: "waypoint-pods",
    port: 15008,
    why: "the gateway's upstream calls go through the waypoint (HBONE), where outlier detection and retries apply",
  },
  {
    id: "mesh-waypoint-services",
    from: "waypoint-pods",
    to: "meshed-web-pods",
    port: 15008,
    why: "the waypoint forwards each request to a pod it picked (HBONE to the pod's ztunnel)",
  },
  { id: "mesh-waypoint-istiod", from: "waypoint-pods", to: "istiod", port: 15012, why: "xDS and certificates" },
  {
    id: "mesh-prometheus-waypoint",
    from: "mesh-prometheus",
    to: "waypoint-pods",
    port: 15090,
    why: "istio_requests_total and istio_request_duration_milliseconds come from the waypoint's Envoy",
  },
  {
    id: "mesh-prometheus-hbone",
    from: "mesh-prometheus",
    to: "meshed-web-pods",
    port: 15008,
    why: "Prometheus is in the mesh: its scrapes of STRICT-mTLS pods arrive as HBONE",
  },
  // What the apps pods need outside the mesh (tools/flows/roles-pods.ts).
  { id: "apps-dns", from: "apps-pods", to: "kube-dns", port: 53, protocol: "udp", why: "name resolution" },
  { id: "apps-dns-tcp", from: "apps-pods", to: "kube-dns", port: 53, why: "DNS answers too large for UDP" },
  {
    id: "apps-aws-apis",
    from: "aws-callers",
    to: "aws-public-apis",
    port: 443,
    why: "AWS APIs without a VPC interface endpoint are reached through NAT at public addresses",
  },
  {
    id: "apps-pod-identity",
    from: "aws-callers",
    to: "pod-identity-agent",
    port: 80,
    why: "pods with an AWS role fetch credentials from the node's Pod Identity agent",
  },
  {
    id: "kubelet-probes",
    from: "kubelet-probes",
    to: "probed-pods",
    port: "target",
    why: "liveness and readiness probes of ambient pods arrive SNATed from 169.254.7.127",
  },
  // Controllers calling in-cluster services, and the control plane calling webhooks (tools/flows/roles-controllers.ts).
  {
    id: "keda-prometheus",
    from: "keda-operator",
    to: "prometheus",
    port: 9090,
    why: "every web service's request-rate, p95 and error triggers are KEDA prometheus queries",
  },
  {
    id: "apiserver-vpa-webhook",
    from: "kube-apiserver",
    to: "vpa-admission-webhook",
    port: 8000,
    why: "the VPA admission controller sets pods' requests at creation (a mutating webhook in the pod-creation path)",
  },
  {
    id: "chaos-abort-prometheus",
    from: "chaos-controller",
    to: "prometheus",
    port: 9090,
    why: "the guarded production experiment's StatusChecks query Prometheus for the SLO burn alerts (abort condition)",
  },
  {
    id: "loadtest-gateway",
    from: "k6-runners",
    to: "gateway-pods",
    port: "target",
    why: "the opt-in k6 TestRuns load the region's gateway Service",
  },
  {
    id: "loadtest-prometheus",
    from: "k6-runners",
    to: "prometheus",
    port: 9090,
    why: "k6 writes its results to Prometheus' remote-write receiver (/api/v1/write)",
  },
  // Traces (components/tracing): the waypoint's spans to the collector, the collector's batches to Jaeger.
  {
    id: "tracing-waypoint-collector",
    from: "waypoint-pods",
    to: "otel-collector",
    port: 4317,
    why: "Istio's tracing provider: the waypoint exports every sampled request's span over OTLP/gRPC",
  },
  {
    id: "tracing-collector-jaeger",
    from: "otel-collector",
    to: "jaeger",
    port: 4317,
    why: "the collector's OTLP exporter writes the batched spans to Jaeger's store",
  },
  {
    id: "tracing-collector-dns",
    from: "otel-collector",
    to: "kube-dns",
    port: 53,
    protocol: "udp",
    why: "the collector's exporter resolves Jaeger's Service name",
  },
  {
    id: "tracing-collector-dns-tcp",
    from: "otel-collector",
    to: "kube-dns",
    port: 53,
    why: "DNS answers too large for UDP",
  },
  // Kafka (components/kafka): IAM-authenticated clients over TLS, to their own region's brokers only.
  {
    id: "apps-kafka",
    from: "app-pods:kafka",
    to: "kafka-brokers",
    port: 9098,
    why: "services that declare Kafka produce and consume over SASL/IAM with TLS (the only listener the cluster opens)",
  },
  {
    id: "keda-kafka",
    from: "keda-operator:kafka",
    to: "kafka-brokers",
    port: 9098,
    why: "a ScaledObject's kafka trigger reads its consumer group's lag from the brokers (MSK IAM over TLS)",
  },
  ...JENKINS_FLOWS,
  ...KEDA_FLOWS,
  ...FARGATE_FLOWS,
  ...ISTIO_FLOWS,
  ...MONITORING_FLOWS,
  ...CHAOS_FLOWS,
];
