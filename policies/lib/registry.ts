import type { EnforcementLevel } from "@pulumi/policy";
import { dataDeletionProtection } from "../aws/data/data-deletion-protection";
import { elasticacheAuth } from "../aws/data/elasticache-auth";
import { elasticacheEncryption } from "../aws/data/elasticache-encryption";
import { elasticacheMultiAz } from "../aws/data/elasticache-multi-az";
import { rdsBackupRetention } from "../aws/data/rds-backup-retention";
import { rdsEncryption } from "../aws/data/rds-encryption";
import { rdsIamAuth } from "../aws/data/rds-iam-auth";
import { rdsNotPublic } from "../aws/data/rds-not-public";
import { rdsPerformanceInsights } from "../aws/data/rds-performance-insights";
import { albAccessLogs } from "../aws/edge/alb-access-logs";
import { albDeletionProtection } from "../aws/edge/alb-deletion-protection";
import { albDropInvalidHeaders } from "../aws/edge/alb-drop-invalid-headers";
import { albHttpRedirect } from "../aws/edge/alb-http-redirect";
import { albTlsPolicy } from "../aws/edge/alb-tls-policy";
import { cloudfrontLogging } from "../aws/edge/cloudfront-logging";
import { cloudfrontMinTls } from "../aws/edge/cloudfront-min-tls";
import { cloudfrontOriginHttps } from "../aws/edge/cloudfront-origin-https";
import { cloudfrontViewerHttps } from "../aws/edge/cloudfront-viewer-https";
import { cloudfrontWaf } from "../aws/edge/cloudfront-waf";
import { route53RoutedHealthCheck } from "../aws/edge/route53-routed-health-check";
import { wafCloudfrontRegion } from "../aws/edge/waf-cloudfront-region";
import { ec2NodeClassEncryptedVolumes } from "../aws/karpenter/ec2nodeclass-encrypted-volumes";
import { ec2NodeClassImdsv2 } from "../aws/karpenter/ec2nodeclass-imdsv2";
import { eksAuthenticationMode } from "../aws/eks/eks-authentication-mode";
import { eksControlPlaneLogs } from "../aws/eks/eks-control-plane-logs";
import { eksEndpointExposure } from "../aws/eks/eks-endpoint-exposure";
import { eksSecretsEncryption } from "../aws/eks/eks-secrets-encryption";
import { iamNoWildcardAdmin } from "../aws/eks/iam-no-wildcard-admin";
import { launchTemplateHardened } from "../aws/eks/launch-template-hardened";
import { noWorldIngress } from "../aws/network/no-world-ingress";
import { securityGroupDescriptions } from "../aws/network/security-group-descriptions";
import { subnetPublicIp } from "../aws/network/subnet-public-ip";
import { vpcFlowLogs } from "../aws/network/vpc-flow-logs";
import { kmsKeyRotation } from "../aws/storage/kms-key-rotation";
import { s3Encryption } from "../aws/storage/s3-encryption";
import { s3LogBucketVersioning } from "../aws/storage/s3-log-bucket-versioning";
import { s3PublicAccessBlock } from "../aws/storage/s3-public-access-block";
import { sqsEncryption } from "../aws/workloads/sqs-encryption";
import { autoscaledNoReplicas } from "../kubernetes/autoscaled-no-replicas";
import { chaosScoped } from "../kubernetes/chaos-scoped";
import { prometheusRuleLabel } from "../kubernetes/prometheus-rule-label";
import { imageTagPinned } from "../kubernetes/image-tag-pinned";
import { noExternalService } from "../kubernetes/no-external-service";
import { pdbForReplicated } from "../kubernetes/pdb-for-replicated";
import { podSecurityRestricted } from "../kubernetes/pod-security-restricted";
import { probes } from "../kubernetes/probes";
import { readOnlyRootFilesystem } from "../kubernetes/read-only-root-filesystem";
import { resourceRequestsLimits } from "../kubernetes/resource-requests-limits";
import { singleAutoscaler } from "../kubernetes/single-autoscaler";
import { awsAllowedRegions } from "../stack/aws-allowed-regions";
import { awsNoDefaultProvider } from "../stack/aws-no-default-provider";
import { awsRequiredTags } from "../stack/aws-required-tags";
import type { PlatformPolicy } from "./policy";

export interface RegistryEntry {
  create: () => PlatformPolicy;
  /** Level in strict environments (see STRICT_ENVIRONMENTS) when stricter than the default. */
  strict?: EnforcementLevel;
}

/** Adding a policy: one file exporting a factory, one line here. */
export const REGISTRY: readonly RegistryEntry[] = [
  { create: awsNoDefaultProvider },
  { create: awsAllowedRegions },
  { create: awsRequiredTags },
  { create: vpcFlowLogs },
  { create: subnetPublicIp },
  { create: noWorldIngress },
  { create: securityGroupDescriptions, strict: "mandatory" },
  { create: s3PublicAccessBlock },
  { create: s3Encryption, strict: "mandatory" },
  { create: s3LogBucketVersioning, strict: "mandatory" },
  { create: kmsKeyRotation },
  { create: ec2NodeClassImdsv2 },
  { create: ec2NodeClassEncryptedVolumes },
  { create: sqsEncryption },
  { create: rdsEncryption },
  { create: elasticacheEncryption },
  { create: rdsNotPublic },
  { create: rdsBackupRetention },
  { create: dataDeletionProtection },
  { create: rdsIamAuth, strict: "mandatory" },
  { create: rdsPerformanceInsights, strict: "mandatory" },
  { create: elasticacheMultiAz },
  { create: elasticacheAuth },
  { create: eksSecretsEncryption },
  { create: eksControlPlaneLogs },
  { create: eksEndpointExposure },
  { create: eksAuthenticationMode },
  { create: iamNoWildcardAdmin },
  { create: launchTemplateHardened },
  { create: albAccessLogs },
  { create: albDeletionProtection },
  { create: albDropInvalidHeaders },
  { create: albHttpRedirect },
  { create: albTlsPolicy },
  { create: cloudfrontLogging },
  { create: cloudfrontMinTls },
  { create: cloudfrontOriginHttps },
  { create: cloudfrontViewerHttps },
  { create: cloudfrontWaf },
  { create: route53RoutedHealthCheck },
  { create: wafCloudfrontRegion },
  { create: podSecurityRestricted },
  { create: readOnlyRootFilesystem, strict: "mandatory" },
  { create: resourceRequestsLimits },
  { create: probes, strict: "mandatory" },
  { create: imageTagPinned },
  { create: noExternalService },
  { create: pdbForReplicated, strict: "mandatory" },
  { create: singleAutoscaler },
  { create: autoscaledNoReplicas },
  { create: prometheusRuleLabel },
  { create: chaosScoped },
];

/** The pack's policies, fresh objects each call (the PolicyPack, tests and the offline evaluator). */
export function allPolicies(): PlatformPolicy[] {
  return REGISTRY.map((entry) => entry.create());
}
