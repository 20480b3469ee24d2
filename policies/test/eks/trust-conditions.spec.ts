import { strict as assert } from "node:assert";
import { iamTrustConditions } from "../../aws/eks/iam-trust-conditions";
import { podIdentityTrust } from "../../../components/cluster/pod-identity";
import { resourceArgs, runResource } from "../harness";

const trust = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const POD = {
  Effect: "Allow",
  Principal: { Service: "pods.eks.amazonaws.com" },
  Action: ["sts:AssumeRole", "sts:TagSession"],
};
const service = (svc: string, extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Principal: { Service: svc },
  Action: "sts:AssumeRole",
  ...extra,
});

describe("aws-iam-trust-conditions", () => {
  let policy: ReturnType<typeof iamTrustConditions>;
  beforeEach(() => {
    policy = iamTrustConditions();
  });
  const run = (assumeRolePolicy: string) =>
    runResource(policy, resourceArgs("aws:iam/role:Role", { assumeRolePolicy }, { name: "karpenter" })).messages;
  it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));

  it("passes the platform's Pod Identity trust, service roles with aws:SourceAccount, and EC2 roles", () => {
    const subject = { accountId: "123456789012", clusterName: "platform-prod-use1", namespace: "kube-system" };
    assert.deepEqual(run(podIdentityTrust({ ...subject, serviceAccount: "karpenter" })), []);
    const account = { Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } };
    assert.deepEqual(run(trust(service("vpc-flow-logs.amazonaws.com", account))), []);
    assert.deepEqual(run(trust(service("monitoring.rds.amazonaws.com", account))), []);
    assert.deepEqual(run(trust(service("ec2.amazonaws.com"))), []);
  });

  it("reports a Pod Identity trust without conditions, naming each missing session tag", () => {
    assert.deepEqual(run(trust(POD)), [
      'IAM role "karpenter" assumeRolePolicy Statement[0] trusts pods.eks.amazonaws.com without conditions on ' +
        "aws:RequestTag/eks-cluster-name, aws:RequestTag/kubernetes-namespace, aws:RequestTag/kubernetes-service-account",
    ]);
    const clusterOnly = {
      ...POD,
      Condition: { StringEquals: { "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:us-east-1:1:cluster/c" } },
    };
    assert.deepEqual(run(trust(clusterOnly)), [
      'IAM role "karpenter" assumeRolePolicy Statement[0] trusts pods.eks.amazonaws.com without conditions on ' +
        "aws:RequestTag/kubernetes-namespace, aws:RequestTag/kubernetes-service-account",
    ]);
  });

  it("reports flow-log and RDS monitoring roles without a confused-deputy condition", () => {
    assert.deepEqual(run(trust(service("vpc-flow-logs.amazonaws.com"))), [
      'IAM role "karpenter" assumeRolePolicy Statement[0] trusts vpc-flow-logs.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition',
    ]);
    assert.deepEqual(run(trust(service("monitoring.rds.amazonaws.com"))), [
      'IAM role "karpenter" assumeRolePolicy Statement[0] trusts monitoring.rds.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition',
    ]);
  });
});
