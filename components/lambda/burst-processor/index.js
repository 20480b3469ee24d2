"use strict";
/**
 * Burst processor: a second consumer of the region's SQS job queue beside the notification
 * workers; its reserved concurrency absorbs a burst faster than pods scale. Whichever consumer
 * receives a job handles it, so both honour one job contract: each record is one job, JSON
 * `{ "type": "<kind>", ... }`. The function answers with a
 * partial batch response (ReportBatchItemFailures): only the records that failed return to the
 * queue, and after the queue's maxReceiveCount they land in its dead-letter queue. A batch never
 * fails as a whole, so one bad job does not make nine good ones run again.
 */

/** Job kinds this function handles; any other kind is a failure (it stays visible in the DLQ). */
const HANDLERS = {
  /**
   * A notification to fan out: needs a recipient and a template. The delivery itself is a stand-in
   * (as the worker's image is): the job is checked and acknowledged.
   */
  notification: (job) => {
    if (typeof job.recipient !== "string" || job.recipient === "") throw new Error("recipient missing");
    if (typeof job.template !== "string" || job.template === "") throw new Error("template missing");
    return { kind: "notification", recipient: job.recipient, template: job.template };
  },
};

/** The outcome of one record: done, or failed with the reason. */
function processRecord(record) {
  let job;
  try {
    job = JSON.parse(record.body);
  } catch {
    throw new Error("body is not JSON");
  }
  if (job === null || typeof job !== "object" || Array.isArray(job)) throw new Error("body is not a JSON object");
  const handler = Object.prototype.hasOwnProperty.call(HANDLERS, job.type) ? HANDLERS[job.type] : undefined;
  if (!handler) throw new Error(`unknown job type ${JSON.stringify(job.type)}`);
  return handler(job);
}

/**
 * SQS event -> { batchItemFailures: [{ itemIdentifier: messageId }] }. One structured log line per
 * failure (message id and reason, never the body: jobs may carry personal data).
 */
async function handler(event) {
  const batchItemFailures = [];
  for (const record of event.Records ?? []) {
    try {
      processRecord(record);
    } catch (err) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      console.log(JSON.stringify({ level: "error", messageId: record.messageId, reason: err.message }));
    }
  }
  return { batchItemFailures };
}

module.exports = { handler, processRecord, HANDLERS };
