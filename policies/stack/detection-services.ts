import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { regionOf } from "../lib/aws";
import { known, readConfig } from "../lib/policy";

export const DETECTION_SERVICES = ["guardDuty", "awsConfig", "securityHub"] as const;
export type DetectionService = (typeof DETECTION_SERVICES)[number];

export interface DetectionServicesConfig {
  /**
   * The services the stack must run in each platform region: `platform:security` resolved
   * (components/config/sections/security.ts), written by policyConfigFor. A service turned off there (or
   * all of them with `delegatedAdministrator`) is absent from this list.
   */
  required: DetectionService[];
}

/** GuardDuty features the platform relies on for EKS (components/security/detection.ts). */
export const REQUIRED_GUARDDUTY_FEATURES = ["EKS_AUDIT_LOGS", "RUNTIME_MONITORING"] as const;

const CLUSTERS = ["eks:index:Cluster", "aws:eks/cluster:Cluster"];

const T = {
  detector: "aws:guardduty/detector:Detector",
  feature: "aws:guardduty/detectorFeature:DetectorFeature",
  hub: "aws:securityhub/account:Account",
  recorder: "aws:cfg/recorder:Recorder",
  status: "aws:cfg/recorderStatus:RecorderStatus",
  channel: "aws:cfg/deliveryChannel:DeliveryChannel",
};

/** What is missing for one service in one region, or undefined when it is there. */
function missing(service: DetectionService, inRegion: PolicyResource[]): string | undefined {
  const of = (type: string) => inRegion.filter((r) => r.type === type);
  if (service === "securityHub") return of(T.hub).length > 0 ? undefined : "no Security Hub account";
  if (service === "awsConfig") {
    const enabled = of(T.status).some((s) => known(() => s.props.isEnabled) === true);
    if (of(T.recorder).length === 0) return "no AWS Config recorder";
    if (of(T.channel).length === 0) return "an AWS Config recorder without a delivery channel";
    return enabled ? undefined : "an AWS Config recorder that is not started (RecorderStatus isEnabled)";
  }
  const detectors = of(T.detector).filter((d) => known(() => d.props.enable) !== false);
  if (detectors.length === 0) return "no enabled GuardDuty detector";
  const on = new Set(
    of(T.feature)
      .filter((f) => known(() => f.props.status) === "ENABLED")
      .map((f) => known(() => f.props.name)),
  );
  const off = REQUIRED_GUARDDUTY_FEATURES.filter((f) => !on.has(f));
  return off.length > 0 ? `a GuardDuty detector without ${off.join(", ")}` : undefined;
}

const LABEL: Record<DetectionService, string> = {
  guardDuty: "GuardDuty (EKS audit logs and runtime monitoring)",
  awsConfig: "AWS Config",
  securityHub: "Security Hub",
};

/**
 * Advisory; mandatory in strict environments through the registry. The detection services that
 * platform:security resolves on (prod by default) exist in every region the platform runs an EKS
 * cluster in. Turning one off is a config decision (e.g. an organization's delegated administrator runs
 * them), carried into this policy's `required` list by policyConfigFor; without it the list is the
 * environment's default (all three in prod, none elsewhere).
 */
export function detectionServices(): StackValidationPolicy {
  return {
    name: "aws-detection-services",
    description:
      "Each platform region runs the detection services platform:security turns on (prod: GuardDuty with EKS audit logs and runtime monitoring, AWS Config, Security Hub).",
    enforcementLevel: "advisory",
    configSchema: {
      properties: { required: { type: "array", items: { type: "string", enum: [...DETECTION_SERVICES] } } },
    },
    validateStack: (args, reportViolation) => {
      const { required } = readConfig<DetectionServicesConfig>(args, { required: [] });
      if (required.length === 0) return;
      const byRegion = new Map<string, PolicyResource[]>();
      for (const r of args.resources) {
        const region = r.type.startsWith("aws:") || CLUSTERS.includes(r.type) ? regionOf(r) : undefined;
        if (region) byRegion.set(region, [...(byRegion.get(region) ?? []), r]);
      }
      // The platform's regions: where it runs an EKS cluster (what GuardDuty's EKS features watch).
      const regions = [...byRegion.keys()]
        .filter((g) => byRegion.get(g)!.some((r) => CLUSTERS.includes(r.type)))
        .sort();
      for (const service of required)
        for (const region of regions) {
          const gap = missing(service, byRegion.get(region)!);
          if (gap)
            reportViolation(
              `${LABEL[service]} is on for this stack (platform:security.${service}) but ${region} has ${gap}; ` +
                `turn it off in platform:security (e.g. delegatedAdministrator: true) if the organization runs it`,
            );
        }
    },
  };
}
