import { strict as assert } from "assert";
import {
  ACTIVITIES_API_PATH,
  cacheBehaviours,
  customCachePolicies,
  MANAGED_CACHE_POLICY,
  MANAGED_ORIGIN_REQUEST_POLICY,
} from "../../components/edge/cache";
import { albName, logBucketName, originNames, publicNames, targetGroupName } from "../../components/edge/names";
import { publicAliasRecords, routedOriginRecords, RoutingMode } from "../../components/edge/records";
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
});
