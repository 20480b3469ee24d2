import { strict as assert } from "assert";
import { accessEntries } from "../../tools/access";
import { planFor } from "../helpers/plan";

describe("access: Fargate's log router writes the batch log group as the pod execution role", () => {
  it("dev: the pod execution role may create streams and put events in its own log group", async () => {
    const { plan } = await planFor("dev");
    const entries = accessEntries(plan.resources as never).filter((a) => a.requirement === "fargate-log-router");
    assert.deepEqual(
      entries.map((e) => [e.action, e.ok]),
      [
        ["logs:CreateLogStream", true],
        ["logs:PutLogEvents", true],
      ],
    );
    assert.match(entries[0].resource, /:log-group:\/aws\/eks\/platform-dev-use1\/fargate-batch:log-stream:/);
    assert.match(entries[0].principal, /role\/us-east-1-batch-pod-execution$/);
  });

  it("the check is live: without the role's log statement no log line leaves a pod", async () => {
    const { plan } = await planFor("dev");
    const without = plan.resources.filter((r) => r.name !== "us-east-1-batch-pod-execution-logs");
    const broken = accessEntries(without as never).filter((e) => e.requirement === "fargate-log-router" && !e.ok);
    assert.equal(broken.length, 2);
  });
});
