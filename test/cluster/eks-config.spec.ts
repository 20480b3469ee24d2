import { strict as assert } from "assert";
import { ConfigError, formatIssue, loadConfig } from "../../components/config";

/** The formatted problems for a `platform:cluster` value in an otherwise valid prod config. */
function problems(cluster: Record<string, unknown>): string[] {
  const flat = {
    "platform:environment": "prod",
    "platform:regions": JSON.stringify([{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }]),
    "platform:cluster": JSON.stringify(cluster),
  };
  try {
    loadConfig(flat, { project: "platform", stack: "test" });
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.issues.map(formatIssue).sort();
  }
}

describe("config: platform:cluster bad input", () => {
  it("accepts the defaults", () => assert.deepEqual(problems({}), []));

  it("rejects an unsupported Kubernetes version", () =>
    assert.deepEqual(problems({ kubernetesVersion: "1.29" }), [
      'platform:cluster.kubernetesVersion: got "1.29"; expected one of the supported EKS versions 1.33, 1.34, 1.35',
    ]));

  it("rejects a public endpoint without CIDRs (EKS would open it to 0.0.0.0/0)", () =>
    assert.deepEqual(problems({ publicEndpoint: true }), [
      "platform:cluster.publicAccessCidrs: got []; expected at least one CIDR when publicEndpoint is true (an empty list would open the API to 0.0.0.0/0)",
    ]));

  it("rejects the whole internet as a public access CIDR", () =>
    assert.deepEqual(problems({ publicEndpoint: true, publicAccessCidrs: ["203.0.113.0/24", "0.0.0.0/0"] }), [
      'platform:cluster.publicAccessCidrs[1]: got "0.0.0.0/0"; expected a specific range, never the whole internet',
    ]));

  it("rejects min > desired > max on the system node group, naming both keys", () =>
    assert.deepEqual(problems({ systemNodeGroup: { minSize: 4, desiredSize: 3, maxSize: 2 } }), [
      "platform:cluster.systemNodeGroup.desiredSize: got 3; expected between minSize (4) and maxSize (2)",
      "platform:cluster.systemNodeGroup.minSize: got 4; expected at most systemNodeGroup.maxSize (2)",
    ]));

  it("rejects dropping a required control-plane log", () =>
    assert.deepEqual(problems({ logTypes: ["api", "authenticator"] }), [
      'platform:cluster.logTypes: got ["api","authenticator"]; expected a list including "audit" (always on)',
    ]));

  it("rejects a non-boolean deletionProtection", () =>
    assert.deepEqual(problems({ deletionProtection: "yes" }), [
      'platform:cluster.deletionProtection: got "yes"; expected true or false',
    ]));
});
