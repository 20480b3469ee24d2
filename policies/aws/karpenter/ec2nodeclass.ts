/** Pulumi type of Karpenter's EC2NodeClass when created as a CustomResource. */
export const EC2_NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";

/** `EC2NodeClass "default"`, from the manifest's metadata.name (falls back to the Pulumi name). */
export function nodeClassLabel(props: Record<string, unknown>, fallback: string): string {
  const meta = props.metadata as { name?: unknown } | undefined;
  return `EC2NodeClass "${typeof meta?.name === "string" ? meta.name : fallback}"`;
}
