import { strict as assert } from "assert";
import type { AccessEntry } from "../../tools/access";
import { evaluateFlows } from "../../tools/flows";
import type { FlowRequirement } from "../../tools/flows/required";
import { JENKINS_FLOWS, JENKINS_FORBIDDEN } from "../../tools/flows/roles-jenkins";
import { planFor, planWith } from "../helpers/plan";

const JENKINS = "platform:jenkins:Jenkins";
type Plan = Awaited<ReturnType<typeof planFor>>["plan"];
const access = (plan: Plan) => plan.access as AccessEntry[];
const ofJenkins = (plan: Plan) => plan.resources.filter((r) => r.urn.includes(JENKINS));
const one = (plan: Plan, type: string) => {
  const found = ofJenkins(plan).filter((r) => r.type === type);
  assert.equal(found.length, 1, type);
  return found[0];
};
const deny = (id: string, from: string, to: string, port: number): FlowRequirement => ({
  id,
  from,
  to,
  port,
  why: "deny",
});

describe("Jenkins in the plans", () => {
  it("dev and prod: one controller, in the primary region only (us-east-1), with its home, agents and CodeBuild", async () => {
    for (const stack of ["dev", "prod"]) {
      const { plan } = await planFor(stack);
      const components = plan.resources.filter((r) => r.type === JENKINS);
      assert.deepEqual(
        components.map((c) => c.name),
        ["us-east-1-jenkins"],
        stack,
      );
      assert.deepEqual(
        new Set(
          ofJenkins(plan)
            .filter((r) => r.region)
            .map((r) => r.region),
        ),
        new Set(["us-east-1"]),
      );
      const release = one(plan, "kubernetes:helm.sh/v3:Release");
      assert.deepEqual([release.inputs.chart, release.inputs.version], ["jenkins", "5.9.53"]);
    }
  });

  it("prod keeps the home's file system and key on destroy; dev does not", async () => {
    const prod = (await planFor("prod")).plan;
    const dev = (await planFor("dev")).plan;
    for (const type of ["aws:efs/fileSystem:FileSystem", "aws:kms/key:Key"]) {
      assert.equal(one(prod, type).options?.protect, true, type);
      assert.notEqual(one(dev, type).options?.protect, true, type);
    }
  });

  it("the file system: KMS-encrypted, backups on, a mount target per private subnet, NFS from the cluster SG only", async () => {
    const { plan } = await planFor("prod");
    const fs = one(plan, "aws:efs/fileSystem:FileSystem");
    assert.equal(fs.inputs.encrypted, true);
    assert.ok(fs.inputs.kmsKeyId, "customer key");
    const backup = one(plan, "aws:efs/backupPolicy:BackupPolicy");
    assert.deepEqual(backup.inputs.backupPolicy, { status: "ENABLED" });
    const mounts = ofJenkins(plan).filter((r) => r.type === "aws:efs/mountTarget:MountTarget");
    const privateSubnets = plan.resources.filter(
      (r) => r.type === "aws:ec2/subnet:Subnet" && r.region === "us-east-1" && /private/.test(r.name),
    );
    assert.equal(mounts.length, privateSubnets.length);
    const rules = ofJenkins(plan).filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assert.equal(rules.length, 1);
    assert.deepEqual(
      [rules[0].inputs.fromPort, rules[0].inputs.toPort, rules[0].inputs.ipProtocol],
      [2049, 2049, "tcp"],
    );
    assert.ok(rules[0].inputs.referencedSecurityGroupId, "from a security group");
    assert.equal(rules[0].inputs.cidrIpv4, undefined);
    const policy = JSON.parse(String(one(plan, "aws:efs/fileSystemPolicy:FileSystemPolicy").inputs.policy));
    const denyTls = policy.Statement.find((s: { Effect: string }) => s.Effect === "Deny");
    assert.deepEqual(denyTls.Condition, { Bool: { "aws:SecureTransport": "false" } });
    const ap = one(plan, "aws:efs/accessPoint:AccessPoint");
    assert.deepEqual(ap.inputs.posixUser, { uid: 1000, gid: 1000 });
  });

  it("the EFS CSI driver is an EKS add-on with a Pod Identity role that can create no access point", async () => {
    const { plan } = await planFor("dev");
    const addon = one(plan, "aws:eks/addon:Addon");
    assert.equal(addon.inputs.addonName, "aws-efs-csi-driver");
    assert.match(String(addon.inputs.addonVersion), /aws-efs-csi-driver, default for 1\.\d+/);
    const [assoc] = addon.inputs.podIdentityAssociations as { serviceAccount: string }[];
    assert.equal(assoc.serviceAccount, "efs-csi-controller-sa");
    const entries = access(plan).filter((a) => a.requirement === "efs-csi");
    assert.ok(entries.length >= 6);
    assert.deepEqual(
      entries.filter((e) => !e.ok),
      [],
    );
    const create = entries.find((e) => e.action === "elasticfilesystem:CreateAccessPoint")!;
    assert.deepEqual([create.kind, create.allowed], ["forbidden", false]);
  });

  it("CodeBuild: no privileged mode, logs on, outside the VPC; the controller may start that project only", async () => {
    const { plan } = await planFor("prod");
    const project = one(plan, "aws:codebuild/project:Project");
    const env = project.inputs.environment as { privilegedMode: boolean; computeType: string };
    assert.equal(env.privilegedMode, false);
    assert.equal(project.inputs.vpcConfig, undefined);
    assert.equal((project.inputs.logsConfig as any).cloudwatchLogs.status, "ENABLED");
    const entries = access(plan).filter((a) => a.requirement.startsWith("jenkins-"));
    assert.deepEqual(
      entries.filter((e) => !e.ok).map((e) => `${e.requirement} ${e.action} ${e.resource}`),
      [],
    );
    const start = entries.filter((e) => e.action === "codebuild:StartBuild");
    assert.deepEqual(
      start.map((e) => [e.kind, e.allowed]),
      [
        ["required", true],
        ["forbidden", false],
      ],
    );
    const forbidden = new Set(entries.filter((e) => e.kind === "forbidden").map((e) => e.requirement));
    assert.deepEqual([...forbidden].sort(), ["jenkins-codebuild-only", "jenkins-no-data", "jenkins-no-deploy"]);
    const deploy = entries.find((e) => e.requirement === "jenkins-no-deploy")!;
    assert.match(deploy.resource, /:role\/.*deploy/);
    const data = entries.filter((e) => e.requirement === "jenkins-no-data").map((e) => e.action.split(":")[0]);
    for (const service of ["secretsmanager", "rds-db", "sqs", "dynamodb"]) assert.ok(data.includes(service), service);
  });

  it("every Jenkins flow holds in dev and prod", async () => {
    for (const stack of ["dev", "prod"]) {
      const { plan } = await planFor(stack);
      const flows = plan.flows.filter((f) => f.requirement.startsWith("jenkins-"));
      assert.deepEqual(new Set(flows.map((f) => f.requirement)), new Set(JENKINS_FLOWS.map((f) => f.id)), stack);
      assert.deepEqual(
        flows.filter((f) => !f.ok).map((f) => `${f.requirement}: ${f.reason}`),
        [],
        stack,
      );
    }
  });

  it("denied: app pods and the gateway to Jenkins, Jenkins agents to the database, the data tier to the EFS home", async () => {
    const { plan } = await planFor("prod");
    const flows = evaluateFlows(plan.resources as never, [
      deny("apps-to-jenkins", "app-pods:database", "jenkins-controller", 8080),
      deny("gateway-to-jenkins", "gateway-pods", "jenkins-controller", 8080),
      deny("agents-to-database", "jenkins-agents", "database-writer", 5432),
      deny("database-to-efs", "database-writer", "jenkins-efs", 2049),
      deny("apps-to-efs", "app-pods:database", "jenkins-efs", 2049),
    ]);
    const ids = new Set(flows.map((f) => f.requirement));
    assert.equal(ids.size, 5, [...ids].join(", "));
    assert.deepEqual(
      flows.filter((f) => f.ok).map((f) => `${f.requirement} ${f.from} -> ${f.to}`),
      [],
    );
    const efs = flows.find((f) => f.requirement === "database-to-efs")!;
    assert.match(efs.reason!, /security group|ingress/i);
  });

  it("the plan's isolation entries refuse app pods, the gateway and the agents-to-database path by NetworkPolicy", async () => {
    const { plan } = await planFor("dev");
    const entries = (plan.isolation as { requirement: string; ok: boolean }[]).filter((e) =>
      JENKINS_FORBIDDEN.some((f) => f.id === e.requirement),
    );
    assert.deepEqual(new Set(entries.map((e) => e.requirement)), new Set(JENKINS_FORBIDDEN.map((f) => f.id)));
    assert.deepEqual(
      entries.filter((e) => !e.ok),
      [],
    );
  });

  it("the checks are live: without the NFS rule the home cannot mount; without the ingress policy agents cannot connect", async () => {
    const { plan } = await planFor("dev");
    const rule = ofJenkins(plan).find((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")!;
    const noRule = evaluateFlows(plan.resources.filter((r) => r !== rule) as never, JENKINS_FLOWS);
    assert.deepEqual(
      noRule.filter((f) => !f.ok).map((f) => f.requirement),
      ["jenkins-home-nfs"],
    );
    const ingress = ofJenkins(plan).find((r) => r.name === "us-east-1-jenkins-controller-ingress")!;
    const noIngress = evaluateFlows(plan.resources.filter((r) => r !== ingress) as never, JENKINS_FLOWS);
    assert.deepEqual(
      noIngress.filter((f) => !f.ok).map((f) => f.requirement),
      ["jenkins-agents-controller", "jenkins-prometheus-scrape"],
    );
  });

  it("a non-default region moves the one controller there (prod, eu-west-1)", async () => {
    const { plan, error } = await planWith("prod", { jenkins: { region: "eu-west-1" } });
    assert.equal(error, undefined);
    assert.deepEqual(
      plan!.resources.filter((r) => r.type === JENKINS).map((r) => r.name),
      ["eu-west-1-jenkins"],
    );
  });
});
