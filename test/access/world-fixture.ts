import type { PlanResource } from "../../policies/lib/offline";

// The access model's world on hand-written plan resources: roles with inline, role-policy, attached
// customer, pinned and unpinned AWS managed policies and a boundary; bucket, queue, topic and key
// policies attached inline or as their own resources; and the policies AWS applies when a resource
// has none (KMS key-policy-default.html: the account root may kms:*; SNS's default topic statement).
// ARNs are the mock engine's (account 123456789012).
export const ACC = "123456789012";
export const res = (
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  region = "us-east-1",
): PlanResource => ({
  urn: `urn:pulumi:test::platform::${type}::${name}`,
  type,
  name,
  custom: true,
  parent: null,
  provider: null,
  region,
  inputs,
  dependencies: [],
});
export const policy = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
export const ROLE = `arn:aws:iam::${ACC}:role/app`;
export const QUEUE = `arn:aws:sqs:eu-west-1:${ACC}:jobs`;
export const PINNED = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";
export const UNPINNED = "arn:aws:iam::aws:policy/NotPinnedHere";
const trust = policy({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });

export const RESOURCES: PlanResource[] = [
  res("aws:iam/role:Role", "app", {
    name: "app",
    assumeRolePolicy: trust,
    inlinePolicies: [
      { policy: policy({ Sid: "Send", Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE }) },
      {},
    ],
    managedPolicyArns: [`arn:aws:iam::${ACC}:policy/custom`, PINNED, UNPINNED],
    permissionsBoundary: `arn:aws:iam::${ACC}:policy/boundary`,
  }),
  res("aws:iam/role:Role", "bare", {}),
  res("aws:iam/policy:Policy", "custom", {
    name: "custom",
    policy: policy({ Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" }),
  }),
  res("aws:iam/policy:Policy", "boundary", {
    name: "boundary",
    policy: policy({
      Sid: "Cap",
      Effect: "Allow",
      Action: ["sqs:*", "s3:*", "kms:*", "sns:*", "logs:*"],
      Resource: "*",
    }),
  }),
  res("aws:iam/rolePolicy:RolePolicy", "rp", {
    role: "app",
    policy: policy({ Sid: "Logs", Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }),
  }),
  res("aws:iam/rolePolicy:RolePolicy", "orphan", { role: "nobody", policy: policy({ Effect: "Allow", Action: "*" }) }),
  res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", { role: "app-id", policyArn: UNPINNED + "2" }),
  res("aws:s3/bucket:Bucket", "logs", { bucket: "logs-bucket" }, "eu-west-1"),
  res("aws:s3/bucketPolicy:BucketPolicy", "logs-policy", {
    bucket: "logs-bucket",
    policy: policy({
      Sid: "Bare",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACC}:role/bare` },
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::logs-bucket/*",
    }),
  }),
  res("aws:sqs/queue:Queue", "jobs", { name: "jobs" }, "eu-west-1"),
  res("aws:sqs/queuePolicy:QueuePolicy", "jobs-policy", {
    queueUrl: `https://sqs.eu-west-1.amazonaws.com/${ACC}/jobs`,
    policy: policy({
      Sid: "Bare",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACC}:role/bare` },
      Action: "sqs:ReceiveMessage",
      Resource: QUEUE,
    }),
  }),
  res("aws:sns/topic:Topic", "plain", { name: "plain" }),
  res("aws:sns/topic:Topic", "owned", { name: "owned" }),
  res("aws:sns/topicPolicy:TopicPolicy", "owned-policy", {
    arn: `arn:aws:sns:us-east-1:${ACC}:owned`,
    policy: policy({
      Sid: "Only",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sns:Publish",
      Resource: "*",
    }),
  }),
  res("aws:kms/key:Key", "k", {}),
];
