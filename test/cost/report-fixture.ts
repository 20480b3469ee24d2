import type { CostReport } from "../../tools/cost/types";

/** A cost.json as `npm run cost` writes it, hand-built: a budget, two regions, one of them partly unpriced. */
export const REPORT: CostReport = {
  stack: "dev",
  currency: "USD",
  monthly: 1234.5,
  byRegion: { "eu-west-1": 200, "us-east-1": 1034.5 },
  byComponent: { "platform:network:Vpc": 34.5, "platform:data:GlobalDatabase": 1200 },
  items: [],
  lines: [
    {
      urn: "urn:pulumi:dev::platform::aws:ec2/natGateway:NatGateway::nat-a",
      type: "aws:ec2/natGateway:NatGateway",
      region: "us-east-1",
      component: "platform:network:Vpc",
      line: "NAT gateway hours",
      monthly: 34.5,
      basis: "$0.045/h x 730 h | rounded",
    },
    {
      urn: "urn:pulumi:dev::platform::aws:rds/clusterInstance:ClusterInstance::db-2",
      type: "aws:rds/clusterInstance:ClusterInstance",
      region: "eu-west-1",
      component: "platform:data:GlobalDatabase",
      line: "Aurora instance db.r7g.large",
      monthly: 200,
      basis: "db.r7g.large at $0.274/h x 730 h",
    },
    {
      urn: "urn:pulumi:dev::platform::aws:rds/clusterInstance:ClusterInstance::db-1",
      type: "aws:rds/clusterInstance:ClusterInstance",
      region: "us-east-1",
      component: "platform:data:GlobalDatabase",
      line: "Aurora instance db.r7g.xlarge",
      monthly: 1000,
      basis: "db.r7g.xlarge at $1.37/h x 730 h",
    },
  ],
  unpriced: [
    {
      urn: "u1",
      type: "aws:sqs/queue:Queue",
      region: "us-east-1",
      reason: "SQS requests not estimated",
      kind: "usage",
    },
    {
      urn: "u2",
      type: "aws:sqs/queue:Queue",
      region: "us-east-1",
      reason: "SQS requests not estimated",
      kind: "usage",
    },
    {
      urn: "u3",
      type: "aws:lb/loadBalancer:LoadBalancer",
      region: "ap-south-1",
      reason: "no pinned price",
      kind: "price",
    },
  ],
  coverage: {
    resources: 1200,
    estimated: 3,
    free: 1194,
    unpriced: 3,
    byType: {
      estimated: [],
      free: [],
      unpriced: [
        { type: "aws:sqs/queue:Queue", region: "us-east-1", count: 2, reason: "SQS requests | not estimated" },
        { type: "aws:lb/loadBalancer:LoadBalancer", region: "ap-south-1", count: 1 },
      ],
    },
    regionsWithoutPrices: [
      {
        region: "ap-south-1",
        resources: 1,
        types: ["aws:lb/loadBalancer:LoadBalancer"],
        trafficShare: 0.25,
        trafficUnpriced: true,
      },
      {
        region: "sa-east-1",
        resources: 2,
        types: ["aws:kms/key:Key", "random:index/randomId:RandomId"],
        trafficShare: 0,
        trafficUnpriced: false,
      },
    ],
  },
  assumptions: ["traffic.peakRps = 1000", "asOf = 2026-12-02"],
  priceDate: "2026-12-02",
  budget: 1000,
};
