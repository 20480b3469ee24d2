/**
 * The AWS figures the failover model adds to the plan's own values. Each names the page it was
 * read on and the date; `kind: "assumption"` marks a figure AWS does not publish (stated as such).
 */
export interface Figure {
  readonly seconds: number;
  readonly what: string;
  readonly source: string;
  readonly read: string;
  readonly kind: "aws" | "aws-typical" | "assumption";
}

const READ = "2026-12-07";

export const FIGURES = {
  route53CheckTimeout: {
    seconds: 6,
    what: "an HTTPS health check fails after 4 s to connect plus 2 s to answer",
    source:
      "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html",
    read: READ,
    kind: "aws",
  },
  elbAliasTtl: {
    seconds: 60,
    what: "an alias record to a load balancer is cached for the load balancer's TTL (60 s)",
    source:
      "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html",
    read: READ,
    kind: "aws",
  },
  auroraInRegionFailover: {
    seconds: 30,
    what: "Aurora promotes a replica in another AZ; start to finish typically within 30 s",
    source: "https://aws.amazon.com/rds/aurora/faqs/ (What happens during a failover and how long does it take?)",
    read: READ,
    kind: "aws-typical",
  },
  auroraEndpointTtl: {
    seconds: 5,
    what: "Aurora cluster endpoints are CNAMEs with a 5 s TTL; clients reconnect after it",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.BestPractices.html",
    read: READ,
    kind: "aws",
  },
  auroraGlobalFailover: {
    seconds: 60,
    what: "FailoverGlobalCluster (AllowDataLoss) promotes a secondary region: RTO about 1 minute",
    source: "https://disaster-recovery.workshop.aws/en/services/databases/aurora/global-database.html",
    read: READ,
    kind: "aws-typical",
  },
  auroraGlobalRpoTypical: {
    seconds: 1,
    what: "Aurora global replication lag is typically under 1 s",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
    read: READ,
    kind: "aws-typical",
  },
  globalDatastoreFailover: {
    seconds: 60,
    what: "FailoverGlobalReplicationGroup promotes a secondary Global Datastore member: RTO about 1 minute",
    source: "https://disaster-recovery.workshop.aws/en/services/databases/elasticache/global-datastore.html",
    read: READ,
    kind: "aws-typical",
  },
  cacheInRegionFailover: {
    seconds: 60,
    what: "ElastiCache Multi-AZ promotes a replica and moves the primary endpoint's DNS; AWS gives no duration",
    source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html",
    read: READ,
    kind: "assumption",
  },
  cacheReplicaLag: {
    seconds: 1,
    what: "Valkey replicates to its replicas asynchronously; AWS gives no bound (assumed 1 s)",
    source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html",
    read: READ,
    kind: "assumption",
  },
  auroraGlobalEndpointTtl: {
    seconds: 5,
    what:
      "the global writer endpoint is a DNS name Aurora repoints after a switchover or failover; AWS gives cluster " +
      "endpoints a 5 s TTL and publishes none for the global one (assumed the same)",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-connecting.html",
    read: READ,
    kind: "assumption",
  },
  automationStart: {
    seconds: 10,
    what: "EventBridge delivers the alarm's state change and SSM Automation starts the document (no AWS bound; assumed 10 s)",
    source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-cwe-target.html",
    read: READ,
    kind: "assumption",
  },
  clientReconnect: {
    seconds: 5,
    what: "connection pools drop the failed connection and open a new one to the re-resolved name (assumed 5 s)",
    source: "no AWS figure: the services' pool settings (retry with backoff, DNS not cached beyond its TTL)",
    read: READ,
    kind: "assumption",
  },
  globalDatastoreRpoTypical: {
    seconds: 1,
    what: "Global Datastore cross-Region replication: RPO generally under a second",
    source: "https://disaster-recovery.workshop.aws/en/services/databases/elasticache/global-datastore.html",
    read: READ,
    kind: "aws-typical",
  },
  operatorResponse: {
    seconds: 900,
    what: "a person paged acknowledges, decides and runs the promotion (assumed 15 min; --operator-seconds)",
    source: "no AWS figure: the platform's own assumption for a manual step",
    read: READ,
    kind: "assumption",
  },
  repointUpdate: {
    seconds: 600,
    what: "a pulumi up from CI rewrites the data-endpoints ConfigMaps and restarts the pods that read them",
    source: "no AWS figure: the platform's own assumption for an update of ConfigMaps and a rollout",
    read: READ,
    kind: "assumption",
  },
  globalControlPlanes: {
    seconds: 0,
    what:
      "CloudFront, WAF (CloudFront scope), ACM for CloudFront and Route53 keep their control planes in us-east-1; " +
      "their data planes keep serving without it (static stability)",
    source: "https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html",
    read: READ,
    kind: "aws",
  },
  healthCheckMetricsRegion: {
    seconds: 0,
    what: "Route53 health-check metrics (and so alarms on them) exist only in us-east-1",
    source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html",
    read: READ,
    kind: "aws",
  },
} as const satisfies Record<string, Figure>;

export type FigureName = keyof typeof FIGURES;
