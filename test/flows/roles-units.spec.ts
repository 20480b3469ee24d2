import { strict as assert } from "assert";
import { evaluateFlows, REQUIRED_FLOWS, type PlannedFlow } from "../../tools/flows";
import type { PlanResource } from "../../policies/lib/offline";
import { plannedResources } from "./planned";

/**
 * The role resolvers (tools/flows/roles.ts) on dev's planned resources: which endpoints each required
 * flow joins. Expected endpoints come from the seed catalogue (components/config/sections/workloads.ts
 * DEFAULT_SERVICES: database users user-service, activity-service, notification-service and the
 * notification worker; cache users the first three; frontend and the three web services scraped on
 * their "http" port 8000), dev's one region us-east-1 and cluster platform-dev-use1 (Pulumi.dev.yaml),
 * the gateway's container port 8080 and its exporter's 9113 (components/workloads), and the chart
 * metric ports of roles-keda.ts. Deny sides change one planned input and expect the reason.
 */
const ROLE_FLOWS = [
  "deployer-cluster-api",
  "karpenter-nodes-cluster-api",
  "apps-database-writer",
  "apps-database-readers",
  "apps-cache-primary",
  "apps-cache-replicas",
  "alb-gateway",
  "cloudfront-alb",
  "healthchecks-alb",
  "prometheus-scrape",
  "mesh-gateway-waypoint",
  "mesh-waypoint-services",
  "mesh-waypoint-istiod",
  "mesh-prometheus-waypoint",
  "mesh-prometheus-hbone",
];
const line = (f: PlannedFlow) => `${f.requirement} | ${f.from} | ${f.to} | ${f.port}`;
const tail = (u: string) => u.split("::").pop();
let dev: readonly PlanResource[];
const copy = () => structuredClone([...dev]) as PlanResource[];
const flow = (rs: readonly PlanResource[], req: string, from?: string) =>
  evaluateFlows(
    rs,
    REQUIRED_FLOWS.filter((r) => r.id === req),
  ).find((f) => !from || f.from === from)!;

describe("flows units: the role resolvers on dev", function () {
  this.timeout(300_000);

  // Mutation runs select single tests: every test must find dev's resources, so the hook (not a test) loads them.
  before(async () => {
    dev = await plannedResources("dev");
  });

  it("each role-based requirement joins the seed's endpoints, and every one holds", () => {
    const all = evaluateFlows(
      dev,
      REQUIRED_FLOWS.filter((r) => ROLE_FLOWS.includes(r.id)),
    );
    // Charts' Services (no planned pods) are scraped on the chart's port (roles-keda.ts): named here only.
    const chart = (f: PlannedFlow) => / (karpenter|keda-operator|istiod) scrape target /.test(f.to);
    assert.deepEqual(
      all.filter(chart).map((f) => f.to),
      ["karpenter", "keda-operator", "istiod"].map(
        (c, i) => `us-east-1 ${c} scrape target (${["http-metrics", "metrics", "http-monitoring"][i]})`,
      ),
    );
    const flows = all.filter((f) => !chart(f));
    assert.deepEqual(flows.map(line), [
      "deployer-cluster-api | deployer (runner outside the VPCs) | us-east-1 cluster API (platform-dev-use1) | 443",
      "karpenter-nodes-cluster-api | us-east-1 Karpenter nodes | us-east-1 cluster API (platform-dev-use1) | 443",
      "apps-database-writer | us-east-1 user-service pods | us-east-1 Aurora writer (write forwarding on secondaries) | 5432",
      "apps-database-writer | us-east-1 activity-service pods | us-east-1 Aurora writer (write forwarding on secondaries) | 5432",
      "apps-database-writer | us-east-1 notification-worker pods | us-east-1 Aurora writer (write forwarding on secondaries) | 5432",
      "apps-database-writer | us-east-1 notification-service pods | us-east-1 Aurora writer (write forwarding on secondaries) | 5432",
      "apps-database-readers | us-east-1 user-service pods | us-east-1 Aurora readers | 5432",
      "apps-database-readers | us-east-1 activity-service pods | us-east-1 Aurora readers | 5432",
      "apps-database-readers | us-east-1 notification-worker pods | us-east-1 Aurora readers | 5432",
      "apps-database-readers | us-east-1 notification-service pods | us-east-1 Aurora readers | 5432",
      "apps-cache-primary | us-east-1 user-service pods | us-east-1 cache primary (Global Datastore writer) | 6379",
      "apps-cache-primary | us-east-1 activity-service pods | us-east-1 cache primary (Global Datastore writer) | 6379",
      "apps-cache-primary | us-east-1 notification-service pods | us-east-1 cache primary (Global Datastore writer) | 6379",
      "apps-cache-replicas | us-east-1 user-service pods | us-east-1 cache replicas | 6379",
      "apps-cache-replicas | us-east-1 activity-service pods | us-east-1 cache replicas | 6379",
      "apps-cache-replicas | us-east-1 notification-service pods | us-east-1 cache replicas | 6379",
      "alb-gateway | us-east-1 ALB | us-east-1 gateway pods | 8080",
      "cloudfront-alb | CloudFront origin-facing servers | us-east-1 ALB | 443",
      "healthchecks-alb | Route53 health checkers (us-east-1 list) | us-east-1 ALB | 443",
      "prometheus-scrape | us-east-1 Prometheus | us-east-1 frontend scrape target (http) | 8000",
      "prometheus-scrape | us-east-1 Prometheus | us-east-1 user-service scrape target (http) | 8000",
      "prometheus-scrape | us-east-1 Prometheus | us-east-1 activity-service scrape target (http) | 8000",
      "prometheus-scrape | us-east-1 Prometheus | us-east-1 notification-service scrape target (http) | 8000",
      "prometheus-scrape | us-east-1 Prometheus | us-east-1 nginx-gateway-exporter scrape target (metrics) | 9113",
      "mesh-gateway-waypoint | us-east-1 gateway pods | us-east-1 waypoint waypoint pods | 15008",
      "mesh-waypoint-services | us-east-1 waypoint waypoint pods | us-east-1 frontend pods | 15008",
      "mesh-waypoint-services | us-east-1 waypoint waypoint pods | us-east-1 user-service pods | 15008",
      "mesh-waypoint-services | us-east-1 waypoint waypoint pods | us-east-1 activity-service pods | 15008",
      "mesh-waypoint-services | us-east-1 waypoint waypoint pods | us-east-1 notification-service pods | 15008",
      "mesh-waypoint-istiod | us-east-1 waypoint waypoint pods | us-east-1 istiod | 15012",
      "mesh-prometheus-waypoint | us-east-1 Prometheus | us-east-1 waypoint waypoint pods | 15090",
      "mesh-prometheus-hbone | us-east-1 Prometheus | us-east-1 frontend pods | 15008",
      "mesh-prometheus-hbone | us-east-1 Prometheus | us-east-1 user-service pods | 15008",
      "mesh-prometheus-hbone | us-east-1 Prometheus | us-east-1 activity-service pods | 15008",
      "mesh-prometheus-hbone | us-east-1 Prometheus | us-east-1 notification-service pods | 15008",
    ]);
    assert.deepEqual(
      flows.filter((f) => !f.ok).map((f) => `${line(f)}: ${f.reason}`),
      [],
    );
  });

  it("evidence names the rules and the data-endpoints key each flow uses", () => {
    assert.deepEqual(flow(dev, "alb-gateway").via!.map(tail), [
      "us-east-1-network-vpc#local-route",
      "us-east-1-edge-alb-sg#egress[0]",
      "us-east-1-edge-gateway-tgb#networking.ingress[0]",
      "us-east-1-workloads-netpol-allow-gateway-ingress#ingress[0]",
    ]);
    assert.deepEqual(flow(dev, "cloudfront-alb").via!.map(tail), [
      "us-east-1-network-public-default",
      "us-east-1-edge-alb-sg#ingress[0]",
    ]);
    assert.deepEqual(flow(dev, "deployer-cluster-api").via!.map(tail), ["us-east-1-cluster-eks#publicAccessCidrs"]);
    assert.deepEqual(flow(dev, "apps-database-writer").via!.map(tail), [
      "us-east-1-network-vpc#local-route",
      "us-east-1-cluster-eks#clusterSecurityGroup",
      "database-us-east-1-sg-from-cluster",
      "us-east-1-workloads-netpol-allow-database#egress[0]",
      "us-east-1-workloads-cm-data-endpoints#data.DATABASE_GLOBAL_WRITER_HOST",
    ]);
    // Prometheus runs on the system node group: the route between its subnets and the app nodes' is evidence.
    const scrape = flow(dev, "prometheus-scrape", "us-east-1 Prometheus");
    assert.deepEqual(scrape.via!.slice(0, 2).map(tail), [
      "us-east-1-network-vpc#local-route",
      "us-east-1-cluster-eks#clusterSecurityGroup",
    ]);
    const urns = evaluateFlows(
      dev,
      REQUIRED_FLOWS.filter((r) => r.id === "alb-gateway"),
    ).map((f) => tail(f.urn!));
    assert.deepEqual(urns, ["us-east-1-workloads-deploy-nginx-gateway"]);
  });

  it("apps that do not name the writer's host in data-endpoints do not use the path", () => {
    const rs = copy();
    const cm = rs.find((r) => r.name.endsWith("cm-data-endpoints"))!;
    cm.inputs.data = { OTHER: "db.example.com" };
    const f = flow(rs, "apps-database-writer");
    assert.equal(f.ok, false);
    assert.equal(
      f.reason,
      "the network path holds, but no key of the data-endpoints ConfigMap names platform-dev-use1-aurora.cluster-mock.us-east-1.rds.amazonaws.com, so apps do not use it",
    );
  });

  it("a private-only API endpoint refuses the runner outside the VPCs", () => {
    const rs = copy();
    const cluster = rs.find((r) => r.type === "eks:index:Cluster")!;
    cluster.inputs.endpointPublicAccess = false;
    const f = flow(rs, "deployer-cluster-api");
    assert.equal(f.ok, false);
    assert.equal(
      f.reason,
      "us-east-1 cluster API (platform-dev-use1): the API endpoint is private only and deployer (runner outside the VPCs) is outside its VPC (no in-network deployer)",
    );
  });

  it("an internal ALB cannot be CloudFront's origin; no gateway Deployment, no gateway flow", () => {
    const rs = copy();
    rs.find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer")!.inputs.internal = true;
    const f = flow(rs, "cloudfront-alb");
    assert.equal(f.reason, "us-east-1 ALB is internal; CloudFront origin-facing servers is outside the VPC");
    const noGw = copy().filter(
      (r) => !(r.type === "kubernetes:apps/v1:Deployment" && r.name.endsWith("nginx-gateway")),
    );
    const g = flow(noGw, "alb-gateway");
    assert.deepEqual([g.ok, g.to, g.reason], [false, "us-east-1 gateway pods", "no gateway Deployment"]);
  });
});
