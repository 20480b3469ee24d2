import { strict as assert } from "assert";
import { accessEntries } from "../../tools/access";
import type { PlanResource } from "../../tools/plan/model";
import { ofType, planFor } from "../helpers/plan";

const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";

/** The prod plan's resources with one input of each resource of a type changed. */
function edited(
  rs: readonly PlanResource[],
  type: string,
  change: (i: Record<string, unknown>) => Record<string, unknown>,
) {
  return rs.map((r) => (r.type === type ? { ...r, inputs: change(structuredClone(r.inputs)) } : r));
}

/** Drops the statement with this Sid from a JSON policy input. */
const withoutSid = (policy: unknown, sid: string) => {
  const doc = JSON.parse(String(policy)) as { Statement: { Sid?: string }[] };
  return JSON.stringify({ ...doc, Statement: doc.Statement.filter((s) => s.Sid !== sid) });
};

describe("security findings reach a person: high and critical findings go to each region's alarm topic", () => {
  let resources: PlanResource[];
  before(async () => {
    resources = (await planFor("prod")).plan.resources;
  });

  it("one GuardDuty rule (severity 7 and up: GuardDuty's High band starts at 7.0) per prod region, to its own topic", () => {
    const rules = ofType({ resources } as never, RULE).filter((r) => String(r.inputs.name).endsWith("-guardduty-high"));
    assert.deepEqual(rules.map((r) => r.region).sort(), ["eu-west-1", "us-east-1", "us-west-2"]);
    for (const r of rules) {
      const pattern = JSON.parse(String(r.inputs.eventPattern));
      assert.deepEqual(pattern, {
        source: ["aws.guardduty"],
        "detail-type": ["GuardDuty Finding"],
        detail: { severity: [{ numeric: [">=", 7] }] },
      });
      const [target] = ofType({ resources } as never, TARGET).filter(
        (t) => t.inputs.rule === r.inputs.name && t.region === r.region,
      );
      assert.equal(
        target.inputs.arn,
        `arn:aws:sns:${r.region}:123456789012:platform-prod-${({ "us-east-1": "use1", "us-west-2": "usw2", "eu-west-1": "euw1" } as Record<string, string>)[r.region!]}-alarms`,
      );
    }
  });

  it("one Security Hub rule per region: new, active findings labelled CRITICAL or HIGH", () => {
    const rules = ofType({ resources } as never, RULE).filter((r) =>
      String(r.inputs.name).endsWith("-securityhub-high"),
    );
    assert.equal(rules.length, 3);
    const detail = JSON.parse(String(rules[0].inputs.eventPattern)).detail;
    assert.deepEqual(detail.findings.Severity.Label, ["CRITICAL", "HIGH"]);
    assert.deepEqual([detail.findings.Workflow.Status, detail.findings.RecordState], [["NEW"], ["ACTIVE"]]);
  });

  it("EventBridge may publish to each topic and use its key (access model: all 18 entries hold)", () => {
    const entries = accessEntries(resources).filter((e) => e.requirement === "eventbridge-to-sns");
    assert.equal(entries.length, 6 * 3);
    assert.deepEqual(
      entries.filter((e) => !e.ok),
      [],
    );
  });

  it("without the topic policy's EventBridge statement the findings cannot publish", () => {
    const planted = edited(resources, "aws:sns/topicPolicy:TopicPolicy", (i) => ({
      ...i,
      policy: withoutSid(i.policy, "EventBridgeFindingsPublish"),
    }));
    const failing = accessEntries(planted).filter((e) => e.requirement === "eventbridge-to-sns" && !e.ok);
    assert.equal(failing.length, 6);
    assert.ok(failing.every((e) => e.action === "sns:Publish" && e.principal.includes("events.amazonaws.com")));
  });

  it("without the key policy's EventBridge statement the findings cannot be encrypted", () => {
    const planted = edited(resources, "aws:kms/key:Key", (i) =>
      typeof i.policy === "string" && i.policy.includes("EventBridgeFindingsPublish")
        ? { ...i, policy: withoutSid(i.policy, "EventBridgeFindingsPublish") }
        : i,
    );
    const failing = accessEntries(planted).filter((e) => e.requirement === "eventbridge-to-sns" && !e.ok);
    assert.deepEqual([...new Set(failing.map((e) => e.action))].sort(), ["kms:Decrypt", "kms:GenerateDataKey"]);
  });
});
