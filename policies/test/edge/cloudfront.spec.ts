import { strict as assert } from "node:assert";
import { cloudfrontLogging } from "../../aws/edge/cloudfront-logging";
import { cloudfrontMinTls } from "../../aws/edge/cloudfront-min-tls";
import { cloudfrontOriginHttps } from "../../aws/edge/cloudfront-origin-https";
import { cloudfrontViewerHttps } from "../../aws/edge/cloudfront-viewer-https";
import { cloudfrontWaf } from "../../aws/edge/cloudfront-waf";
import { route53RoutedHealthCheck } from "../../aws/edge/route53-routed-health-check";
import { wafCloudfrontRegion } from "../../aws/edge/waf-cloudfront-region";
import { awsProvider, clone, resourceArgs, runResource } from "../harness";

const CDN = "aws:cloudfront/distribution:Distribution";

const goodCdn = (): Record<string, any> => ({
  enabled: true,
  aliases: ["example.com"],
  webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1",
  loggingConfig: { bucket: "logs.s3.amazonaws.com", includeCookies: false, prefix: "cloudfront/" },
  viewerCertificate: {
    acmCertificateArn: "arn:cert",
    sslSupportMethod: "sni-only",
    minimumProtocolVersion: "TLSv1.2_2021",
  },
  origins: [
    {
      originId: "gw",
      domainName: "origin.example.com",
      customOriginConfig: {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: "https-only",
        originSslProtocols: ["TLSv1.2"],
      },
    },
  ],
  defaultCacheBehavior: { targetOriginId: "gw", viewerProtocolPolicy: "redirect-to-https" },
  orderedCacheBehaviors: [{ pathPattern: "/api/*", targetOriginId: "gw", viewerProtocolPolicy: "https-only" }],
});
const cdn = (props: Record<string, any>, config?: Record<string, unknown>) =>
  resourceArgs(CDN, props, { name: "cdn", config });

describe("policies: edge CloudFront, WAF, Route53", () => {
  // Built inside each test, not at load: a mutation tester switches mutants on per test.
  const all = () => [
    cloudfrontViewerHttps(),
    cloudfrontMinTls(),
    cloudfrontWaf(),
    cloudfrontLogging(),
    cloudfrontOriginHttps(),
  ];
  it("are all mandatory and pass a compliant distribution", () => {
    for (const p of all()) {
      assert.equal(p.enforcementLevel, "mandatory", p.name);
      assert.deepEqual(runResource(p, cdn(goodCdn())), { messages: [] }, p.name);
    }
  });

  it("police distributions only: another type without their fields is not reported", () => {
    // An ALB has no webAclId, loggingConfig, viewer certificate or cache behaviours of its own.
    const alb = resourceArgs("aws:lb/loadBalancer:LoadBalancer", { name: "alb", internal: false }, { name: "alb" });
    for (const p of all()) assert.deepEqual(runResource(p, alb), { messages: [] }, p.name);
  });

  it("a distribution without a default cache behaviour is reported, not a crash", () => {
    const bare = cdn({ enabled: true, origins: [] });
    assert.deepEqual(runResource(cloudfrontViewerHttps(), bare).messages, [
      'CloudFront "cdn" behaviour default has viewerProtocolPolicy null; expected redirect-to-https or https-only',
    ]);
  });

  it("aws-cloudfront-viewer-https reports each behaviour that allows HTTP", () => {
    const props = goodCdn();
    props.defaultCacheBehavior.viewerProtocolPolicy = "allow-all";
    props.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all";
    assert.deepEqual(runResource(cloudfrontViewerHttps(), cdn(props)).messages, [
      'CloudFront "cdn" behaviour default has viewerProtocolPolicy "allow-all"; expected redirect-to-https or https-only',
      'CloudFront "cdn" behaviour /api/* has viewerProtocolPolicy "allow-all"; expected redirect-to-https or https-only',
    ]);
  });

  it("aws-cloudfront-min-tls reports an old policy and the default certificate", () => {
    const old = goodCdn();
    old.viewerCertificate.minimumProtocolVersion = "TLSv1.2_2019";
    assert.deepEqual(runResource(cloudfrontMinTls(), cdn(old)).messages, [
      'CloudFront "cdn" has minimumProtocolVersion "TLSv1.2_2019"; expected one of TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025',
    ]);
    const dflt = goodCdn();
    dflt.viewerCertificate = { cloudfrontDefaultCertificate: true };
    assert.deepEqual(runResource(cloudfrontMinTls(), cdn(dflt)).messages, [
      'CloudFront "cdn" uses the default certificate, which allows TLSv1; use an ACM certificate with minimumProtocolVersion TLSv1.2_2021 or newer',
    ]);
  });

  it("aws-cloudfront-waf reports a distribution without a web ACL", () => {
    const { webAclId: _w, ...props } = goodCdn();
    assert.deepEqual(runResource(cloudfrontWaf(), cdn(props)).messages, ['CloudFront "cdn" has no webAclId']);
  });

  it("counts a value unknown during preview (an ARN created in the same update) as set", () => {
    class UnknownValueError extends Error {}
    const props = goodCdn();
    Object.defineProperty(props, "webAclId", {
      get: () => {
        throw new UnknownValueError("unknown");
      },
      enumerable: true,
    });
    assert.deepEqual(runResource(cloudfrontWaf(), cdn(props)).messages, []);
  });

  it("aws-cloudfront-logging reports a distribution without logs", () => {
    const { loggingConfig: _l, ...props } = goodCdn();
    assert.deepEqual(runResource(cloudfrontLogging(), cdn(props)).messages, [
      'CloudFront "cdn" has no loggingConfig bucket',
    ]);
  });

  it("aws-cloudfront-origin-https reports HTTP and old TLS towards the origin", () => {
    const props = clone(goodCdn());
    props.origins[0].customOriginConfig.originProtocolPolicy = "match-viewer";
    props.origins[0].customOriginConfig.originSslProtocols = ["TLSv1.1", "TLSv1.2"];
    assert.deepEqual(runResource(cloudfrontOriginHttps(), cdn(props)).messages, [
      'CloudFront "cdn" origin gw has originProtocolPolicy "match-viewer"; expected https-only',
      'CloudFront "cdn" origin gw allows origin protocols ["TLSv1.1","TLSv1.2"]; expected ["TLSv1.2"]',
    ]);
  });

  describe("aws-waf-cloudfront-region", () => {
    let policy: ReturnType<typeof wafCloudfrontRegion>;
    beforeEach(() => {
      policy = wafCloudfrontRegion();
    });
    const acl = (region: string, scope = "CLOUDFRONT") =>
      resourceArgs(
        "aws:wafv2/webAcl:WebAcl",
        { scope, defaultAction: { allow: {} } },
        { name: "waf", provider: awsProvider(region) },
      );
    it("passes a CLOUDFRONT ACL in us-east-1 and a REGIONAL one anywhere", () => {
      assert.deepEqual(runResource(policy, acl("us-east-1")).messages, []);
      assert.deepEqual(runResource(policy, acl("eu-west-1", "REGIONAL")).messages, []);
    });
    it("reports a CLOUDFRONT ACL outside us-east-1", () => {
      assert.deepEqual(runResource(policy, acl("eu-west-1")).messages, [
        'web ACL "waf" has scope CLOUDFRONT but is in eu-west-1; expected us-east-1',
      ]);
    });
  });

  describe("aws-route53-routed-health-check", () => {
    let policy: ReturnType<typeof route53RoutedHealthCheck>;
    beforeEach(() => {
      policy = route53RoutedHealthCheck();
    });
    const rec = (props: Record<string, unknown>) =>
      resourceArgs(
        "aws:route53/record:Record",
        { zoneId: "Z1", name: "origin.example.com", type: "A", ...props },
        { name: "origin-use1" },
      );
    it("passes a latency record with a health check and a simple record without one", () => {
      assert.deepEqual(
        runResource(
          policy,
          rec({ setIdentifier: "us-east-1", latencyRoutingPolicies: [{ region: "us-east-1" }], healthCheckId: "hc-1" }),
        ).messages,
        [],
      );
      assert.deepEqual(runResource(policy, rec({})).messages, []);
    });
    it("reports latency, failover and weighted records without a health check", () => {
      assert.deepEqual(runResource(policy, rec({ latencyRoutingPolicies: [{ region: "us-east-1" }] })).messages, [
        'Route53 record "origin-use1" uses latencyRoutingPolicies but has no healthCheckId',
      ]);
      assert.deepEqual(
        runResource(policy, rec({ failoverRoutingPolicies: [{ type: "PRIMARY" }], healthCheckId: "" })).messages,
        ['Route53 record "origin-use1" uses failoverRoutingPolicies but has no healthCheckId'],
      );
      assert.deepEqual(runResource(policy, rec({ weightedRoutingPolicies: [{ weight: 100 }] })).messages, [
        'Route53 record "origin-use1" uses weightedRoutingPolicies but has no healthCheckId',
      ]);
    });
  });
});
