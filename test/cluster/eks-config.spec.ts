import { strict as assert } from "assert";
import { ConfigError, formatIssue, loadConfig } from "../../components/config";

const RUNNER = { githubRepository: "example-org/platform" };
/** A valid prod in-network deployer; tests that change `deployer` replace it whole. */
const IN_NETWORK = { deployer: { runner: RUNNER } };

/** The formatted problems for a `platform:cluster` value in an otherwise valid config (prod unless told). */
function problems(cluster: Record<string, unknown>, environment = "prod"): string[] {
  const flat = {
    "platform:environment": environment,
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
  it("accepts the defaults (prod: an in-network deployer with its repository)", () =>
    assert.deepEqual(problems(IN_NETWORK), []));

  it("rejects a Kubernetes version EKS no longer supports", () =>
    assert.deepEqual(problems({ ...IN_NETWORK, kubernetesVersion: "1.29" }), [
      'platform:cluster.kubernetesVersion: got "1.29"; expected a version EKS still supports: 1.29 left extended support on 2026-03-23 (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html)',
    ]));

  it("an explicit in-network deployer needs the repository its runner serves", () =>
    assert.deepEqual(problems({ deployer: { mode: "in-network" } }), [
      'platform:cluster.deployer.runner.githubRepository: got (missing); expected the GitHub repository the in-network runner serves, as "owner/name" (without a runner a private-only cluster has no deployer)',
    ]));

  it("refuses a private-only cluster with no in-network deployer (egress-CIDR mode without CIDRs)", () => {
    const expected = [
      "platform:cluster.deployer.egressCidrs: got []; expected at least one CIDR the deployer's traffic leaves from: " +
        "without them the API endpoint is private-only and nothing inside the network can deploy " +
        '(or set deployer.mode: "in-network" for a runner the program provisions)',
    ];
    assert.deepEqual(problems({ deployer: { mode: "egress-cidrs" } }), expected);
    // Outside prod, egress CIDRs are the default mode.
    assert.deepEqual(problems({}, "dev"), expected);
  });

  it("refuses the whole internet as a deployer CIDR, and CIDRs an in-network deployer would ignore", () => {
    assert.deepEqual(problems({ deployer: { mode: "egress-cidrs", egressCidrs: ["203.0.113.0/24", "0.0.0.0/0"] } }), [
      'platform:cluster.deployer.egressCidrs[1]: got "0.0.0.0/0"; expected a specific range, never the whole internet (refused in prod)',
    ]);
    assert.deepEqual(problems({ deployer: { runner: RUNNER, egressCidrs: ["203.0.113.0/24"] } }), [
      'platform:cluster.deployer.egressCidrs: got ["203.0.113.0/24"]; expected no CIDRs with deployer.mode "in-network" (the endpoint is private-only; they would be ignored)',
    ]);
  });

  it("rejects an add-on version pin that is not an EKS build, and an unknown add-on", () =>
    assert.deepEqual(
      problems({ ...IN_NETWORK, addonVersions: { coredns: "1.12", "kube-proxi": "v1.34.1-eksbuild.1" } }),
      [
        'platform:cluster.addonVersions.coredns: got "1.12"; expected an EKS add-on version like v1.20.4-eksbuild.1',
        'platform:cluster.addonVersions.kube-proxi: got "v1.34.1-eksbuild.1"; expected no such key (did you mean "kube-proxy"?); allowed here: vpc-cni, kube-proxy, eks-pod-identity-agent, coredns, aws-ebs-csi-driver, metrics-server',
      ],
    ));

  it("rejects min > desired > max on the system node group, naming both keys", () =>
    assert.deepEqual(problems({ ...IN_NETWORK, systemNodeGroup: { minSize: 4, desiredSize: 3, maxSize: 2 } }), [
      "platform:cluster.systemNodeGroup.desiredSize: got 3; expected between minSize (4) and maxSize (2)",
      "platform:cluster.systemNodeGroup.minSize: got 4; expected at most systemNodeGroup.maxSize (2)",
    ]));

  it("rejects dropping a required control-plane log", () =>
    assert.deepEqual(problems({ ...IN_NETWORK, logTypes: ["api", "authenticator"] }), [
      'platform:cluster.logTypes: got ["api","authenticator"]; expected a list including "audit" (always on)',
    ]));

  it("rejects a non-boolean deletionProtection", () =>
    assert.deepEqual(problems({ ...IN_NETWORK, deletionProtection: "yes" }), [
      'platform:cluster.deletionProtection: got "yes"; expected true or false',
    ]));
});
