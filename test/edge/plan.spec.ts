import { strict as assert } from "assert";
import type { PlanResource } from "../../tools/engine/run";
import { inRegion, ofType, planFor, planWith } from "../helpers/plan";

const T = {
  alb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  rule: "aws:lb/listenerRule:ListenerRule",
  tg: "aws:lb/targetGroup:TargetGroup",
  cert: "aws:acm/certificate:Certificate",
  tgb: "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
  cdn: "aws:cloudfront/distribution:Distribution",
  waf: "aws:wafv2/webAcl:WebAcl",
  hc: "aws:route53/healthCheck:HealthCheck",
  record: "aws:route53/record:Record",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
};
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

describe("edge in the stack plans (mock engine)", function () {
  this.timeout(60_000);

  describe("prod", () => {
    let resources: PlanResource[];
    let outputs: Record<string, unknown>;
    before(async () => {
      const { plan } = await planFor("prod");
      resources = plan.resources;
      outputs = plan.outputs;
    });
    const of = (t: string) => ofType({ resources } as never, t);
    const named = (n: string) => {
      const r = resources.find((x) => x.name === n);
      assert.ok(r, `no resource ${n}`);
      return r;
    };

    it("has one internet-facing ALB per region, hardened as seed 002 says", () => {
      const albs = of(T.alb);
      assert.deepEqual(albs.map((a) => a.region).sort(), [...REGIONS].sort());
      for (const a of albs) {
        assert.deepEqual(
          [
            a.inputs.internal,
            a.inputs.loadBalancerType,
            a.inputs.idleTimeout,
            a.inputs.enableHttp2,
            a.inputs.dropInvalidHeaderFields,
            a.inputs.enableDeletionProtection,
          ],
          [false, "application", 60, true, true, true],
          a.name,
        );
        assert.equal((a.inputs.accessLogs as { enabled: boolean }).enabled, true);
      }
    });

    it("has a certificate for the regional and shared origin names, an HTTPS and an HTTP listener per region", () => {
      for (const region of REGIONS) {
        const code = { "us-east-1": "use1", "us-west-2": "usw2", "eu-west-1": "euw1" }[region];
        const cert = inRegion(of(T.cert), region).find((c) => c.name === `${region}-edge-cert`)!;
        assert.deepEqual(
          [cert.inputs.domainName, cert.inputs.subjectAlternativeNames, cert.inputs.validationMethod],
          [`origin-${code}.example.com`, ["origin.example.com"], "DNS"],
        );
        const listeners = inRegion(of(T.listener), region);
        const https = listeners.find((l) => l.inputs.protocol === "HTTPS")!;
        const http = listeners.find((l) => l.inputs.protocol === "HTTP")!;
        assert.equal(listeners.length, 2);
        assert.equal(https.inputs.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06");
        assert.deepEqual(https.inputs.defaultActions, [
          {
            type: "fixed-response",
            fixedResponse: { contentType: "text/plain", messageBody: "Forbidden", statusCode: "403" },
          },
        ]);
        assert.deepEqual(http.inputs.defaultActions, [
          { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ]);
      }
    });

    it("forwards only requests carrying the secret origin header, and the secret never appears in the plan", () => {
      const rule = named("us-west-2-edge-origin-verify");
      assert.equal(rule.inputs.priority, 1);
      assert.deepEqual(rule.inputs.conditions, [
        { httpHeader: { httpHeaderName: "X-Origin-Verify", values: ["[secret]"] } },
      ]);
      assert.ok(!JSON.stringify(resources).includes("mock-password"));
    });

    it("admits only CloudFront (and Route53 health checkers, in their own group) on 443", () => {
      const sg = named("eu-west-1-edge-alb-sg");
      assert.deepEqual(sg.inputs.ingress, [
        {
          description: "HTTPS from CloudFront origin-facing servers",
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          prefixListIds: ["pl-mock-cloudfront-origin-facing"],
        },
      ]);
      assert.deepEqual(
        (sg.inputs.egress as { cidrBlocks: string[]; fromPort: number }[]).map((e) => [e.fromPort, e.cidrBlocks]),
        [[8080, ["10.2.0.0/16"]]],
      );
      const hc = named("eu-west-1-edge-alb-healthcheck-sg");
      assert.deepEqual((hc.inputs.ingress as { prefixListIds: string[] }[])[0].prefixListIds, [
        "pl-mock-eu-west-1-route53-healthchecks",
      ]);
    });

    it("targets the gateway pods by IP on the gateway port with the seed's health check", () => {
      const tg = named("us-east-1-edge-gateway-tg");
      assert.deepEqual(
        [tg.inputs.targetType, tg.inputs.protocol, tg.inputs.port, tg.inputs.deregistrationDelay],
        ["ip", "HTTP", 8080, 30],
      );
      const hc = tg.inputs.healthCheck as Record<string, unknown>;
      assert.deepEqual(
        [hc.path, hc.healthyThreshold, hc.unhealthyThreshold, hc.timeout, hc.interval, hc.matcher],
        ["/health", 2, 5, 5, 30, "200"],
      );
    });

    it("binds the gateway Service in every region through its own cluster's provider", () => {
      const tgbs = of(T.tgb);
      assert.equal(tgbs.length, 3);
      for (const region of REGIONS) {
        const t = tgbs.find((x) => x.name === `${region}-edge-gateway-tgb`)!;
        assert.ok(t.provider?.endsWith(`::${region}-cluster-k8s`), t.provider ?? "none");
        assert.ok(t.dependencies.includes(named(`${region}-edge-gateway-tg`).urn));
        // The CRD comes with the LB controller chart; the Service (and its namespace) with the workloads.
        assert.ok(
          t.dependencies.includes(named(`${region}-lb-controller-chart`).urn),
          `${region}: LB controller release`,
        );
        assert.ok(
          t.dependencies.includes(named(`${region}-workloads-svc-nginx-gateway`).urn),
          `${region}: gateway Service`,
        );
      }
    });

    it("has one CloudFront distribution and one CLOUDFRONT web ACL, in us-east-1, wired together", () => {
      const [cdn] = of(T.cdn);
      const [waf] = of(T.waf);
      assert.equal(of(T.cdn).length, 1);
      assert.equal(of(T.waf).length, 1);
      assert.deepEqual([cdn.region, waf.region, waf.inputs.scope], ["us-east-1", "us-east-1", "CLOUDFRONT"]);
      assert.equal(
        cdn.inputs.webAclId,
        "arn:aws:wafv2:us-east-1:123456789012:global/webacl/platform-prod-cloudfront/a1b2c3d4",
      );
      assert.deepEqual(cdn.inputs.aliases, ["example.com", "www.example.com", "api.example.com"]);
      const origin = (cdn.inputs.origins as Record<string, any>[])[0];
      assert.equal(origin.domainName, "origin.example.com");
      assert.deepEqual(
        [origin.customOriginConfig.originProtocolPolicy, origin.customOriginConfig.originSslProtocols],
        ["https-only", ["TLSv1.2"]],
      );
      assert.deepEqual(origin.customHeaders, [{ name: "X-Origin-Verify", value: "[secret]" }]);
      const vc = cdn.inputs.viewerCertificate as Record<string, unknown>;
      assert.deepEqual(
        [vc.sslSupportMethod, vc.minimumProtocolVersion, cdn.inputs.httpVersion, cdn.inputs.isIpv6Enabled],
        ["sni-only", "TLSv1.2_2021", "http2and3", true],
      );
      assert.equal(named("platform-edge-cert").region, "us-east-1");
    });

    it("has a health check, its alarm and a latency-routed origin record per region", () => {
      // The origins' checks (the cache writer name's checks are the failover tier's).
      const hcs = of(T.hc).filter((h) => h.inputs.type === "HTTPS");
      assert.equal(hcs.length, 3);
      for (const h of hcs) {
        assert.deepEqual(
          [h.inputs.type, h.inputs.port, h.inputs.resourcePath, h.inputs.requestInterval, h.inputs.failureThreshold],
          ["HTTPS", 443, "/health", 10, 3],
        );
      }
      const routed = of(T.record).filter((r) => r.inputs.name === "origin.example.com");
      assert.deepEqual(routed.map((r) => r.inputs.setIdentifier).sort(), [...REGIONS].sort());
      for (const r of routed) {
        const region = r.inputs.setIdentifier as string;
        assert.deepEqual(r.inputs.latencyRoutingPolicies, [{ region }]);
        assert.equal(r.inputs.healthCheckId, `platform-edge-hc-${region}-id`);
        assert.equal((r.inputs.aliases as { evaluateTargetHealth: boolean }[])[0].evaluateTargetHealth, true);
      }
      const hcAlarms = of(T.alarm).filter((a) => a.inputs.metricName === "HealthCheckStatus");
      assert.equal(hcAlarms.length, 3);
      for (const a of hcAlarms) assert.equal(a.region, "us-east-1");
    });

    it("aliases the apex, www and api to CloudFront with A and AAAA", () => {
      const pub = of(T.record).filter(
        (r) => (r.inputs.aliases as { zoneId: string }[] | undefined)?.[0]?.zoneId === "Z2FDTNDATAQYW2",
      );
      assert.deepEqual(pub.map((r) => `${r.inputs.name} ${r.inputs.type}`).sort(), [
        "api.example.com A",
        "api.example.com AAAA",
        "example.com A",
        "example.com AAAA",
        "www.example.com A",
        "www.example.com AAAA",
      ]);
    });

    it("exports the CloudFront domain and each ALB's DNS name", () => {
      const edge = outputs.edge as { cloudfrontDomainName: string; albDnsNames: Record<string, string> };
      assert.equal(edge.cloudfrontDomainName, "d111111abcdef8.cloudfront.net");
      assert.deepEqual(Object.keys(edge.albDnsNames).sort(), [...REGIONS].sort());
      assert.equal(edge.albDnsNames["us-west-2"], "platform-prod-usw2-alb-1234567890.us-west-2.elb.amazonaws.com");
    });
  });

  describe("dev", () => {
    it("builds the same edge for its single region without deletion protection", async () => {
      const { plan } = await planFor("dev");
      const albs = ofType(plan, T.alb);
      assert.deepEqual(
        albs.map((a) => [a.region, a.inputs.enableDeletionProtection]),
        [["us-east-1", false]],
      );
      assert.equal(ofType(plan, T.cdn).length, 1);
      assert.equal(ofType(plan, T.hc).length, 1);
      const routed = ofType(plan, T.record).filter((r) => r.inputs.name === "origin.dev.example.com");
      assert.deepEqual(
        routed.map((r) => r.inputs.setIdentifier),
        ["us-east-1"],
      );
      assert.equal((ofType(plan, T.cdn)[0].inputs as { priceClass: string }).priceClass, "PriceClass_100");
    });
  });

  describe("policies over the planned edge", () => {
    it("prod has no edge policy violations; dev only the advisory that its WAF does not log (off by default there)", async () => {
      for (const stack of ["prod", "dev"]) {
        const { plan } = await planFor(stack);
        assert.deepEqual(
          plan.violations
            .filter((v) => /alb|cloudfront|waf|route53/.test(v.policy))
            .map((v) => `${v.policy} ${v.enforcementLevel}`),
          stack === "dev" ? ["aws-waf-logging advisory"] : [],
          stack,
        );
      }
    });
    it("an old TLS policy on the ALB listener is a mandatory violation of the plan", async () => {
      const { plan } = await planWith("dev", {
        edge: { domain: "dev.example.com", alb: { sslPolicy: "ELBSecurityPolicy-2016-08", deletionProtection: false } },
      });
      const v = plan!.violations.filter((x) => x.policy === "aws-alb-tls-policy");
      assert.deepEqual(
        v.map((x) => [x.enforcementLevel, x.message]),
        [
          [
            "mandatory",
            'HTTPS listener "us-east-1-edge-https" uses sslPolicy "ELBSecurityPolicy-2016-08"; allowed: ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, ELBSecurityPolicy-TLS13-1-3-2021-06, ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
          ],
        ],
      );
    });
    it("optional WAF logging goes to an aws-waf-logs-* group in us-east-1 with the origin secret header redacted", async () => {
      const { plan } = await planWith("dev", {
        edge: { domain: "dev.example.com", alb: { deletionProtection: false }, waf: { logging: true } },
      });
      const [group] = ofType(plan!, "aws:cloudwatch/logGroup:LogGroup").filter((g) =>
        String(g.inputs.name).startsWith("aws-waf-logs-"),
      );
      assert.deepEqual([group.inputs.name, group.region], ["aws-waf-logs-platform-dev", "us-east-1"]);
      const [cfg] = ofType(plan!, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
      assert.deepEqual(cfg.inputs.redactedFields, [{ singleHeader: { name: "x-origin-verify" } }]);
    });
    it("failover routing plans a PRIMARY and a SECONDARY record, each with its health check", async () => {
      const { plan } = await planWith("prod", { edge: { domain: "example.com", routing: "failover" } });
      const routed = ofType(plan!, T.record).filter((r) => r.inputs.name === "origin.example.com");
      assert.deepEqual(
        routed.map((r) => [r.inputs.setIdentifier, r.inputs.failoverRoutingPolicies, r.inputs.healthCheckId]),
        [
          ["us-east-1-primary", [{ type: "PRIMARY" }], "platform-edge-hc-us-east-1-id"],
          ["us-west-2-secondary", [{ type: "SECONDARY" }], "platform-edge-hc-us-west-2-id"],
        ],
      );
      assert.equal(ofType(plan!, T.hc).filter((h) => h.inputs.type === "HTTPS").length, 3);
    });
  });
});
