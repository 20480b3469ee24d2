export * from "./iam";
export * from "./karpenter";
export * from "./manifests";
