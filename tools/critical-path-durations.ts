/**
 * Typical create durations per resource type, for the deploy-time estimate (critical-path.ts).
 * Minutes from creation request to the provider reporting the resource ready, as Pulumi waits
 * for it. Each entry says where the figure comes from:
 *   - "observed": typical wall-clock times reported for fresh creates (provider acceptance-test
 *     logs, AWS re:Post and blog reports); an estimate, not a guarantee;
 *   - "aws-docs": a duration AWS documents;
 *   - "provider-timeout": only the upper bound is documented (the Terraform AWS provider's default
 *     create timeout, which @pulumi/aws inherits); the typical figure is then observed.
 * Collected 2026-12-02. Types not listed take DEFAULT_MINUTES (API calls that return at once).
 */
export interface TypeDuration {
  /** Plan resource type token, e.g. "aws:rds/cluster:Cluster". */
  readonly type: string;
  readonly minutes: number;
  /** Applies instead of the plain entry when this plan-input predicate holds (e.g. Aurora secondaries). */
  readonly when?: { readonly input: string; readonly present: boolean };
  readonly source: "observed" | "aws-docs" | "provider-timeout";
  readonly note: string;
}

/** API calls that complete in seconds (VPC pieces, IAM, KMS, Kubernetes objects without pods). */
export const DEFAULT_MINUTES = 0.1;

export const TYPE_DURATIONS: readonly TypeDuration[] = [
  // --- network ---
  {
    type: "aws:ec2/natGateway:NatGateway",
    minutes: 2,
    source: "provider-timeout",
    note: "waits for available; TF default create timeout 10m, typically 1-2 min",
  },
  {
    type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    minutes: 0.5,
    source: "observed",
    note: "pending-acceptance within seconds, cross-region a little longer",
  },
  {
    type: "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
    minutes: 0.5,
    source: "observed",
    note: "active shortly after acceptance",
  },
  {
    type: "aws:ec2/vpcEndpoint:VpcEndpoint",
    minutes: 1,
    source: "observed",
    note: "gateway endpoints available within a minute",
  },
  // --- EKS ---
  {
    type: "eks:index:Cluster",
    minutes: 10,
    source: "provider-timeout",
    note: "EKS control plane ACTIVE: typically 8-12 min; TF aws_eks_cluster default create timeout 30m",
  },
  {
    type: "aws:eks/nodeGroup:NodeGroup",
    minutes: 4,
    source: "provider-timeout",
    note: "managed node group ACTIVE (instances joined): typically 3-5 min; TF default create timeout 60m",
  },
  {
    type: "aws:eks/addon:Addon",
    minutes: 1.5,
    source: "provider-timeout",
    note: "add-on ACTIVE (its pods ready): typically 1-2 min; TF aws_eks_addon default create timeout 20m",
  },
  {
    type: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    minutes: 0.2,
    source: "observed",
    note: "API call, returns at once",
  },
  { type: "aws:eks/accessEntry:AccessEntry", minutes: 0.2, source: "observed", note: "API call, returns at once" },
  {
    type: "aws:iam/role:Role",
    minutes: 0.2,
    source: "observed",
    note: "returns at once; the provider retries for IAM eventual consistency (~10 s)",
  },
  // --- Kubernetes (Pulumi's await logic) ---
  {
    type: "kubernetes:helm.sh/v3:Release",
    minutes: 2,
    source: "observed",
    note: "chart installed and its workloads ready (the release waits); 1-3 min for the charts here",
  },
  {
    type: "kubernetes:apps/v1:Deployment",
    minutes: 1.5,
    source: "observed",
    note: "Pulumi waits for ready replicas: image pull + probes; a Karpenter node launch adds ~1 min for the first pods",
  },
  {
    type: "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
    minutes: 0.5,
    source: "observed",
    note: "controller registers the pod IPs with the target group",
  },
  {
    type: "kubernetes:karpenter.sh/v1:NodePool",
    minutes: 0.1,
    source: "observed",
    note: "object only; nodes launch when pods need them",
  },
  // --- data ---
  {
    type: "aws:rds/globalCluster:GlobalCluster",
    minutes: 1,
    source: "provider-timeout",
    note: "TF default create timeout 30m; typically about a minute",
  },
  {
    type: "aws:rds/cluster:Cluster",
    minutes: 14,
    when: { input: "masterUsername", present: false },
    source: "provider-timeout",
    note: "secondary cluster of a global database: cross-region storage replication set up; observed 10-20 min; TF default create timeout 120m",
  },
  {
    type: "aws:rds/cluster:Cluster",
    minutes: 5,
    source: "provider-timeout",
    note: "Aurora cluster (storage, no compute): typically 3-6 min; TF default create timeout 120m",
  },
  {
    type: "aws:rds/clusterInstance:ClusterInstance",
    minutes: 10,
    source: "provider-timeout",
    note: "Aurora instance available: typically 8-12 min; TF default create timeout 90m",
  },
  {
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    minutes: 12,
    when: { input: "globalReplicationGroupId", present: true },
    source: "provider-timeout",
    note: "Global Datastore secondary: typically 10-20 min; TF default create timeout 60m",
  },
  {
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    minutes: 10,
    source: "provider-timeout",
    note: "replication group available: typically 8-15 min; TF default create timeout 60m",
  },
  {
    type: "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
    minutes: 3,
    source: "observed",
    note: "global datastore around an existing primary: a few minutes",
  },
  {
    type: "aws:secretsmanager/secret:Secret",
    minutes: 0.3,
    source: "observed",
    note: "replicas to other regions are created with the secret",
  },
  // --- edge ---
  {
    type: "aws:lb/loadBalancer:LoadBalancer",
    minutes: 3,
    source: "provider-timeout",
    note: "ALB active: typically 2-4 min; TF default create timeout 10m",
  },
  {
    type: "aws:acm/certificateValidation:CertificateValidation",
    minutes: 3,
    source: "provider-timeout",
    note: "DNS validation once the record resolves: typically 1-5 min; TF default create timeout 75m",
  },
  {
    type: "aws:cloudfront/distribution:Distribution",
    minutes: 6,
    source: "observed",
    note: "Pulumi waits for Deployed (waitForDeployment): typically 4-8 min",
  },
  {
    type: "aws:wafv2/webAcl:WebAcl",
    minutes: 0.5,
    source: "observed",
    note: "API call, CLOUDFRONT scope in us-east-1",
  },
  {
    type: "aws:route53/record:Record",
    minutes: 1,
    source: "aws-docs",
    note: "the provider waits for INSYNC; Route53 documents propagation to all authoritative servers within 60 s",
  },
  { type: "aws:route53/healthCheck:HealthCheck", minutes: 0.2, source: "observed", note: "API call, returns at once" },
  // --- observability ---
  {
    type: "aws:amp/workspace:Workspace",
    minutes: 1,
    source: "provider-timeout",
    note: "ACTIVE typically within a minute; TF default create timeout 5m",
  },
  {
    type: "aws:sqs/queue:Queue",
    minutes: 0.5,
    source: "aws-docs",
    note: "SQS: a new queue can take up to a minute to be usable by name",
  },
  {
    type: "aws:msk/cluster:Cluster",
    minutes: 25,
    source: "provider-timeout",
    note: "MSK provisioned cluster ACTIVE (brokers in every AZ): typically 20-30 min; TF aws_msk_cluster default create timeout 120m",
  },
];

/** The duration entry that applies to a planned resource. */
export function durationFor(type: string, inputs: Readonly<Record<string, unknown>>): TypeDuration | undefined {
  for (const d of TYPE_DURATIONS) {
    if (d.type !== type) continue;
    if (d.when && d.when.input in inputs !== d.when.present) continue;
    return d;
  }
  return undefined;
}
