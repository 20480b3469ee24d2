import { strict as assert } from "node:assert";
import type { PolicyResource } from "@pulumi/policy";
import { eksControlPlaneLogGroup } from "../../aws/eks/eks-control-plane-log-group";
import { awsProvider, runStack, stackResource } from "../harness";

const NAME = "platform-prod-usw2";
const GROUP = `/aws/eks/${NAME}/cluster`;
const KEY = "arn:aws:kms:us-west-2:123456789012:key/logs";

interface Case {
  group?: Record<string, unknown> | null;
  groupRegion?: string;
  cluster?: Record<string, unknown>;
  dependsOnGroup?: boolean;
}

function stack(c: Case = {}): PolicyResource[] {
  const provider = awsProvider("us-west-2");
  const group =
    c.group === null
      ? undefined
      : stackResource(
          "aws:cloudwatch/logGroup:LogGroup",
          "usw2-cluster-control-plane-logs",
          { name: GROUP, retentionInDays: 90, kmsKeyId: KEY, ...c.group },
          { provider: awsProvider(c.groupRegion ?? "us-west-2") },
        );
  const cluster = stackResource(
    "eks:index:Cluster",
    "usw2-cluster-eks",
    { name: NAME, enabledClusterLogTypes: ["api", "audit", "authenticator"], ...c.cluster },
    { provider, dependencies: group && c.dependsOnGroup !== false ? [group] : [] },
  );
  return group ? [group, cluster] : [cluster];
}

const run = (c?: Case) => runStack(eksControlPlaneLogGroup(), stack(c)).map((v) => v.message);
const LABEL = `EKS cluster "${NAME}"`;

describe("policies: aws-eks-control-plane-log-group", () => {
  it("is mandatory", () => assert.equal(eksControlPlaneLogGroup().enforcementLevel, "mandatory"));

  it("passes a named cluster that depends on its encrypted log group with retention", () =>
    assert.deepEqual(run(), []));

  it("reports a cluster whose log group is missing, or in another region", () => {
    const msg = `${LABEL} ships control-plane logs (api, audit, authenticator) but the stack has no log group ${GROUP} in us-west-2: EKS would create it with no retention and no KMS key`;
    assert.deepEqual(run({ group: null }), [msg]);
    assert.deepEqual(run({ groupRegion: "eu-west-1", dependsOnGroup: false }), [msg]);
  });

  it("reports each missing setting and a missing dependency, in one message", () => {
    assert.deepEqual(run({ group: { retentionInDays: undefined } }), [
      `${LABEL}: log group ${GROUP}: retentionInDays is not set`,
    ]);
    assert.deepEqual(run({ group: { kmsKeyId: undefined }, dependsOnGroup: false }), [
      `${LABEL}: log group ${GROUP}: kmsKeyId is not set; the cluster does not depend on it (dependsOn), so EKS may create ${GROUP} first`,
    ]);
  });

  it("reports an auto-named cluster (its log group name cannot be known first)", () =>
    assert.deepEqual(run({ cluster: { name: undefined } }), [
      'EKS cluster "usw2-cluster-eks" ships control-plane logs but has no fixed name: set name so its log group /aws/eks/<name>/cluster can be created first',
    ]));

  it("ignores clusters that ship no control-plane logs (aws-eks-control-plane-logs reports those)", () =>
    assert.deepEqual(run({ group: null, cluster: { enabledClusterLogTypes: [] } }), []));
});
