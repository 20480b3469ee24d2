import type { ReviewPlan, ReviewResource } from "../../tools/review/changes";
import type { CostReport } from "../../tools/review/cost";

/**
 * A hand-built BASE -> HEAD of the prod stack touching every part of the review: a stateful
 * replacement and its cascade, a protected database deletion (Pulumi protect and AWS deletion
 * protection, reached through platform:database.*), a retained bucket, a protected record update,
 * a disruptive Aurora instance class change, a Kubernetes image change placed by its provider's
 * Region, a creation, and mandatory and advisory violations on both sides.
 */
/** Plan-form URNs (the mock engine's): type and name only; parents are in `parent`. */
const U = (type: string, name: string) => `urn:pulumi:prod::platform::${type}::${name}`;
const PLATFORM = U("platform:index:Platform", "platform");
const REGION = U("platform:region:Region", "us-east-1");
const NET = U("platform:network:Vpc", "net");
const DB = U("platform:data:GlobalDatabase", "database");
const K8S = U("pulumi:providers:kubernetes", "k8s");

type Extra = Partial<ReviewResource>;
const r = (type: string, name: string, parent: string | null, inputs: object, extra: Extra = {}): ReviewResource => ({
  urn: U(type, name),
  type,
  name,
  custom: !type.startsWith("platform:"),
  parent,
  provider: null,
  region: type.startsWith("aws:") ? "us-east-1" : null,
  inputs: inputs as Record<string, unknown>,
  dependencies: [],
  ...extra,
});

const shared = (): ReviewResource[] => [
  r("pulumi:pulumi:Stack", "prod-platform", null, {}),
  r("platform:index:Platform", "platform", null, {}),
  r("platform:region:Region", "us-east-1", PLATFORM, {}),
  r("platform:network:Vpc", "net", REGION, {}),
  r("platform:data:GlobalDatabase", "database", PLATFORM, {}),
  r("pulumi:providers:kubernetes", "k8s", REGION, {}, { region: null }),
];

const vpc = (cidrBlock: string) => r("aws:ec2/vpc:Vpc", "vpc", NET, { cidrBlock });
const subnet = () =>
  r(
    "aws:ec2/subnet:Subnet",
    "subnet-a",
    NET,
    { vpcId: "vpc-id", cidrBlock: "10.0.1.0/24" },
    { dependencies: [vpc("").urn] },
  );
const instance = (instanceClass: string) =>
  r("aws:rds/clusterInstance:ClusterInstance", "db-1", DB, {
    instanceClass,
    preferredMaintenanceWindow: "sun:05:00-sun:06:00",
  });
const record = (ttl: number) =>
  r("aws:route53/record:Record", "www", null, { name: "www", ttl }, { options: { protect: true } });
const deployment = (image: string, replicas: number, env: string) =>
  r(
    "kubernetes:apps/v1:Deployment",
    "api",
    REGION,
    {
      spec: {
        replicas,
        template: { spec: { containers: [{ name: "app", image, env: [{ name: "MODE", value: env }] }] } },
      },
    },
    { provider: K8S },
  );
const v = (policy: string, urn: string, message: string, enforcementLevel: "mandatory" | "advisory") => ({
  policy,
  urn,
  message,
  enforcementLevel,
});

export const BASE: ReviewPlan = {
  stack: "prod",
  resources: [
    ...shared(),
    vpc("10.0.0.0/16"),
    subnet(),
    r(
      "aws:rds/cluster:Cluster",
      "db-us-east-1",
      DB,
      { deletionProtection: true, engineVersion: "16.4" },
      { options: { protect: true } },
    ),
    instance("db.r7g.large"),
    r("aws:s3/bucket:Bucket", "logs", null, { bucket: "logs" }, { options: { retainOnDelete: true } }),
    record(60),
    deployment("api:1.0", 3, "a|b"),
  ],
  violations: [
    v("old-mandatory", U("aws:route53/record:Record", "www"), "record points nowhere", "mandatory"),
    v("old-advisory", U("aws:ec2/vpc:Vpc", "vpc"), "no flow logs", "advisory"),
  ],
};

export const HEAD: ReviewPlan = {
  stack: "prod",
  resources: [
    ...shared(),
    vpc("10.1.0.0/16"),
    subnet(),
    instance("db.r7g.xlarge"),
    record(300),
    deployment("api:1.1", 4, "c"),
    r("aws:sqs/queue:Queue", "jobs", NET, { name: "jobs" }),
  ],
  violations: [
    v("new-mandatory", U("aws:ec2/vpc:Vpc", "vpc"), "CIDR overlaps | peers", "mandatory"),
    v("new-advisory", U("aws:sqs/queue:Queue", "jobs"), "no DLQ", "advisory"),
  ],
};

const cost = (monthly: number, items: CostReport["items"]): CostReport => ({
  stack: "prod",
  currency: "USD",
  monthly,
  items,
  priceDate: "2026-12-02",
});
export const BASE_COST = cost(500, [
  {
    urn: U("aws:rds/clusterInstance:ClusterInstance", "db-1"),
    type: "aws:rds/clusterInstance:ClusterInstance",
    region: "us-east-1",
    monthly: 201.48,
  },
]);
export const HEAD_COST = cost(702.48, [
  {
    urn: U("aws:rds/clusterInstance:ClusterInstance", "db-1"),
    type: "aws:rds/clusterInstance:ClusterInstance",
    region: "us-east-1",
    monthly: 402.96,
  },
]);
