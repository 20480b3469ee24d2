import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { dependsOn, known } from "../../lib/policy";

export const VPC = "aws:ec2/vpc:Vpc";
export const FLOW_LOG = "aws:ec2/flowLog:FlowLog";

/**
 * A flow log watches a VPC when its vpcId equals the VPC's id, or, when ids are not known
 * (preview, the offline plan's mock ids), when its vpcId input was derived from the VPC.
 */
export function flowLogWatches(flowLog: PolicyResource, vpc: PolicyResource): boolean {
  const vpcId = known(() => flowLog.props.vpcId);
  const id = known(() => vpc.props.id);
  if (typeof vpcId === "string" && typeof id === "string" && vpcId === id) return true;
  return dependsOn(flowLog, vpc, "vpcId");
}

/** Mandatory: without flow logs there is no record of who talked to what after an incident. */
export function vpcFlowLogs(): StackValidationPolicy {
  return {
    name: "aws-vpc-flow-logs",
    description: "Every VPC has a flow log.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const flowLogs = args.resources.filter((r) => r.type === FLOW_LOG);
      for (const vpc of args.resources.filter((r) => r.type === VPC))
        if (!flowLogs.some((f) => flowLogWatches(f, vpc)))
          reportViolation(`VPC "${vpc.name}" has no aws.ec2.FlowLog`, vpc.urn);
    },
  };
}
