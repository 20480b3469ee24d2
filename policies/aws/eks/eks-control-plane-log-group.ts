import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { known } from "../../lib/policy";
import { EKS_CLUSTER_TYPES, UNKNOWN, read } from "./cluster";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

/** The group EKS writes to (https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html). */
export const eksLogGroupName = (cluster: string): string => `/aws/eks/${cluster}/cluster`;

const regionOf = (r: PolicyResource): unknown => known(() => r.provider?.props?.region);

/**
 * Mandatory: a cluster that ships control-plane logs must find its log group already there. If it
 * is missing when the cluster is created, EKS creates `/aws/eks/<name>/cluster` itself with
 * retention "never expire" and no customer key, and a later program-created group of that name
 * fails with ResourceAlreadyExistsException. So: a deterministic cluster name, a log group of the
 * matching name in the same region with retentionInDays and kmsKeyId, and the cluster depending
 * on it.
 */
export function eksControlPlaneLogGroup(): StackValidationPolicy {
  return {
    name: "aws-eks-control-plane-log-group",
    description:
      "Every EKS cluster with enabledClusterLogTypes depends on its /aws/eks/<name>/cluster log group, created first with retentionInDays and kmsKeyId.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const groups = args.resources.filter((r) => r.type === LOG_GROUP);
      for (const cluster of args.resources) {
        if (!EKS_CLUSTER_TYPES.includes(cluster.type)) continue;
        // The component's own aws.eks.Cluster child is covered by checking the component.
        if (cluster.parent?.type === "eks:index:Cluster") continue;
        const logTypes = known(() => cluster.props.enabledClusterLogTypes);
        if (!Array.isArray(logTypes) || logTypes.length === 0) continue;
        const name = known(() => cluster.props.name);
        if (typeof name !== "string" || name === "") {
          reportViolation(
            `EKS cluster "${cluster.name}" ships control-plane logs but has no fixed name: set name so its log group /aws/eks/<name>/cluster can be created first`,
            cluster.urn,
          );
          continue;
        }
        const wanted = eksLogGroupName(name);
        const region = regionOf(cluster);
        const group = groups.find(
          (g) => known(() => g.props.name) === wanted && (region === undefined || regionOf(g) === region),
        );
        const label = `EKS cluster "${name}"`;
        if (!group) {
          reportViolation(
            `${label} ships control-plane logs (${logTypes.join(", ")}) but the stack has no log group ${wanted}${region ? ` in ${String(region)}` : ""}: EKS would create it with no retention and no KMS key`,
            cluster.urn,
          );
          continue;
        }
        const problems: string[] = [];
        const retention = known(() => group.props.retentionInDays);
        if (typeof retention !== "number" || retention <= 0) problems.push("retentionInDays is not set");
        // A new key's ARN is unknown during preview: that still names a key.
        const key = read(() => group.props.kmsKeyId);
        if (key !== UNKNOWN && (typeof key !== "string" || key === "")) problems.push("kmsKeyId is not set");
        if (!cluster.dependencies.some((d) => d.urn === group.urn))
          problems.push(`the cluster does not depend on it (dependsOn), so EKS may create ${wanted} first`);
        if (problems.length > 0) reportViolation(`${label}: log group ${wanted}: ${problems.join("; ")}`, cluster.urn);
      }
    },
  };
}
