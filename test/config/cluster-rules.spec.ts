import { strict as assert } from "assert";
import {
  clusterIssues,
  clusterSchema,
  clusterWarnings,
  deployerModeOf,
} from "../../components/config/sections/cluster";
import {
  calendarEntry,
  supportPhase,
  supportWarning,
  versionProblem,
} from "../../components/config/sections/eks-versions";

/**
 * Cluster rules on a fixed date, so the EKS calendar is read as AWS publishes it
 * (kubernetes-versions.html, checked 2026-12-02): 1.31 standard support to 2025-11-26, extended
 * to 2026-11-26; 1.33 standard to 2026-07-29; extended support costs $0.60 per cluster hour
 * instead of $0.10 (aws.amazon.com/eks/pricing). Support ends at the start of the listed day (UTC).
 */
const URL = "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html";
const on = (iso: string) => new Date(`${iso}T00:00:00Z`);
const cluster = (c: Record<string, unknown>) => clusterSchema.parse(c);
const ADMIN = "arn:aws:iam::111122223333:role/admin";
const DEPLOY = "arn:aws:iam::111122223333:role/deploy";
const PREVIEW = "arn:aws:iam::111122223333:role/preview";
const issues = (c: Record<string, unknown>, env: string | undefined, today = on("2026-12-07")) =>
  clusterIssues(cluster(c), env, today).map((i) => `${i.path}: ${JSON.stringify(i.value)}: ${i.expected}`);

describe("cluster rules on a fixed date", () => {
  it("support phases switch at the start of the listed day", () => {
    const v = calendarEntry("1.31")!;
    assert.equal(supportPhase(v, new Date(on("2025-11-26").getTime() - 1)), "standard");
    assert.equal(supportPhase(v, on("2025-11-26")), "extended");
    assert.equal(supportPhase(v, new Date(on("2026-11-26").getTime() - 1)), "extended");
    assert.equal(supportPhase(v, on("2026-11-26")), "ended");
    assert.equal(calendarEntry("1.28"), undefined);
  });

  it("warns 60 days before standard support ends, and during extended support", () => {
    assert.equal(supportWarning("1.33", on("2026-05-29")), undefined);
    assert.equal(
      supportWarning("1.33", on("2026-05-30")),
      `platform:cluster.kubernetesVersion 1.33 leaves EKS standard support on 2026-07-29 (in 60 days): from then each cluster costs $0.60/h instead of $0.10/h (${URL})`,
    );
    assert.equal(
      supportWarning("1.33", on("2026-07-28")),
      `platform:cluster.kubernetesVersion 1.33 leaves EKS standard support on 2026-07-29 (in 1 days): from then each cluster costs $0.60/h instead of $0.10/h (${URL})`,
    );
    assert.equal(
      supportWarning("1.33", on("2026-07-29")),
      `platform:cluster.kubernetesVersion 1.33 is in EKS extended support since 2026-07-29: each cluster costs $0.60/h instead of $0.10/h, and EKS auto-upgrades it on 2027-07-29 (${URL})`,
    );
    assert.equal(supportWarning("1.31", on("2026-12-07")), undefined);
    assert.equal(supportWarning("1.99", on("2026-12-07")), undefined);
    assert.deepEqual(clusterWarnings({ kubernetesVersion: "1.33" }, on("2026-08-01")).length, 1);
    assert.deepEqual(clusterWarnings({ kubernetesVersion: "1.35" }, on("2026-08-01")), []);
  });

  it("refuses a version past extended support, or not in the calendar", () => {
    assert.equal(
      versionProblem("1.31", on("2026-11-26")),
      `a version EKS still supports: 1.31 left extended support on 2026-11-26 (${URL})`,
    );
    assert.equal(versionProblem("1.31", on("2026-11-25")), undefined);
    assert.equal(
      versionProblem("1.28", on("2026-01-01")),
      "an EKS Kubernetes version from the release calendar (1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35)",
    );
    assert.deepEqual(issues({ kubernetesVersion: "1.31", deployer: { egressCidrs: ["203.0.113.0/24"] } }, "dev"), [
      `platform:cluster.kubernetesVersion: "1.31": a version EKS still supports: 1.31 left extended support on 2026-11-26 (${URL})`,
    ]);
  });

  it("deployer mode: in-network in prod by default, egress CIDRs elsewhere", () => {
    assert.equal(deployerModeOf(cluster({}), "prod"), "in-network");
    assert.equal(deployerModeOf(cluster({}), "staging"), "egress-cidrs");
    assert.equal(deployerModeOf(cluster({ deployer: { mode: "egress-cidrs" } }), "prod"), "egress-cidrs");
  });

  it("egress CIDRs: needed for an egress deployer, never /0, none in-network", () => {
    assert.deepEqual(issues({}, "dev"), [
      'platform:cluster.deployer.egressCidrs: []: at least one CIDR the deployer\'s traffic leaves from: without them the API endpoint is private-only and nothing inside the network can deploy (or set deployer.mode: "in-network" for a runner the program provisions)',
    ]);
    assert.deepEqual(issues({ deployer: { egressCidrs: ["0.0.0.0/0"] } }, "dev"), [
      'platform:cluster.deployer.egressCidrs[0]: "0.0.0.0/0": a specific range, never the whole internet',
    ]);
    assert.deepEqual(issues({}, undefined), []);
    const prodAccess = { admins: [ADMIN], deployers: [DEPLOY], previewers: [PREVIEW] };
    assert.deepEqual(
      issues({ access: prodAccess, deployer: { mode: "egress-cidrs", egressCidrs: ["0.0.0.0/0"] } }, "prod"),
      [
        'platform:cluster.deployer.egressCidrs[0]: "0.0.0.0/0": a specific range, never the whole internet (refused in prod)',
      ],
    );
    const runner = { githubRepository: "example/platform", actorAccountIds: ["1000001"] };
    assert.deepEqual(issues({ access: prodAccess, deployer: { egressCidrs: ["203.0.113.0/24"], runner } }, "prod"), [
      'platform:cluster.deployer.egressCidrs: ["203.0.113.0/24"]: no CIDRs with deployer.mode "in-network" (the endpoint is private-only; they would be ignored)',
    ]);
  });

  it("in-network: said outright it needs a runner; in prod the runner names who may start it", () => {
    assert.deepEqual(issues({ deployer: { mode: "in-network" } }, "dev"), [
      'platform:cluster.deployer.runner.githubRepository: undefined: the GitHub repository the in-network runner serves, as "owner/name" (without a runner a private-only cluster has no deployer)',
    ]);
    assert.deepEqual(
      issues({ deployer: { mode: "in-network", runner: { githubRepository: "example/platform" } } }, "dev"),
      [],
    );
    const access = { admins: [ADMIN], deployers: [DEPLOY], previewers: [PREVIEW] };
    assert.deepEqual(issues({ access }, "prod"), []);
    assert.deepEqual(issues({ access, deployer: { runner: { githubRepository: "example/platform" } } }, "prod"), [
      "platform:cluster.deployer.runner.actorAccountIds: []: the GitHub account ids of the maintainers whose runs may start the prod runners (the webhooks' ACTOR_ACCOUNT_ID filter; docs/security.md, Runners)",
    ]);
  });

  it("prod names admins, deployers and previewers; each principal once", () => {
    assert.deepEqual(issues({ access: { admins: [ADMIN] } }, "prod"), [
      "platform:cluster.access.deployers: []: at least one IAM role ARN in prod: the role `pulumi up` runs as (without an access entry it gets Unauthorized at the first Kubernetes resource)",
      "platform:cluster.access.previewers: []: at least one IAM role ARN in prod: the role PR previews run as (server-side dry-run needs an access entry too)",
    ]);
    assert.deepEqual(issues({ access: { deployers: [DEPLOY], previewers: [PREVIEW] } }, "prod"), [
      "platform:cluster.access.admins: []: at least one IAM role ARN in prod: who administers the clusters (cluster-admin for people on call)",
    ]);
    assert.deepEqual(
      issues({ access: { admins: [ADMIN], deployers: [DEPLOY, ADMIN], previewers: [PREVIEW, DEPLOY] } }, "prod"),
      [
        `platform:cluster.access.deployers[1]: "${ADMIN}": a principal listed once: it is already in access.admins, and EKS allows one access entry per principal`,
        `platform:cluster.access.previewers[1]: "${DEPLOY}": a principal listed once: it is already in access.deployers, and EKS allows one access entry per principal`,
      ],
    );
  });
});
