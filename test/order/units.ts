import type { PlanResource } from "../../policies/lib/offline";

/**
 * Hand-built plan resources for the order model's unit specs: small graphs written out, so each
 * spec states which resource depends on which and what the model must answer.
 */
export const urnOf = (type: string, name: string): string => `urn:pulumi:t::p::${type}::${name}`;

export interface Opts {
  deps?: PlanResource[];
  provider?: string | null;
  parent?: string | null;
  ignoreChanges?: string[];
}

export function res(type: string, name: string, inputs: Record<string, unknown> = {}, o: Opts = {}): PlanResource {
  return {
    urn: urnOf(type, name),
    type,
    name,
    custom: true,
    parent: o.parent ?? null,
    provider: o.provider === undefined ? "k8s-a" : o.provider,
    region: null,
    inputs,
    dependencies: (o.deps ?? []).map((d) => d.urn),
    ...(o.ignoreChanges
      ? {
          options: {
            protect: false,
            retainOnDelete: false,
            ignoreChanges: o.ignoreChanges,
            deleteBeforeReplace: false,
            replaceOnChanges: [],
          },
        }
      : {}),
  };
}

/** Makes `r` depend directly on `deps` too. */
export function dependOn(r: PlanResource, ...deps: PlanResource[]): PlanResource {
  r.dependencies.push(...deps.map((d) => d.urn));
  return r;
}

export const T = {
  release: "kubernetes:helm.sh/v3:Release",
  configFile: "kubernetes:yaml/v2:ConfigFile",
  namespace: "kubernetes:core/v1:Namespace",
  service: "kubernetes:core/v1:Service",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  deployment: "kubernetes:apps/v1:Deployment",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  scaledObject: "kubernetes:keda.sh/v1alpha1:ScaledObject",
  triggerAuth: "kubernetes:keda.sh/v1alpha1:TriggerAuthentication",
  tgb: "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
  nodePool: "kubernetes:karpenter.sh/v1:NodePool",
  nodeClass: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
  destinationRule: "kubernetes:networking.istio.io/v1:DestinationRule",
  gateway: "kubernetes:gateway.networking.k8s.io/v1:Gateway",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
} as const;

/** A Kubernetes object's inputs: metadata.name / namespace and a spec. */
export const obj = (name: string, namespace?: string, spec: Record<string, unknown> = {}) => ({
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec,
});
