import { strict as assert } from "node:assert";
import { sqsEncryption } from "../../aws/workloads/sqs-encryption";
import { resourceArgs, runResource } from "../harness";

describe("policies: workloads SQS", () => {
  describe("aws-sqs-encryption", () => {
    let policy: ReturnType<typeof sqsEncryption>;
    beforeEach(() => {
      policy = sqsEncryption();
    });
    const queue = (props: Record<string, unknown>) =>
      runResource(policy, resourceArgs("aws:sqs/queue:Queue", props, { name: "jobs" }));
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes SSE-SQS", () => assert.deepEqual(queue({ sqsManagedSseEnabled: true }), { messages: [] }));
    it("passes a KMS key", () => assert.deepEqual(queue({ kmsMasterKeyId: "alias/jobs" }), { messages: [] }));
    it("reports an unencrypted queue", () =>
      assert.deepEqual(queue({ sqsManagedSseEnabled: false }).messages, [
        'SQS queue "jobs" must set sqsManagedSseEnabled: true or kmsMasterKeyId',
      ]));
    it("ignores other types", () =>
      assert.deepEqual(runResource(policy, resourceArgs("aws:sns/topic:Topic", {})), { messages: [] }));
  });
});
