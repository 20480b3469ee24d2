import { strict as assert } from "assert";
import { ConfigError, formatIssue, loadConfig } from "../../components/config";
import { buildPlan } from "../../tools/plan-lib";
import { ROOT } from "../helpers/plan";
import { standInSecurity } from "../helpers/stand-in";

const RUNNER = { githubRepository: "example-org/platform", actorAccountIds: ["1000001"] };
const role = (n: string) => [`arn:aws:iam::111122223333:role/${n}`];
/** Prod's principals (each list required in prod). */
const ACCESS = { admins: role("a"), deployers: role("d"), previewers: role("p") };
/** A valid prod cluster: in-network deployer and principals; tests that change `deployer` replace it whole. */
const IN_NETWORK = { deployer: { runner: RUNNER }, access: ACCESS };

/** The formatted problems for a `platform:cluster` value in an otherwise valid config (prod unless told). */
function problems(cluster: Record<string, unknown>, environment = "prod"): string[] {
  const flat = {
    "platform:environment": environment,
    "platform:regions": JSON.stringify([{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }]),
    "platform:cluster": JSON.stringify(cluster),
    // prod needs an alarm destination (4818021); not what these tests are about.
    "platform:observability": JSON.stringify({ alarmEmails: ["oncall@example.com"] }),
  };
  // ... and its own account and image digests (prod); not what these tests are about either.
  if (environment === "prod") Object.assign(flat, { "platform:security": standInSecurity(flat) });
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
    assert.deepEqual(problems({ deployer: { mode: "in-network" }, access: ACCESS }), [
      'platform:cluster.deployer.runner.githubRepository: got (missing); expected the GitHub repository the in-network runner serves, as "owner/name" (without a runner a private-only cluster has no deployer)',
    ]));

  it("refuses a private-only cluster with no in-network deployer (egress-CIDR mode without CIDRs)", () => {
    const expected = [
      "platform:cluster.deployer.egressCidrs: got []; expected at least one CIDR the deployer's traffic leaves from: " +
        "without them the API endpoint is private-only and nothing inside the network can deploy " +
        '(or set deployer.mode: "in-network" for a runner the program provisions)',
    ];
    // Config validation refuses it, so every entry point (pulumi up, npm run plan) does.
    assert.deepEqual(problems({ deployer: { mode: "egress-cidrs" }, access: ACCESS }), expected);
    assert.deepEqual(problems({ deployer: { mode: "egress-cidrs" } }, "dev"), expected);
    // Outside prod, egress CIDRs are the default mode.
    assert.deepEqual(problems({}, "dev"), expected);
    assert.deepEqual(problems({ deployer: { egressCidrs: ["203.0.113.0/24"] } }, "dev"), []);
  });

  it("refuses the whole internet as a deployer CIDR, and CIDRs an in-network deployer would ignore", () => {
    const cidrs = ["203.0.113.0/24", "0.0.0.0/0"];
    assert.deepEqual(problems({ deployer: { mode: "egress-cidrs", egressCidrs: cidrs }, access: ACCESS }), [
      'platform:cluster.deployer.egressCidrs[1]: got "0.0.0.0/0"; expected a specific range, never the whole internet (refused in prod)',
    ]);
    assert.deepEqual(problems({ deployer: { runner: RUNNER, egressCidrs: ["203.0.113.0/24"] }, access: ACCESS }), [
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

  it("npm run plan refuses the prod stack without its principals, before running the program", async () => {
    const r = await buildPlan({
      stack: "prod",
      rootDir: ROOT,
      overrides: { "platform:cluster": JSON.stringify({ deployer: { runner: RUNNER } }) },
      program: () => assert.fail("the program must not run"),
    });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.error.issues.map((i) => i.path), [
      "platform:cluster.access.admins",
      "platform:cluster.access.deployers",
      "platform:cluster.access.previewers",
    ]);
  });

  it("refuses a principal in two access lists (EKS allows one access entry per principal)", () =>
    assert.deepEqual(
      problems({
        ...IN_NETWORK,
        access: { ...ACCESS, previewers: role("a") },
      }),
      [
        'platform:cluster.access.previewers[0]: got "arn:aws:iam::111122223333:role/a"; expected a principal listed once: it is already in access.admins, and EKS allows one access entry per principal',
      ],
    ));

  it("a prod stack names who administers, deploys and previews it (a config error otherwise)", () => {
    assert.deepEqual(problems({ deployer: { runner: RUNNER } }), [
      "platform:cluster.access.admins: got []; expected at least one IAM role ARN in prod: who administers the clusters (cluster-admin for people on call)",
      "platform:cluster.access.deployers: got []; expected at least one IAM role ARN in prod: the role `pulumi up` runs as (without an access entry it gets Unauthorized at the first Kubernetes resource)",
      "platform:cluster.access.previewers: got []; expected at least one IAM role ARN in prod: the role PR previews run as (server-side dry-run needs an access entry too)",
    ]);
    assert.deepEqual(problems({ ...IN_NETWORK, access: { ...ACCESS, deployers: [] } }), [
      "platform:cluster.access.deployers: got []; expected at least one IAM role ARN in prod: the role `pulumi up` runs as (without an access entry it gets Unauthorized at the first Kubernetes resource)",
    ]);
    // Outside prod no principal is required.
    assert.deepEqual(problems({ deployer: { egressCidrs: ["203.0.113.0/24"] } }, "dev"), []);
  });

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
