import { strict as assert } from "assert";
import { albAlarms, healthCheckAlarm } from "../../components/edge/alarms";
import {
  albLogBucketPolicy,
  ELB_LEGACY_LOG_ACCOUNTS,
  ELB_LOG_DELIVERY_PRINCIPAL,
  ELB_SERVICE_PRINCIPAL_REGIONS,
  elbLogPrincipalKind,
  tlsOnlyBucketPolicy,
} from "../../components/edge/bucket-policies";
import { AWS_REGIONS } from "../../components/config/regions";
import {
  ACTIVITIES_API_PATH,
  cacheBehaviours,
  customCachePolicies,
  MANAGED_CACHE_POLICY,
  MANAGED_ORIGIN_REQUEST_POLICY,
} from "../../components/edge/cache";
import {
  fixedDenyAction,
  healthCheckConditions,
  httpRedirectAction,
  originVerifyConditions,
  targetHealthCheck,
} from "../../components/edge/listeners";
import { albName, logBucketName, originNames, publicNames, targetGroupName } from "../../components/edge/names";
import { publicAliasRecords, routedOriginRecords, RoutingMode } from "../../components/edge/records";
import { targetGroupBindingManifest } from "../../components/edge/target-group-binding";
import { wafRules } from "../../components/edge/waf";

describe("edge planning (pure)", () => {
  describe("names", () => {
    it("gives each region its own origin name beside the shared, routed one", () => {
      assert.deepEqual(originNames("example.com", "origin", "us-west-2"), {
        shared: "origin.example.com",
        regional: "origin-usw2.example.com",
      });
      assert.deepEqual(originNames("dev.example.com", "origin", "eu-west-1"), {
        shared: "origin.dev.example.com",
        regional: "origin-euw1.dev.example.com",
      });
    });
    it("lists the apex first, then each alias", () => {
      assert.deepEqual(publicNames("example.com", ["www", "api"]), [
        "example.com",
        "www.example.com",
        "api.example.com",
      ]);
    });
    it("keeps ALB and target group names within 32 characters and distinct per region", () => {
      const long = "a-very-long-project-name-prod";
      const names = ["use1", "usw2", "euw1"].flatMap((c) => [albName(`${long}-${c}`), targetGroupName(`${long}-${c}`)]);
      for (const n of names) assert.ok(n.length <= 32 && !n.endsWith("-"), n);
      assert.equal(new Set(names).size, 6);
      assert.equal(albName("platform-prod-use1"), "platform-prod-use1-alb");
    });
    it("qualifies log bucket names with the account", () => {
      assert.equal(
        logBucketName("platform-prod-use1", "alb-logs", "123456789012"),
        "platform-prod-use1-alb-logs-123456789012",
      );
    });
  });

  describe("routed origin records", () => {
    const regions = ["us-east-1", "us-west-2", "eu-west-1"];
    it("latency: one record per region, keyed by region", () => {
      assert.deepEqual(
        routedOriginRecords("latency", regions, "us-east-1"),
        regions.map((r) => ({ region: r, setIdentifier: r, latency: { region: r } })),
      );
    });
    it("failover: the primary is PRIMARY, the first other region SECONDARY (100/0)", () => {
      assert.deepEqual(routedOriginRecords("failover", regions, "us-west-2"), [
        { region: "us-west-2", setIdentifier: "us-west-2-primary", failover: { type: "PRIMARY" } },
        { region: "us-east-1", setIdentifier: "us-east-1-secondary", failover: { type: "SECONDARY" } },
      ]);
    });
    it("failover with one region has only the primary", () => {
      assert.equal(routedOriginRecords("failover", ["us-east-1"], "us-east-1").length, 1);
    });
    it("rejects an unknown mode and a primary outside the regions", () => {
      assert.throws(() => routedOriginRecords("geo" as RoutingMode, regions, "us-east-1"), {
        message: 'routing mode "geo": expected "latency" or "failover"',
      });
      assert.throws(() => routedOriginRecords("latency", regions, "ap-south-1"), {
        message: "primary region ap-south-1 is not among the regions (us-east-1, us-west-2, eu-west-1)",
      });
    });
    it("aliases every public name with A and AAAA", () => {
      assert.deepEqual(publicAliasRecords("example.com", ["www"]), [
        { role: "apex-a", name: "example.com", type: "A" },
        { role: "apex-aaaa", name: "example.com", type: "AAAA" },
        { role: "www-a", name: "www.example.com", type: "A" },
        { role: "www-aaaa", name: "www.example.com", type: "AAAA" },
      ]);
    });
  });

  describe("cache behaviours", () => {
    const plan = cacheBehaviours(["/static/*", "*.js", "/media/*"]);
    it("never caches /api/* and forwards every viewer header but Host, for every method", () => {
      const api = plan.ordered[1];
      assert.equal(api.pathPattern, "/api/*");
      assert.deepEqual(api.cachePolicy, { managed: MANAGED_CACHE_POLICY.cachingDisabled });
      assert.equal(api.originRequestPolicyId, MANAGED_ORIGIN_REQUEST_POLICY.allViewerExceptHostHeader);
      assert.deepEqual(api.allowedMethods, ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]);
    });
    it("caches media and static assets read-only, with our long-TTL policies; a duplicate pattern appears once", () => {
      assert.deepEqual(
        plan.ordered.map((b) => [b.pathPattern, b.cachePolicy]),
        [
          ["/api/v1/activities/*", { custom: "api" }],
          ["/api/*", { managed: MANAGED_CACHE_POLICY.cachingDisabled }],
          ["/media/*", { custom: "media" }],
          ["/static/*", { custom: "static" }],
          ["*.js", { custom: "static" }],
        ],
      );
      for (const b of plan.ordered.slice(2)) assert.deepEqual(b.allowedMethods, ["GET", "HEAD"]);
    });
    it("never shares the frontend's (personalised) HTML: the default behaviour is CachingDisabled, all methods", () => {
      assert.deepEqual(plan.default.cachePolicy, { managed: MANAGED_CACHE_POLICY.cachingDisabled });
      assert.notDeepEqual(plan.default.cachePolicy, { managed: MANAGED_CACHE_POLICY.cachingOptimized });
      assert.equal(plan.default.allowedMethods.length, 7);
    });
    it("caches the activities API 5 min (seed 004) before /api/*, keyed per Authorization and session cookie", () => {
      assert.equal(plan.ordered[0].pathPattern, ACTIVITIES_API_PATH);
      assert.equal(plan.ordered[0].allowedMethods.length, 7, "writes pass through uncached");
      assert.deepEqual(plan.ordered[0].cachedMethods, ["GET", "HEAD"]);
      const api = customCachePolicies(2592000, 31536000).find((p) => p.role === "api")!;
      // minTtl 0 honours Cache-Control no-store/private/max-age; maxTtl caps at 5 minutes.
      assert.deepEqual([api.minTtl, api.defaultTtl, api.maxTtl], [0, 300, 300]);
      assert.deepEqual(api.headers, ["Authorization"]);
      assert.deepEqual(api.cookies, ["sessionid", "session"]);
    });
    it("uses the seed TTLs: media 30 days, static 1 year", () => {
      const [media, stat] = customCachePolicies(2592000, 31536000);
      assert.deepEqual(
        [media.role, media.defaultTtl, stat.role, stat.defaultTtl, stat.maxTtl],
        ["media", 2592000, "static", 31536000, 31536000],
      );
    });
  });

  describe("WAF rules", () => {
    const rules = wafRules("platform-prod", 2000);
    it("runs the four AWS managed groups (SQL injection included: the backend is PostgreSQL) first, then the per-IP rate limit", () => {
      assert.deepEqual(
        rules.map((r) => [r.priority, r.name]),
        [
          [0, "AWSManagedRulesCommonRuleSet"],
          [1, "AWSManagedRulesKnownBadInputsRuleSet"],
          [2, "AWSManagedRulesAmazonIpReputationList"],
          [3, "AWSManagedRulesSQLiRuleSet"],
          [4, "rate-limit-per-ip"],
        ],
      );
      assert.deepEqual(rules[4].statement, {
        rateBasedStatement: { limit: 2000, aggregateKeyType: "IP", evaluationWindowSec: 300 },
      });
      assert.deepEqual(rules[4].action, { block: {} });
      for (const r of rules) assert.equal(r.visibilityConfig.cloudwatchMetricsEnabled, true);
    });
    it("adds Bot Control (common inspection level) only when asked, before the rate limit", () => {
      const withBots = wafRules("platform-prod", 2000, true);
      assert.deepEqual(withBots[4].name, "AWSManagedRulesBotControlRuleSet");
      assert.deepEqual(withBots[4].statement, {
        managedRuleGroupStatement: {
          vendorName: "AWS",
          name: "AWSManagedRulesBotControlRuleSet",
          managedRuleGroupConfigs: [{ awsManagedRulesBotControlRuleSet: { inspectionLevel: "COMMON" } }],
        },
      });
      assert.deepEqual(
        withBots.map((r) => r.priority),
        [0, 1, 2, 3, 4, 5],
      );
      assert.equal(
        rules.some((r) => r.name === "AWSManagedRulesBotControlRuleSet"),
        false,
      );
    });
    it("rejects a rate below the WAF minimum", () => {
      assert.throws(() => wafRules("p", 5), {
        message: "rateLimitPer5Min: got 5; expected an integer >= 10 (AWS WAF minimum)",
      });
    });
  });

  describe("listeners", () => {
    it("refuses by default, forwards only with the secret header, redirects HTTP with a 301", () => {
      assert.deepEqual(fixedDenyAction(), {
        type: "fixed-response",
        fixedResponse: { contentType: "text/plain", messageBody: "Forbidden", statusCode: "403" },
      });
      assert.deepEqual(originVerifyConditions("s3cret"), [
        { httpHeader: { httpHeaderName: "X-Origin-Verify", values: ["s3cret"] } },
      ]);
      assert.deepEqual(httpRedirectAction(), {
        type: "redirect",
        redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
      });
    });
    it("lets health checkers reach the exact health path only", () => {
      assert.deepEqual(healthCheckConditions("/health"), [
        { pathPattern: { values: ["/health"] } },
        { httpRequestMethod: { values: ["GET", "HEAD"] } },
      ]);
      assert.throws(() => healthCheckConditions("/*"), {
        message: 'healthPath: got "/*"; expected an exact path starting with "/" (no wildcards)',
      });
    });
    it("checks targets with the seed's 2/5, 5 s, 30 s, 200", () => {
      assert.deepEqual(targetHealthCheck({ path: "/health", healthy: 2, unhealthy: 5, timeout: 5, interval: 30 }), {
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: "/health",
        matcher: "200",
        healthyThreshold: 2,
        unhealthyThreshold: 5,
        timeout: 5,
        interval: 30,
      });
      assert.throws(() => targetHealthCheck({ path: "/health", healthy: 2, unhealthy: 5, timeout: 30, interval: 30 }), {
        message: "health check timeout 30s must be shorter than the interval 30s",
      });
    });
  });

  describe("bucket policies", () => {
    it("lets the documented ELB principal write only under <prefix>/AWSLogs/<account>/ and denies plain HTTP", () => {
      const doc = albLogBucketPolicy({
        bucketArn: "arn:aws:s3:::logs",
        accountId: "123456789012",
        prefix: "alb",
        principal: { AWS: "arn:aws:iam::797873946194:root" },
      });
      assert.deepEqual(doc.Statement[0], {
        Sid: "AllowElbLogDelivery",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::797873946194:root" },
        Action: "s3:PutObject",
        Resource: "arn:aws:s3:::logs/alb/AWSLogs/123456789012/*",
      });
      assert.deepEqual(doc.Statement[1].Condition, { Bool: { "aws:SecureTransport": "false" } });
      assert.equal(doc.Statement[1].Effect, "Deny");
      assert.deepEqual(
        tlsOnlyBucketPolicy("arn:aws:s3:::cdn").Statement.map((s) => s.Sid),
        ["DenyInsecureTransport"],
      );
    });

    it("without a prefix writes go straight under AWSLogs/; a prefix ELB would refuse is an error", () => {
      const principal = { Service: ELB_LOG_DELIVERY_PRINCIPAL };
      const base = { bucketArn: "arn:aws:s3:::logs", accountId: "123456789012", principal };
      assert.equal(
        albLogBucketPolicy({ ...base, prefix: "" }).Statement[0].Resource,
        "arn:aws:s3:::logs/AWSLogs/123456789012/*",
      );
      assert.throws(() => albLogBucketPolicy({ ...base, prefix: "alb/" }), {
        message: 'ALB log prefix "alb/" must not start or end with "/" nor contain AWSLogs',
      });
    });

    it("every platform region has exactly one documented log-delivery principal (ELB account or service)", () => {
      for (const region of AWS_REGIONS) {
        const legacy = region in ELB_LEGACY_LOG_ACCOUNTS;
        assert.notEqual(legacy, ELB_SERVICE_PRINCIPAL_REGIONS.includes(region), region);
        assert.equal(elbLogPrincipalKind(region), legacy ? "elb-account" : "service");
      }
      assert.equal(elbLogPrincipalKind("us-east-1"), "elb-account");
      assert.equal(ELB_LEGACY_LOG_ACCOUNTS["eu-west-1"], "156460612806");
      assert.equal(elbLogPrincipalKind("eu-central-2"), "service");
      assert.throws(() => elbLogPrincipalKind("xx-moon-1"), /no ALB log-delivery principal known for region xx-moon-1/);
    });
  });

  describe("TargetGroupBinding", () => {
    it("binds the gateway Service by IP and opens the pods to the ALB group on the container port", () => {
      assert.deepEqual(
        targetGroupBindingManifest({ targetGroupArn: "arn:tg", albSecurityGroupId: "sg-alb", targetPort: 8080 }),
        {
          apiVersion: "elbv2.k8s.aws/v1beta1",
          kind: "TargetGroupBinding",
          metadata: {
            name: "nginx-gateway",
            namespace: "apps",
            labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "edge" },
          },
          spec: {
            serviceRef: { name: "nginx-gateway", port: 80 },
            targetGroupARN: "arn:tg",
            targetType: "ip",
            networking: {
              ingress: [{ from: [{ securityGroup: { groupID: "sg-alb" } }], ports: [{ protocol: "TCP", port: 8080 }] }],
            },
          },
        },
      );
    });
  });

  describe("alarms", () => {
    it("alarms on ALB-generated 5xx and target response time for the load balancer", () => {
      const [e5xx, slow] = albAlarms({
        physicalName: "platform-prod-use1",
        loadBalancerArnSuffix: "app/x/1",
        errorRatePercent: 1,
        latencyP95Ms: 200,
      });
      assert.deepEqual(
        [e5xx.args.metricName, e5xx.args.statistic, e5xx.args.dimensions],
        ["HTTPCode_ELB_5XX_Count", "Sum", { LoadBalancer: "app/x/1" }],
      );
      assert.deepEqual([slow.args.metricName, slow.args.threshold], ["TargetResponseTime", 1]);
    });
    it("alarms when a Route53 health check reports unhealthy", () => {
      const a = healthCheckAlarm("n", "hc-1", "origin-use1.example.com").args;
      assert.deepEqual(
        [a.namespace, a.metricName, a.dimensions, a.comparisonOperator, a.threshold],
        ["AWS/Route53", "HealthCheckStatus", { HealthCheckId: "hc-1" }, "LessThanThreshold", 1],
      );
    });
  });
});
