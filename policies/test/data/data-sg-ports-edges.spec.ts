import { strict as assert } from "node:assert";
import { dataSgPorts } from "../../aws/data/data-sg-ports";
import { INGRESS_RULE, SECURITY_GROUP } from "../../lib/security-groups";
import { runStack, stackResource } from "../harness";

const CLUSTER = "aws:rds/cluster:Cluster";

// A non-default Aurora port, so a rule matching only the default (5432) does not pass by accident.
const PORT = 6543;

describe("policies: aws-data-sg-ports, the edges of 'this port over TCP only'", () => {
  const policy = dataSgPorts();
  const sg = (ingress?: Record<string, unknown>[]) =>
    stackResource(SECURITY_GROUP, "database-eu-west-1-sg", ingress ? { ingress } : {});
  const cluster = (group: ReturnType<typeof sg>, name = "database-eu-west-1-cluster") =>
    stackResource(CLUSTER, name, { port: PORT }, { propertyDependencies: { vpcSecurityGroupIds: [group] } });
  const rule = (group: ReturnType<typeof sg>, props: Record<string, unknown>) =>
    stackResource(
      INGRESS_RULE,
      "peer",
      { cidrIpv4: "10.1.0.0/16", ...props },
      { propertyDependencies: { securityGroupId: [group] } },
    );
  const messages = (resources: ReturnType<typeof sg>[]) => runStack(policy, resources).map((v) => v.message);

  it("accepts the store's port over TCP named by protocol number 6 (EC2 IpPermission: tcp or 6)", () => {
    const g = sg();
    assert.deepEqual(messages([g, cluster(g), rule(g, { ipProtocol: "6", fromPort: PORT, toPort: PORT })]), []);
  });

  it("refuses the store's port over UDP", () => {
    const g = sg();
    assert.deepEqual(messages([g, cluster(g), rule(g, { ipProtocol: "udp", fromPort: PORT, toPort: PORT })]), [
      `security group "database-eu-west-1-sg" of Aurora cluster "database-eu-west-1-cluster" rule "peer" admits udp port ${PORT}; expected tcp port ${PORT} only`,
    ]);
  });

  it("refuses a range that starts or ends at the store's port", () => {
    const g = sg();
    const up = rule(g, { ipProtocol: "tcp", fromPort: PORT, toPort: PORT + 1 });
    const down = rule(g, { ipProtocol: "tcp", fromPort: PORT - 1, toPort: PORT });
    assert.equal(messages([g, cluster(g), up]).length, 1);
    assert.equal(messages([g, cluster(g), down]).length, 1);
  });

  it("accepts an inline TCP rule on the store's port and refuses the default port in its place", () => {
    const ok = sg([{ protocol: "tcp", fromPort: PORT, toPort: PORT, cidrBlocks: ["10.1.0.0/16"] }]);
    assert.deepEqual(messages([ok, cluster(ok)]), []);
    const wrong = sg([{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.1.0.0/16"] }]);
    assert.deepEqual(messages([wrong, cluster(wrong)]), [
      `security group "database-eu-west-1-sg" of Aurora cluster "database-eu-west-1-cluster" ingress[0] admits tcp port 5432; expected tcp port ${PORT} only`,
    ]);
  });

  it("reports a group two stores share once, not once per store", () => {
    const g = sg([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }]);
    assert.equal(messages([g, cluster(g, "a"), cluster(g, "b")]).length, 1);
  });
});
