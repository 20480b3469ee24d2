import { strict as assert } from "node:assert";
import { MSK_CLUSTER, MSK_SERVERLESS_CLUSTER, kafkaSecurity } from "../../aws/kafka/kafka-security";
import { resourceArgs, runResource } from "../harness";

// The cluster components/kafka/cluster.ts creates, as the policy sees it.
const good = {
  clusterName: "platform-prod-use1-kafka",
  numberOfBrokerNodes: 3,
  brokerNodeGroupInfo: { instanceType: "kafka.m7g.large", clientSubnets: ["a", "b", "c"], securityGroups: ["sg"] },
  clientAuthentication: { sasl: { iam: true, scram: false }, unauthenticated: false },
  encryptionInfo: {
    encryptionAtRestKmsKeyArn: "arn:aws:kms:us-east-1:1:key/k",
    encryptionInTransit: { clientBroker: "TLS", inCluster: true },
  },
};
const run = (props: Record<string, unknown>, type = MSK_CLUSTER) =>
  runResource(kafkaSecurity(), resourceArgs(type, props, { name: "kafka" })).messages;
const what = 'MSK cluster "kafka"';

describe("policies: aws-msk-security", () => {
  it("is mandatory", () => assert.equal(kafkaSecurity().enforcementLevel, "mandatory"));

  it("passes IAM over TLS with a customer-managed key, and ignores other types", () => {
    assert.deepEqual(run(good), []);
    assert.deepEqual(run({ clientAuthentication: {} }, "aws:kms/key:Key"), []);
  });

  it("reports a cluster without IAM auth, or one that also admits unauthenticated clients", () => {
    assert.deepEqual(run({ ...good, clientAuthentication: { unauthenticated: true } }), [
      `${what} must authenticate clients with IAM (clientAuthentication.sasl.iam: true)`,
      `${what} must not admit unauthenticated clients (clientAuthentication.unauthenticated: false)`,
    ]);
  });

  it("reports SCRAM or client certificates next to IAM", () => {
    const msg = `${what} must use IAM as its only client authentication (no SCRAM secrets or client certificates)`;
    assert.deepEqual(run({ ...good, clientAuthentication: { sasl: { iam: true, scram: true } } }), [msg]);
    const tls = { sasl: { iam: true }, tls: { certificateAuthorityArns: ["arn:aws:acm-pca:us-east-1:1:ca/x"] } };
    assert.deepEqual(run({ ...good, clientAuthentication: tls }), [msg]);
  });

  it("reports plaintext to clients or between brokers", () => {
    const transit = (t: Record<string, unknown>) => ({
      ...good,
      encryptionInfo: { ...good.encryptionInfo, encryptionInTransit: t },
    });
    assert.deepEqual(run(transit({ clientBroker: "TLS_PLAINTEXT", inCluster: true })), [
      `${what} must encrypt client traffic with TLS only (clientBroker "TLS", got "TLS_PLAINTEXT")`,
    ]);
    assert.deepEqual(run(transit({ clientBroker: "PLAINTEXT", inCluster: false })), [
      `${what} must encrypt client traffic with TLS only (clientBroker "TLS", got "PLAINTEXT")`,
      `${what} must encrypt traffic between brokers (inCluster: true)`,
    ]);
  });

  it("reports storage on MSK's default AWS-managed key (no encryptionInfo at all)", () => {
    const { encryptionInfo: _omit, ...noEncryption } = good;
    assert.deepEqual(run(noEncryption), [
      `${what} must encrypt its storage with a customer-managed KMS key (encryptionAtRestKmsKeyArn)`,
    ]);
  });

  it("reports public access, and accepts it explicitly disabled", () => {
    const withPublic = (type: string) => ({
      ...good,
      brokerNodeGroupInfo: { ...good.brokerNodeGroupInfo, connectivityInfo: { publicAccess: { type } } },
    });
    assert.deepEqual(run(withPublic("SERVICE_PROVIDED_EIPS")), [
      `${what} must not have public access (publicAccess.type "SERVICE_PROVIDED_EIPS")`,
    ]);
    assert.deepEqual(run(withPublic("DISABLED")), []);
  });

  it("holds a Serverless cluster to IAM auth", () => {
    const serverless = (enabled: boolean) => ({ clientAuthentication: { sasl: { iam: { enabled } } } });
    assert.deepEqual(run(serverless(true), MSK_SERVERLESS_CLUSTER), []);
    assert.deepEqual(run(serverless(false), MSK_SERVERLESS_CLUSTER), [
      'MSK Serverless cluster "kafka" must enable IAM client authentication',
    ]);
  });
});
