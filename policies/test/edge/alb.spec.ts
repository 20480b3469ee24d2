import { strict as assert } from "node:assert";
import { albAccessLogs } from "../../aws/edge/alb-access-logs";
import { albDeletionProtection } from "../../aws/edge/alb-deletion-protection";
import { albDropInvalidHeaders } from "../../aws/edge/alb-drop-invalid-headers";
import { albHttpRedirect } from "../../aws/edge/alb-http-redirect";
import { albTlsPolicy } from "../../aws/edge/alb-tls-policy";
import { awsProvider, clone, PLATFORM_TAGS, resourceArgs, runResource } from "../harness";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const goodAlb = () => ({
  loadBalancerType: "application",
  internal: false,
  dropInvalidHeaderFields: true,
  enableDeletionProtection: true,
  accessLogs: { bucket: "platform-prod-use1-alb-logs-123456789012", enabled: true, prefix: "alb" },
});
const prod = awsProvider("us-east-1", { ...PLATFORM_TAGS, environment: "prod" });

describe("policies: edge ALB", () => {
  describe("aws-alb-drop-invalid-headers", () => {
    let policy: ReturnType<typeof albDropInvalidHeaders>;
    beforeEach(() => {
      policy = albDropInvalidHeaders();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a hardened ALB", () =>
      assert.deepEqual(runResource(policy, resourceArgs(LB, goodAlb(), { name: "alb" })), { messages: [] }));
    it("reports an ALB that keeps invalid headers", () => {
      const props = { ...goodAlb(), dropInvalidHeaderFields: false };
      assert.deepEqual(runResource(policy, resourceArgs(LB, props, { name: "alb" })).messages, [
        'ALB "alb" must set dropInvalidHeaderFields: true',
      ]);
    });
    it("ignores network load balancers", () =>
      assert.deepEqual(runResource(policy, resourceArgs(LB, { loadBalancerType: "network" })).messages, []));
  });

  describe("aws-alb-access-logs", () => {
    let policy: ReturnType<typeof albAccessLogs>;
    beforeEach(() => {
      policy = albAccessLogs();
    });
    it("passes access logs to a bucket", () =>
      assert.deepEqual(runResource(policy, resourceArgs(LB, goodAlb(), { name: "alb" })).messages, []));
    it("reports disabled or missing access logs", () => {
      const off = clone(goodAlb());
      off.accessLogs.enabled = false;
      assert.deepEqual(runResource(policy, resourceArgs(LB, off, { name: "alb" })).messages, [
        'ALB "alb" must enable accessLogs with a bucket',
      ]);
      const { accessLogs: _drop, ...none } = goodAlb();
      assert.deepEqual(runResource(policy, resourceArgs(LB, none, { name: "alb" })).messages, [
        'ALB "alb" must enable accessLogs with a bucket',
      ]);
    });
  });

  describe("aws-alb-deletion-protection", () => {
    let policy: ReturnType<typeof albDeletionProtection>;
    beforeEach(() => {
      policy = albDeletionProtection();
    });
    it("passes a protected prod ALB", () =>
      assert.deepEqual(runResource(policy, resourceArgs(LB, goodAlb(), { name: "alb", provider: prod })).messages, []));
    it("reports an unprotected prod ALB", () => {
      const props = { ...goodAlb(), enableDeletionProtection: false };
      assert.deepEqual(runResource(policy, resourceArgs(LB, props, { name: "alb", provider: prod })).messages, [
        'load balancer "alb" in environment "prod" must set enableDeletionProtection: true',
      ]);
    });
    it("does not require it in dev, unless configured", () => {
      const props = { ...goodAlb(), enableDeletionProtection: false };
      assert.deepEqual(
        runResource(policy, resourceArgs(LB, props, { name: "alb", provider: awsProvider() })).messages,
        [],
      );
      assert.equal(
        runResource(
          policy,
          resourceArgs(LB, props, { name: "alb", provider: awsProvider(), config: { environments: ["dev", "prod"] } }),
        ).messages.length,
        1,
      );
    });
  });

  describe("aws-alb-tls-policy", () => {
    let policy: ReturnType<typeof albTlsPolicy>;
    beforeEach(() => {
      policy = albTlsPolicy();
    });
    const https = (sslPolicy?: string) =>
      resourceArgs(
        LISTENER,
        { port: 443, protocol: "HTTPS", sslPolicy, certificateArn: "arn:cert" },
        { name: "https" },
      );
    it("passes a TLS 1.3/1.2 policy", () =>
      assert.deepEqual(runResource(policy, https("ELBSecurityPolicy-TLS13-1-2-2021-06")).messages, []));
    it("reports the old default policy and a missing one", () => {
      assert.deepEqual(runResource(policy, https("ELBSecurityPolicy-2016-08")).messages, [
        'HTTPS listener "https" uses sslPolicy "ELBSecurityPolicy-2016-08"; allowed: ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, ELBSecurityPolicy-TLS13-1-3-2021-06, ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
      ]);
      assert.equal(runResource(policy, https(undefined)).messages.length, 1);
    });
    it("honours a configured allow list and ignores HTTP listeners", () => {
      const args = resourceArgs(
        LISTENER,
        { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
        { name: "https", config: { allowedPolicies: ["ELBSecurityPolicy-TLS13-1-3-2021-06"] } },
      );
      assert.equal(runResource(policy, args).messages.length, 1);
      assert.deepEqual(runResource(policy, resourceArgs(LISTENER, { protocol: "HTTP" })).messages, []);
    });
  });

  describe("aws-alb-http-redirect", () => {
    let policy: ReturnType<typeof albHttpRedirect>;
    beforeEach(() => {
      policy = albHttpRedirect();
    });
    const http = (defaultActions: unknown[]) =>
      resourceArgs(LISTENER, { port: 80, protocol: "HTTP", defaultActions }, { name: "http" });
    it("passes a redirect to HTTPS", () =>
      assert.deepEqual(
        runResource(
          policy,
          http([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]),
        ).messages,
        [],
      ));
    it("reports an HTTP listener that forwards", () =>
      assert.deepEqual(runResource(policy, http([{ type: "forward", targetGroupArn: "arn:tg" }])).messages, [
        'HTTP listener "http" must only redirect to HTTPS (default actions: forward)',
      ]));
    it("reports a redirect that stays on HTTP and a listener without actions", () => {
      assert.equal(
        runResource(policy, http([{ type: "redirect", redirect: { protocol: "HTTP", port: "8080" } }])).messages.length,
        1,
      );
      assert.deepEqual(runResource(policy, http([])).messages, [
        'HTTP listener "http" must only redirect to HTTPS (default actions: none)',
      ]);
    });
  });
});
