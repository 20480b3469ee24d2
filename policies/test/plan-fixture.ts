import type { PlanResource } from "../lib/offline";
import { goodDeployment, hpaFor, pdbFor } from "./fixtures";
import { PLATFORM_TAGS, urnOf } from "./harness";

const REGION = "us-east-1";
const AWS_PROVIDER = urnOf("pulumi:providers:aws", "aws-us-east-1");
const K8S_PROVIDER = urnOf("pulumi:providers:kubernetes", "k8s-us-east-1");

function res(type: string, name: string, inputs: Record<string, any>, extra: Partial<PlanResource> = {}): PlanResource {
  const aws = type.startsWith("aws:");
  return {
    urn: urnOf(type, name),
    type,
    name,
    custom: true,
    parent: null,
    provider: aws ? AWS_PROVIDER : type.startsWith("kubernetes:") ? K8S_PROVIDER : null,
    region: aws ? REGION : null,
    inputs,
    dependencies: [],
    ...extra,
  };
}

/** A small plan that every policy accepts in `environment` (the provider tags it accordingly). */
export function cleanPlan(environment = "dev"): PlanResource[] {
  const vpc = res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
  const bucket = res("aws:s3/bucket:Bucket", "alb-logs", { tags: { "platform.io/purpose": "logs" } });
  const onBucket = (type: string, name: string, inputs: Record<string, any>) =>
    res(type, name, { bucket: "mock-bucket", ...inputs }, { dependencies: [bucket.urn] });
  const alb = res("aws:ec2/securityGroup:SecurityGroup", "alb", {
    description: "ALB: HTTPS from CloudFront",
    tags: { "platform.io/role": "alb" },
    ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"], description: "https" }],
  });
  const deployment = goodDeployment();
  delete deployment.spec.replicas;
  return [
    {
      urn: AWS_PROVIDER,
      type: "pulumi:providers:aws",
      name: "aws-us-east-1",
      custom: true,
      parent: null,
      provider: null,
      region: REGION,
      inputs: { region: REGION, defaultTags: { tags: { ...PLATFORM_TAGS, stack: environment, environment } } },
      dependencies: [],
    },
    {
      urn: K8S_PROVIDER,
      type: "pulumi:providers:kubernetes",
      name: "k8s-us-east-1",
      custom: true,
      parent: null,
      provider: null,
      region: null,
      inputs: { kubeconfig: "[secret]" },
      dependencies: [],
    },
    vpc,
    res(
      "aws:ec2/flowLog:FlowLog",
      "vpc-flow-log",
      { vpcId: "vpc-mock", trafficType: "ALL" },
      { dependencies: [vpc.urn] },
    ),
    res(
      "aws:ec2/subnet:Subnet",
      "public-a",
      { mapPublicIpOnLaunch: false, tags: { "platform.io/tier": "public" } },
      { dependencies: [vpc.urn] },
    ),
    alb,
    bucket,
    onBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "alb-logs-pab", {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
    onBucket("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "alb-logs-sse", {
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }),
    onBucket("aws:s3/bucketVersioning:BucketVersioning", "alb-logs-versioning", {
      versioningConfiguration: { status: "Enabled" },
    }),
    res(
      "aws:kms/key:Key",
      "eks-secrets",
      { enableKeyRotation: true },
      {
        options: {
          protect: true,
          retainOnDelete: false,
          ignoreChanges: [],
          deleteBeforeReplace: false,
          replaceOnChanges: [],
        },
      },
    ),
    res("kubernetes:apps/v1:Deployment", "user-service", deployment),
    res("kubernetes:policy/v1:PodDisruptionBudget", "user-service", pdbFor()),
    res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "user-service", hpaFor("user-service")),
    res("kubernetes:core/v1:Service", "user-service", {
      metadata: { name: "user-service", namespace: "apps" },
      spec: { ports: [{ port: 8000 }] },
    }),
  ];
}

export function find(plan: PlanResource[], type: string, name: string): PlanResource {
  const r = plan.find((p) => p.type === type && p.name === name);
  if (!r) throw new Error(`fixture has no ${type} ${name}`);
  return r;
}
