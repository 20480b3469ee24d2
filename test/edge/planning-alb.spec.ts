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
  fixedDenyAction,
  healthCheckConditions,
  httpRedirectAction,
  originVerifyConditions,
  targetHealthCheck,
} from "../../components/edge/listeners";
import { targetGroupBindingManifest } from "../../components/edge/target-group-binding";

describe("edge planning (pure)", () => {
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
