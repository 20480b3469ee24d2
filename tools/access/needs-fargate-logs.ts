/**
 * Fargate's built-in log router (Fluent Bit) writes a pod's container output to the log group its
 * cluster's `aws-observability/aws-logging` ConfigMap names, as the pod execution role of the
 * Fargate profile that placed the pod (https://docs.aws.amazon.com/eks/latest/userguide/fargate-logging.html,
 * read 2026-12-07). With `auto_create_group false` it only creates streams and puts events.
 */
import type { PlanResource } from "../../policies/lib/offline";
import type { Need } from "./model";
import type { World } from "./world";

const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

/** `log_group_name` of the cloudwatch_logs output in an aws-logging ConfigMap. */
function logGroupOf(cm: PlanResource): string | undefined {
  const meta = (cm.inputs.metadata ?? {}) as { name?: string; namespace?: string };
  if (meta.name !== "aws-logging" || meta.namespace !== "aws-observability") return undefined;
  const conf = String(((cm.inputs.data ?? {}) as Record<string, unknown>)["output.conf"] ?? "");
  if (!/Name\s+cloudwatch_logs/.test(conf)) return undefined;
  return /log_group_name\s+(\S+)/.exec(conf)?.[1];
}

export function fargateLogNeeds(world: World): Need[] {
  const groups = world.ofType(CONFIG_MAP).flatMap((cm) => {
    const group = logGroupOf(cm);
    return group ? [{ group, parent: cm.parent }] : [];
  });
  return world.ofType("aws:eks/fargateProfile:FargateProfile").flatMap((f): Need[] => {
    // The ConfigMap created beside the profile (same component) is the one its pods log through.
    const g = groups.find((x) => x.parent === f.parent);
    if (!g) return [];
    const stream = `arn:aws:logs:${f.region}:${world.account}:log-group:${g.group}:log-stream:fargate-0`;
    return ["logs:CreateLogStream", "logs:PutLogEvents"].map((action) => ({
      requirement: "fargate-log-router",
      kind: "required",
      asker: { role: String(f.inputs.podExecutionRoleArn) },
      action,
      resource: stream,
      urn: f.urn,
    }));
  });
}
