import { strict as assert } from "node:assert";
import { dataSgPorts } from "../../aws/data/data-sg-ports";
import { INGRESS_RULE, SECURITY_GROUP } from "../../lib/security-groups";
import { runStack, stackResource, urnOf } from "../harness";

const CLUSTER = "aws:rds/cluster:Cluster";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

describe("policies: aws-data-sg-ports", () => {
  let policy: ReturnType<typeof dataSgPorts>;
  beforeEach(() => {
    policy = dataSgPorts();
  });
  const sg = stackResource(SECURITY_GROUP, "database-us-east-1-sg", { description: "Aurora" });
  const cacheSg = stackResource(SECURITY_GROUP, "cache-us-east-1-sg", { description: "cache" });
  const cluster = stackResource(
    CLUSTER,
    "database-us-east-1-cluster",
    { port: 5432 },
    { propertyDependencies: { vpcSecurityGroupIds: [sg] } },
  );
  const group = stackResource(
    GROUP,
    "cache-us-east-1-group",
    {},
    { propertyDependencies: { securityGroupIds: [cacheSg] } },
  );
  const rule = (name: string, target: typeof sg, props: Record<string, unknown>) =>
    stackResource(
      INGRESS_RULE,
      name,
      { ipProtocol: "tcp", description: "d", ...props },
      { propertyDependencies: { securityGroupId: [target] } },
    );
  const peer = (target: typeof sg, from: number, to = from) =>
    rule(`${target.name}-from-peer-us-west-2`, target, { fromPort: from, toPort: to, cidrIpv4: "10.1.0.0/16" });

  it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));

  it("passes the platform's shape: 5432 on the Aurora group, 6379 (default port) on the cache group", () =>
    assert.deepEqual(runStack(policy, [sg, cacheSg, cluster, group, peer(sg, 5432), peer(cacheSg, 6379)]), []));

  it("reports a peer rule wider than the store's port, and the cache port on the Aurora group", () =>
    assert.deepEqual(runStack(policy, [sg, cacheSg, cluster, group, peer(sg, 0, 65535), peer(cacheSg, 5432)]), [
      {
        message:
          'security group "database-us-east-1-sg" of Aurora cluster "database-us-east-1-cluster" rule "database-us-east-1-sg-from-peer-us-west-2" admits tcp ports 0-65535; expected tcp port 5432 only',
        urn: urnOf(INGRESS_RULE, "database-us-east-1-sg-from-peer-us-west-2"),
      },
      {
        message:
          'security group "cache-us-east-1-sg" of replication group "cache-us-east-1-group" rule "cache-us-east-1-sg-from-peer-us-west-2" admits tcp port 5432; expected tcp port 6379 only',
        urn: urnOf(INGRESS_RULE, "cache-us-east-1-sg-from-peer-us-west-2"),
      },
    ]));

  it("reports an inline all-protocols rule on a data group", () => {
    const inline = stackResource(SECURITY_GROUP, "database-us-east-1-sg", {
      description: "Aurora",
      ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"], description: "all" }],
    });
    assert.deepEqual(runStack(policy, [inline, cluster]), [
      {
        message:
          'security group "database-us-east-1-sg" of Aurora cluster "database-us-east-1-cluster" ingress[0] admits all protocols port 0; expected tcp port 5432 only',
        urn: urnOf(SECURITY_GROUP, "database-us-east-1-sg"),
      },
    ]);
  });

  it("ignores groups no data store uses", () => assert.deepEqual(runStack(policy, [sg, peer(sg, 22)]), []));
});
