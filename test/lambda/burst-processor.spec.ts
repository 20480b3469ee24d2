import { strict as assert } from "assert";
import * as path from "path";
import fc from "fast-check";

// The handler ships as plain CommonJS (no build step); the spec loads the file Lambda runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fn = require(path.join(__dirname, "..", "..", "components", "lambda", "burst-processor", "index.js")) as {
  handler: (event: unknown) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
};

const record = (messageId: string, body: string) => ({ messageId, body, eventSource: "aws:sqs" });
const job = (o: Record<string, unknown>) => JSON.stringify(o);
const good = job({ type: "notification", recipient: "user-42", template: "welcome" });

/** A notification job as the handler's contract states it: type, non-empty recipient and template. */
function isNotification(body: string): boolean {
  try {
    const j = JSON.parse(body);
    const text = (v: unknown) => typeof v === "string" && v !== "";
    return j?.type === "notification" && text(j.recipient) && text(j.template);
  } catch {
    return false;
  }
}

describe("burst-processor handler (SQS partial batch response)", () => {
  let logs: string[];
  let original: typeof console.log;
  beforeEach(() => {
    logs = [];
    original = console.log;
    console.log = (line: string) => logs.push(line);
  });
  afterEach(() => (console.log = original));

  it("reports no failure for a batch of valid jobs", async () => {
    const res = await fn.handler({ Records: [record("m1", good), record("m2", good)] });
    assert.deepEqual(res, { batchItemFailures: [] });
    assert.deepEqual(logs, []);
  });

  it("returns exactly the failed records, in order, and keeps the others done", async () => {
    const res = await fn.handler({
      Records: [
        record("ok-1", good),
        record("bad-json", "{not json"),
        record("ok-2", good),
        record("unknown", job({ type: "resize-image" })),
        record("no-recipient", job({ type: "notification", template: "welcome" })),
        record("array", "[1,2]"),
        record("proto", job({ type: "__proto__" })),
      ],
    });
    assert.deepEqual(
      res.batchItemFailures.map((f) => f.itemIdentifier),
      ["bad-json", "unknown", "no-recipient", "array", "proto"],
    );
  });

  it("logs the message id and reason, never the body", async () => {
    const secret = job({ type: "notification", recipient: "", template: "reset-password", token: "s3cr3t" });
    await fn.handler({ Records: [record("m9", secret)] });
    assert.equal(logs.length, 1);
    assert.deepEqual(JSON.parse(logs[0]), { level: "error", messageId: "m9", reason: "recipient missing" });
    assert.ok(!logs[0].includes("s3cr3t"));
  });

  it("treats an event without records as an empty batch", async () =>
    assert.deepEqual(await fn.handler({}), { batchItemFailures: [] }));

  it("property: failures are the records whose body is not a valid notification job", () =>
    fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constant(good), fc.string(), fc.json()), { maxLength: 10 }),
        async (bodies) => {
          const records = bodies.map((b, i) => record(`m${i}`, b));
          const res = await fn.handler({ Records: records });
          const failed = new Set(res.batchItemFailures.map((f) => f.itemIdentifier));
          bodies.forEach((b, i) => {
            const valid = isNotification(b);
            assert.equal(failed.has(`m${i}`), !valid, b);
          });
        },
      ),
    ));
});
