import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EdgeConfig } from "../config";
import { nameTags } from "../tags";
import { originHealthChecks } from "./health-checks";
import { tlsOnlyBucketPolicy } from "./bucket-policies";
import { CacheBehaviourPlan, cacheBehaviours, customCachePolicies } from "./cache";
import { validatedCertificate } from "./certificate";
import { logBucket } from "./log-bucket";
import { logBucketName, ORIGIN_VERIFY_HEADER, OriginNames, publicNames, wafLogGroupName } from "./names";
import { CLOUDFRONT_ZONE_ID, publicAliasRecords, routedOriginRecords } from "./records";
import { visibility, wafRules } from "./waf";
import { drillErrorAlarm, SLO_ERROR_PERCENT, type DrillPlan } from "../failover/drill";
import * as origin from "./origins";

/** One regional origin as GlobalEdge needs it. */
export interface EdgeOrigin {
  region: string;
  names: OriginNames;
  albDnsName: pulumi.Input<string>;
  albZoneId: pulumi.Input<string>;
}

export interface GlobalEdgeArgs {
  /** Validated `platform:edge` section. */
  edge: EdgeConfig;
  /** Physical name prefix for global resources, e.g. `platform-prod`. */
  physicalName: string;
  /** Primary region (failover routing: the PRIMARY record). */
  primaryRegion: string;
  /** The us-east-1 provider: CloudFront certificates, WAF for CloudFront and Route53 metrics live there. */
  provider: aws.Provider;
  zoneId: pulumi.Input<string>;
  /** Secret sent to the origins in X-Origin-Verify. */
  originVerifySecret: pulumi.Input<string>;
  /** Regional origins, in config order. */
  origins: readonly EdgeOrigin[];
  /** us-east-1 SNS topic for the health-check alarms (Route53 health-check metrics exist only there). */
  alarmTopicArn: pulumi.Input<string>;
  /** The region drill, when on: its region's health check is inverted (components/failover/drill.ts). */
  drill?: DrillPlan;
}

/**
 * The global edge: CloudFront with WAF in front of the regional ALBs, reached through one
 * health-checked origin name, and the public DNS names. Lives in us-east-1 (CloudFront's ACM
 * certificates and CLOUDFRONT-scope web ACLs must).
 */
export class GlobalEdge extends pulumi.ComponentResource {
  public readonly distributionDomainName: pulumi.Output<string>;
  public readonly distributionId: pulumi.Output<string>;
  public readonly webAclArn: pulumi.Output<string>;
  /** Route53 health check id per region. */
  public readonly healthCheckIds: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: GlobalEdgeArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:edge:GlobalEdge", name, {}, opts);
    const { edge, provider, physicalName } = args;
    const child = { parent: this, provider };
    if (args.origins.length === 0) throw new Error(`${name}: at least one regional origin is required`);

    const names = publicNames(edge.domain, edge.aliases);
    const { validation } = validatedCertificate(`${name}-cert`, { domains: names, zoneId: args.zoneId }, child);

    const acl = new aws.wafv2.WebAcl(
      `${name}-waf`,
      {
        name: `${physicalName}-cloudfront`,
        description: "CloudFront: AWS managed common, known-bad-inputs and IP reputation rules, per-IP rate limit",
        scope: "CLOUDFRONT",
        defaultAction: { allow: {} },
        rules: wafRules(physicalName, edge.waf.rateLimitPer5Min, edge.waf.botControl),
        visibilityConfig: visibility(`${physicalName}-cloudfront`),
        tags: nameTags(`${physicalName}-cloudfront`),
      },
      child,
    );
    this.webAclArn = acl.arn;
    if (edge.waf.logging) {
      const group = new aws.cloudwatch.LogGroup(
        `${name}-waf-logs`,
        {
          name: wafLogGroupName(physicalName),
          retentionInDays: edge.waf.logRetentionDays,
          tags: nameTags(wafLogGroupName(physicalName)),
        },
        child,
      );
      new aws.wafv2.WebAclLoggingConfiguration(
        `${name}-waf-logging`,
        {
          resourceArn: acl.arn,
          logDestinationConfigs: [group.arn],
          // The origin secret must never land in logs.
          redactedFields: [{ singleHeader: { name: ORIGIN_VERIFY_HEADER.toLowerCase() } }],
        },
        child,
      );
    }

    const headers = new aws.cloudfront.ResponseHeadersPolicy(
      `${name}-security-headers`,
      {
        name: `${physicalName}-security-headers`,
        comment: "HSTS 2 years with preload, nosniff, frame DENY, strict referrer",
        securityHeadersConfig: {
          strictTransportSecurity: {
            accessControlMaxAgeSec: 63072000,
            includeSubdomains: true,
            preload: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: "DENY", override: true },
          referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
        },
      },
      child,
    );

    const customPolicies = new Map(
      customCachePolicies(edge.cloudfront.mediaTtlSeconds, edge.cloudfront.staticTtlSeconds).map((p) => [
        p.role,
        new aws.cloudfront.CachePolicy(
          `${name}-cache-${p.role}`,
          {
            name: `${physicalName}-${p.role}`,
            comment: `${p.role}: default TTL ${p.defaultTtl}s`,
            defaultTtl: p.defaultTtl,
            maxTtl: p.maxTtl,
            minTtl: p.minTtl,
            parametersInCacheKeyAndForwardedToOrigin: {
              enableAcceptEncodingGzip: true,
              enableAcceptEncodingBrotli: true,
              cookiesConfig: p.cookies
                ? { cookieBehavior: "whitelist", cookies: { items: p.cookies } }
                : { cookieBehavior: "none" },
              headersConfig: p.headers
                ? { headerBehavior: "whitelist", headers: { items: p.headers } }
                : { headerBehavior: "none" },
              queryStringsConfig: { queryStringBehavior: p.queryStrings ? "all" : "none" },
            },
          },
          child,
        ),
      ]),
    );

    const accountId = aws.getCallerIdentityOutput({}, child).accountId;
    const logs = logBucket(
      `${name}-cdn-logs`,
      {
        bucketName: accountId.apply((a) => logBucketName(physicalName, "cdn-logs", a)),
        expirationDays: edge.cloudfront.logRetentionDays,
        policy: (arn) => arn.apply(tlsOnlyBucketPolicy),
        cloudfrontAcl: true,
      },
      child,
    );

    const shared = args.origins[0].names.shared;
    const regionNames = args.origins.map((o) => o.region);
    const secondary = origin.secondaryOriginRegion(regionNames, args.primaryRegion, args.drill?.region);
    const groups = origin.originGroups(secondary);
    const readOnly = (b: CacheBehaviourPlan) => b.allowedMethods.every((m) => ["GET", "HEAD", "OPTIONS"].includes(m));
    const gateway = (domainName: string, id: string) => ({
      originId: id,
      domainName,
      connectionTimeout: origin.ORIGIN_CONNECTION_TIMEOUT_SECONDS,
      connectionAttempts: origin.ORIGIN_CONNECTION_ATTEMPTS,
      customOriginConfig: {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: "https-only",
        originSslProtocols: ["TLSv1.2"],
        originReadTimeout: 30,
        originKeepaliveTimeout: 5,
      },
      customHeaders: [{ name: ORIGIN_VERIFY_HEADER, value: pulumi.secret(args.originVerifySecret) }],
    });
    const behaviour = (b: CacheBehaviourPlan) => ({
      // Origin groups take GET/HEAD/OPTIONS only; every other behaviour stays on the shared origin.
      targetOriginId: groups && readOnly(b) ? origin.ORIGIN_GROUP_ID : origin.SHARED_ORIGIN_ID,
      viewerProtocolPolicy: "redirect-to-https",
      allowedMethods: b.allowedMethods,
      cachedMethods: b.cachedMethods,
      compress: true,
      cachePolicyId: "managed" in b.cachePolicy ? b.cachePolicy.managed : customPolicies.get(b.cachePolicy.custom)!.id,
      originRequestPolicyId: b.originRequestPolicyId,
      responseHeadersPolicyId: headers.id,
    });
    const plan = cacheBehaviours(edge.cloudfront.staticPaths);
    const distribution = new aws.cloudfront.Distribution(
      `${name}-cdn`,
      {
        enabled: true,
        comment: `${physicalName}: ${names.join(", ")}`,
        aliases: names,
        httpVersion: "http2and3",
        isIpv6Enabled: true,
        priceClass: edge.cloudfront.priceClass,
        webAclId: acl.arn,
        origins: [
          gateway(shared, origin.SHARED_ORIGIN_ID),
          ...(secondary
            ? [
                gateway(
                  args.origins.find((o) => o.region === secondary)!.names.regional,
                  origin.regionOriginId(secondary),
                ),
              ]
            : []),
        ],
        originGroups: groups,
        defaultCacheBehavior: behaviour(plan.default),
        orderedCacheBehaviors: plan.ordered.map((b) => ({ pathPattern: b.pathPattern!, ...behaviour(b) })),
        viewerCertificate: {
          acmCertificateArn: validation.certificateArn,
          sslSupportMethod: "sni-only",
          minimumProtocolVersion: edge.cloudfront.minimumProtocolVersion,
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        loggingConfig: { bucket: logs.bucket.bucketDomainName, includeCookies: false, prefix: "cloudfront/" },
        tags: nameTags(`${physicalName}-cdn`),
      },
      { ...child, dependsOn: logs.ready },
    );
    this.distributionDomainName = distribution.domainName;
    this.distributionId = distribution.id;

    const healthChecks = originHealthChecks(name, args, child);
    this.healthCheckIds = Object.fromEntries(Object.entries(healthChecks).map(([r, hc]) => [r, hc.id]));

    const byRegion = new Map(args.origins.map((o) => [o.region, o]));
    for (const r of routedOriginRecords(
      edge.routing,
      args.origins.map((o) => o.region),
      args.primaryRegion,
    )) {
      const o = byRegion.get(r.region)!;
      new aws.route53.Record(
        `${name}-origin-${r.region}`,
        {
          zoneId: args.zoneId,
          name: o.names.shared,
          type: "A",
          setIdentifier: r.setIdentifier,
          latencyRoutingPolicies: r.latency ? [r.latency] : undefined,
          failoverRoutingPolicies: r.failover ? [r.failover] : undefined,
          healthCheckId: healthChecks[r.region].id,
          aliases: [{ name: o.albDnsName, zoneId: o.albZoneId, evaluateTargetHealth: true }],
        },
        child,
      );
    }

    for (const rec of publicAliasRecords(edge.domain, edge.aliases)) {
      new aws.route53.Record(
        `${name}-public-${rec.role}`,
        {
          zoneId: args.zoneId,
          name: rec.name,
          type: rec.type,
          aliases: [{ name: distribution.domainName, zoneId: CLOUDFRONT_ZONE_ID, evaluateTargetHealth: false }],
        },
        child,
      );
    }

    if (args.drill)
      drillErrorAlarm(
        `${name}-drill-errors`,
        {
          plan: args.drill,
          physicalName,
          distributionId: distribution.id,
          errorObjectivePercent: SLO_ERROR_PERCENT,
          alarmTopicArn: args.alarmTopicArn,
        },
        child,
      );
    this.registerOutputs({ distributionDomainName: this.distributionDomainName, webAclArn: this.webAclArn });
  }
}
