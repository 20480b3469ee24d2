import type { RegistryEntry } from "../../lib/registry-entry";
import { albAccessLogs } from "./alb-access-logs";
import { albDeletionProtection } from "./alb-deletion-protection";
import { albDropInvalidHeaders } from "./alb-drop-invalid-headers";
import { albHttpRedirect } from "./alb-http-redirect";
import { albTlsPolicy } from "./alb-tls-policy";
import { cloudfrontLogging } from "./cloudfront-logging";
import { cloudfrontMinTls } from "./cloudfront-min-tls";
import { cloudfrontOriginHttps } from "./cloudfront-origin-https";
import { cloudfrontViewerHttps } from "./cloudfront-viewer-https";
import { cloudfrontWaf } from "./cloudfront-waf";
import { route53RoutedHealthCheck } from "./route53-routed-health-check";
import { wafCloudfrontRegion } from "./waf-cloudfront-region";
import { wafLogging } from "./waf-logging";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const edgePolicies: readonly RegistryEntry[] = [
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
  { create: wafLogging, strict: "mandatory" },
];
