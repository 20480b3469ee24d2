import { strict as assert } from "assert";
import { controlPlaneLogGroupName, logsKeyPolicy } from "../../components/cluster/control-plane-logs";
import { eksControlPlaneLogGroup } from "../../policies/aws/eks/eks-control-plane-log-group";
import { evaluatePolicies } from "../../policies/lib/offline";
import { ofType, planFor } from "../helpers/plan";
import { configIssues } from "../helpers/stand-in";

const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

describe("EKS control-plane logs (prod plan)", () => {
  it("each region creates /aws/eks/<cluster>/cluster with the configured retention and its own key, before the cluster", async () => {
    const { plan, config } = await planFor("prod");
    const clusters = ofType(plan, "eks:index:Cluster");
    assert.deepEqual(clusters.map((c) => c.region).sort(), [...REGIONS].sort());
    for (const cluster of clusters) {
      const name = cluster.inputs.name as string;
      const group = ofType(plan, "aws:cloudwatch/logGroup:LogGroup").find(
        (g) => g.inputs.name === controlPlaneLogGroupName(name),
      );
      assert.ok(group, `no log group for ${name}`);
      assert.equal(group.region, cluster.region);
      assert.equal(group.inputs.retentionInDays, config.cluster.logRetentionDays);
      assert.ok(cluster.dependencies.includes(group.urn), `${name} must depend on its log group`);
      const key = plan.resources.find(
        (r) => r.type === "aws:kms/key:Key" && r.name === `${cluster.region}-cluster-logs-key`,
      )!;
      assert.equal(group.inputs.kmsKeyId, `arn:aws:kms:${cluster.region}:123456789012:key/${key.name}`);
      assert.equal(key.options?.protect, true);
      assert.equal(key.inputs.enableKeyRotation, true);
      assert.deepEqual(
        JSON.parse(key.inputs.policy as string),
        logsKeyPolicy({
          partition: "aws",
          accountId: "123456789012",
          region: cluster.region!,
          logGroupName: `/aws/eks/${name}/cluster`,
        }),
      );
    }
  });

  it("the key admits only the region's logs service, for that one log group ARN (documented statement)", () => {
    const doc = logsKeyPolicy({
      partition: "aws",
      accountId: "123456789012",
      region: "eu-west-1",
      logGroupName: "/aws/eks/c/cluster",
    });
    assert.deepEqual(doc.Statement[1], {
      Sid: "CloudWatchLogsForTheControlPlaneLogGroup",
      Effect: "Allow",
      Principal: { Service: "logs.eu-west-1.amazonaws.com" },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: {
        ArnEquals: {
          "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/eks/c/cluster",
        },
      },
    });
  });

  it("a retention CloudWatch does not accept is a config error naming key, value and the allowed values", () => {
    const issue = configIssues({
      environment: "dev",
      regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }],
      cluster: { logRetentionDays: 100 },
    }).find((i) => i.path === "platform:cluster.logRetentionDays");
    assert.equal(issue?.value, 100);
    assert.ok(
      issue.expected.startsWith(
        "a CloudWatch Logs retention AWS accepts (nearest: 90): one of 1, 3, 5, 7, 14, 30, 60, 90,",
      ),
      issue.expected,
    );
  });

  it("the mandatory policy passes the prod plan and fails it once a cluster stops depending on its log group", async () => {
    const { plan } = await planFor("prod");
    const policies = [eksControlPlaneLogGroup()];
    assert.deepEqual(evaluatePolicies(plan.resources, { environment: "prod", policies }), []);
    const cut = plan.resources.map((r) =>
      r.type === "eks:index:Cluster" && r.region === "us-west-2"
        ? { ...r, dependencies: r.dependencies.filter((d) => !d.includes("logGroup:LogGroup")) }
        : r,
    );
    const found = evaluatePolicies(cut, { environment: "prod", policies });
    assert.deepEqual(
      found.map((v) => [v.policy, v.enforcementLevel, v.message]),
      [
        [
          "aws-eks-control-plane-log-group",
          "mandatory",
          'EKS cluster "platform-prod-usw2": log group /aws/eks/platform-prod-usw2/cluster: the cluster does not depend on it (dependsOn), so EKS may create /aws/eks/platform-prod-usw2/cluster first',
        ],
      ],
    );
  });

  it("prod's alarm-topic keys are protected like its other KMS keys (no aws-stateful-protected finding)", async () => {
    const { plan } = await planFor("prod");
    const alarmKeys = ofType(plan, "aws:kms/key:Key").filter((k) => k.name.endsWith("-alarm-key"));
    assert.equal(alarmKeys.length, 3);
    assert.ok(alarmKeys.every((k) => k.options?.protect === true));
    assert.deepEqual(
      plan.violations.filter((v) => v.policy === "aws-stateful-protected"),
      [],
    );
  });
});
