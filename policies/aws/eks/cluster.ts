import { known } from "../../lib/policy";

/** The @pulumi/eks remote component (what we declare) and the aws.eks.Cluster it creates. */
export const EKS_COMPONENT = "eks:index:Cluster";
export const EKS_CLUSTER = "aws:eks/cluster:Cluster";
export const EKS_CLUSTER_TYPES: readonly string[] = [EKS_COMPONENT, EKS_CLUSTER];

/** Marks a value computed from another resource's output, unknown during preview. */
export const UNKNOWN = Symbol("unknown");

/** Reads a prop, turning "unknown during preview" into UNKNOWN rather than throwing. */
export function read<T>(get: () => T): T | typeof UNKNOWN {
  let missing = true;
  const v = known(() => {
    const x = get();
    missing = false;
    return x;
  });
  return missing ? UNKNOWN : (v as T);
}

/**
 * The settings the EKS policies check, whichever of the two types declares them. The component
 * spreads them over its top level; aws.eks.Cluster nests them in vpcConfig / accessConfig /
 * encryptionConfig. `undefined` means "not set" (the provider default applies).
 */
export interface EksSettings {
  label: string;
  authenticationMode: unknown;
  logTypes: unknown;
  endpointPrivateAccess: unknown;
  endpointPublicAccess: unknown;
  publicAccessCidrs: unknown;
  /** KMS key ARN used for secrets, or undefined when secrets are not envelope-encrypted. */
  secretsKeyArn: unknown;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function eksSettings(type: string, name: string, props: Record<string, any>): EksSettings {
  const label = `EKS cluster "${typeof props.name === "string" ? props.name : name}"`;
  if (type === EKS_COMPONENT) {
    return {
      label,
      authenticationMode: read(() => props.authenticationMode),
      logTypes: read(() => props.enabledClusterLogTypes),
      endpointPrivateAccess: read(() => props.endpointPrivateAccess),
      endpointPublicAccess: read(() => props.endpointPublicAccess),
      publicAccessCidrs: read(() => props.publicAccessCidrs),
      secretsKeyArn: read(() => props.encryptionConfigKeyArn),
    };
  }
  return {
    label,
    authenticationMode: read(() => props.accessConfig?.authenticationMode),
    logTypes: read(() => props.enabledClusterLogTypes),
    endpointPrivateAccess: read(() => props.vpcConfig?.endpointPrivateAccess),
    endpointPublicAccess: read(() => props.vpcConfig?.endpointPublicAccess),
    publicAccessCidrs: read(() => props.vpcConfig?.publicAccessCidrs),
    secretsKeyArn: read(() => {
      const enc = props.encryptionConfig;
      if (!enc) return undefined;
      const resources: unknown = enc.resources;
      return Array.isArray(resources) && resources.includes("secrets") ? enc.provider?.keyArn : undefined;
    }),
  };
}
