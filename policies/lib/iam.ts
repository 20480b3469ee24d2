/** A JSON value that may be a single item or a list, as IAM documents allow (`"Action": "s3:Get*"`). */
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * The statements of an IAM policy document given as a JSON string (provider inputs) or an object
 * (plan.json). A document that does not parse yet (an unknown Output) has none.
 */
export function policyStatements(doc: unknown): unknown[] {
  let parsed: unknown = doc;
  if (typeof doc === "string") {
    try {
      parsed = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  return asList((parsed as { Statement?: unknown } | null)?.Statement);
}
