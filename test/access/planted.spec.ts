import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { accessReport, unusedProblem } from "../../tools/access";
import { accessViolations } from "../../tools/access/violations";
import { planFor } from "../helpers/plan";

// Each case takes the real dev plan, plants one mistake in a copy of it, and runs the mandatory
// platform-access verdict as the plan does. The expected messages are written out from the plan's
// own names (mock account 123456789012, the dev stack's physical names), not computed.

const ACCT = "123456789012";
type Doc = { Version: string; Statement: Record<string, unknown>[] };

async function devResources(): Promise<PlanResource[]> {
  const { plan } = await planFor("dev");
  return plan.resources.map((r) => ({ ...r, inputs: structuredClone(r.inputs) }));
}

function editPolicy(resources: PlanResource[], type: string, name: string, key: string, edit: (d: Doc) => void) {
  const r = resources.find((x) => x.type === type && x.name === name);
  assert.ok(r, `${type} ${name} in the dev plan`);
  const doc = JSON.parse(String(r.inputs[key])) as Doc;
  edit(doc);
  r.inputs[key] = JSON.stringify(doc);
  return r;
}

const messages = (resources: PlanResource[]) =>
  accessViolations(accessReport(resources))
    .filter((v) => v.policy === "platform-access" && v.enforcementLevel === "mandatory")
    .map((v) => v.message);

describe("access: the mandatory policy fails on a planted mistake, naming principal, action, resource and why", () => {
  it("the dev plan as planned passes", async () => {
    assert.deepEqual(messages(await devResources()), []);
  }).timeout(120_000);

  it("a missing KMS grant: the alarm topic's key no longer lets CloudWatch encrypt", async () => {
    const rs = await devResources();
    editPolicy(rs, "aws:kms/key:Key", "us-east-1-alarm-key", "policy", (d) => {
      d.Statement = d.Statement.filter((s) => s.Sid !== "CloudWatchAlarmsPublish");
    });
    const key = `arn:aws:kms:us-east-1:${ACCT}:key/us-east-1-alarm-key`;
    const m = messages(rs);
    assert.ok(
      m.includes(
        `alarm-topic-key (required): cloudwatch.amazonaws.com kms:GenerateDataKey on ${key} is denied: ` +
          "no statement of the key policy allows cloudwatch.amazonaws.com kms:GenerateDataKey",
      ),
      m.join("\n"),
    );
  }).timeout(120_000);

  it("a missing bucket-policy statement: the ALB log bucket no longer admits the region's ELB account", async () => {
    const rs = await devResources();
    editPolicy(rs, "aws:s3/bucketPolicy:BucketPolicy", "us-east-1-edge-alb-logs-policy", "policy", (d) => {
      d.Statement = d.Statement.filter((s) => s.Sid !== "AllowElbLogDelivery");
    });
    const object = `arn:aws:s3:::platform-dev-use1-alb-logs-${ACCT}/alb/AWSLogs/${ACCT}/elasticloadbalancing/us-east-1/log.gz`;
    assert.deepEqual(messages(rs), [
      `elb-access-logs (required): arn:aws:iam::127311923021:root s3:PutObject on ${object} is denied: ` +
        `cross-account: the resource policy of ${object} grants nothing to arn:aws:iam::127311923021:root or its account`,
    ]);
  }).timeout(120_000);

  it("a missing role permission: the flow log role can no longer put log events", async () => {
    const rs = await devResources();
    editPolicy(rs, "aws:iam/rolePolicy:RolePolicy", "us-east-1-network-flow-logs", "policy", (d) => {
      d.Statement[0].Action = ["logs:CreateLogStream", "logs:DescribeLogGroups", "logs:DescribeLogStreams"];
    });
    const role = `arn:aws:iam::${ACCT}:role/us-east-1-network-flow-logs`;
    const stream = `arn:aws:logs:us-east-1:${ACCT}:log-group:/platform/platform-dev-use1/vpc-flow-logs:log-stream:eni-0123456789abcdef0-all`;
    assert.deepEqual(messages(rs), [
      `flow-logs-delivery (required): ${role} logs:PutLogEvents on ${stream} is denied: no identity policy of ${role} allows it and the resource has no policy naming it`,
    ]);
  }).timeout(120_000);

  it("an over-broad grant: a service may connect as every database user", async () => {
    const rs = await devResources();
    const planted = editPolicy(
      rs,
      "aws:iam/rolePolicy:RolePolicy",
      "us-east-1-workloads-user-service-pi-policy",
      "policy",
      (d) => {
        const s = d.Statement.find((x) => x.Sid === "ConnectAsOwnDatabaseUser")!;
        s.Resource = String(s.Resource).replace(/\/user_service$/, "/*");
      },
    );
    const role = `arn:aws:iam::${ACCT}:role/us-east-1-workloads-user-service-pi-role`;
    const user = (u: string) => `arn:aws:rds-db:us-east-1:${ACCT}:dbuser:cluster-762D757365312D6175726F7261/${u}`;
    assert.deepEqual(
      messages(rs).sort(),
      ["activity_service", "notification_service", "notification_worker"].map(
        (u) =>
          `service-other-database-user (forbidden): ${role} rds-db:connect on ${user(u)} is allowed: ` +
          `allowed by ${planted.urn}#ConnectAsOwnDatabaseUser`,
      ),
    );
  }).timeout(120_000);
});

describe("access: another account reaches none of the stack's data", () => {
  it("a bucket policy admitting every principal lets an administrator of another account read the logs", async () => {
    const rs = await devResources();
    const planted = editPolicy(
      rs,
      "aws:s3/bucketPolicy:BucketPolicy",
      "platform-edge-cdn-logs-policy",
      "policy",
      (d) => {
        d.Statement.push({
          Sid: "Everyone",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:::platform-dev-cdn-logs-${ACCT}/*`,
        });
      },
    );
    assert.deepEqual(messages(rs), [
      `other-account-no-access (forbidden): arn:aws:iam::210987654321:role/platform-dev-deploy s3:GetObject on ` +
        `arn:aws:s3:::platform-dev-cdn-logs-${ACCT}/object is allowed: allowed by ${planted.urn}#Everyone, ` +
        "arn:aws:iam::aws:policy/AdministratorAccess@v1#Statement[0], bootstrap platform-dev-deploy-boundary#Ceiling",
    ]);
  }).timeout(120_000);
});

describe("access: grants no required access uses (advisory)", () => {
  it("a service role's grant nothing needs is reported on that role", async () => {
    const rs = await devResources();
    const role = `arn:aws:iam::${ACCT}:role/us-east-1-workloads-notification-worker-pi-role`;
    const before = accessReport(rs).unused.find((u) => u.role === role);
    assert.equal(before, undefined, `the worker's own grants are all used: ${before?.actions.join(", ")}`);
    editPolicy(
      rs,
      "aws:iam/rolePolicy:RolePolicy",
      "us-east-1-workloads-notification-worker-pi-policy",
      "policy",
      (d) => {
        d.Statement.push({ Sid: "Extra", Effect: "Allow", Action: ["sqs:PurgeQueue"], Resource: "*" });
      },
    );
    const after = accessReport(rs).unused.find((u) => u.role === role);
    assert.deepEqual(after?.actions, ["sqs:PurgeQueue"]);
    assert.equal(
      unusedProblem(after!),
      `unused grants: ${role} may 1 action(s) no required access uses: sqs:PurgeQueue`,
    );
  }).timeout(120_000);
});
