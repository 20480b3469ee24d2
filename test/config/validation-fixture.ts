// The minimal config and problem formatter that validation.spec.ts and validation-reports.spec.ts share.
import { strict as assert } from "assert";
import { ConfigError, formatIssue } from "../../components/config";
import { loadStandIn } from "../helpers/stand-in";

export const ctx = { project: "platform", stack: "test" };
export const base = (): Record<string, unknown> => ({
  environment: "prod",
  regions: [
    { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
    { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  ],
});

export function flat(cfg: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(cfg).map(([k, v]) => [`platform:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

/** The formatted problems for a config, or [] when it loads. */
export function problems(cfg: Record<string, unknown>): string[] {
  try {
    loadStandIn(flat(cfg), ctx);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.issues.map(formatIssue);
  }
}
