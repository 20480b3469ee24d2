import { strict as assert } from "assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { RegionalEdge } from "../../components/edge/regional";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { ALONE, standInRegion, loadStandIn } from "../helpers/stand-in";

const config = loadStandIn(
  {
    "platform:environment": "prod",
    "platform:regions": JSON.stringify([{ name: "us-west-2", vpcCidr: "10.1.0.0/16" }]),
  },
  { project: "platform", stack: "test" },
);

/**
 * RegionalEdge alone on the mock engine in a stand-in region, optionally with a gateway Service
 * and LB controller release (then it binds the target group to the Service).
 */
function run(withGateway: boolean): Promise<ProgramRun> {
  return runProgram({
    ...ALONE,
    program: () => {
      const region = standInRegion();
      let release: pulumi.Resource | undefined;
      let gatewayService: pulumi.Resource | undefined;
      if (withGateway) {
        const { cluster } = region;
        release = new k8s.helm.v3.Release(
          "lb-controller",
          {
            chart: "aws-load-balancer-controller",
            version: "1.0.0",
            repositoryOpts: { repo: "https://aws.github.io/eks-charts" },
          },
          { provider: cluster.k8sProvider },
        );
        gatewayService = new k8s.core.v1.Service(
          "gateway-svc",
          { metadata: { name: "nginx-gateway", namespace: "apps" } },
          { provider: cluster.k8sProvider },
        );
      }
      const e = new RegionalEdge("usw2-edge", {
        edge: config.edge,
        region,
        gateway: { listenPort: 8080, healthPath: "/healthz" },
        zoneId: "Z0MOCK",
        originVerifySecret: pulumi.secret("s3cret"),
        lbControllerRelease: release,
        gatewayService,
        thresholds: { errorRatePercent: 1, latencyP95Ms: 250 },
      });
      return { dns: e.albDnsName };
    },
  });
}

describe("RegionalEdge component (mock engine)", () => {
  it("without a gateway Service: builds the ALB side and no TargetGroupBinding", async () => {
    const r = await run(false);
    assert.equal(r.resources.filter((x) => x.type === "aws:lb/loadBalancer:LoadBalancer").length, 1);
    assert.deepEqual(
      r.resources.filter((x) => x.type.startsWith("kubernetes:") && x.name.startsWith("usw2-edge")).map((x) => x.name),
      [],
    );
    for (const x of r.resources.filter((y) => y.custom && y.type.startsWith("aws:")))
      assert.equal(x.region, "us-west-2", x.urn);
    assert.equal(r.outputs.dns, "platform-test-usw2-alb-1234567890.us-west-2.elb.amazonaws.com");
  });

  it("with a gateway Service: the binding waits for it, the LB controller (its CRD) and the cluster add-ons", async () => {
    const r = await run(true);
    const urn = (n: string) => r.resources.find((x) => x.name === n)!.urn;
    const tgb = r.resources.find((x) => x.name === "usw2-edge-gateway-tgb")!;
    assert.equal(tgb.type, "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding");
    assert.ok(tgb.provider?.endsWith("::platform-test-usw2-k8s"));
    assert.ok(tgb.dependencies.includes(urn("lb-controller")), "dependsOn the LB controller release");
    assert.ok(tgb.dependencies.includes(urn("addons")), "dependsOn the workload dependencies");
    assert.ok(tgb.dependencies.includes(urn("gateway-svc")), "dependsOn the gateway Service");
    assert.equal(
      (tgb.inputs.spec as { targetGroupARN: string }).targetGroupARN,
      "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/platform-test-usw2-gw/73e2d6bc24d8a067",
    );
  });

  it("uses the gateway's health path for targets and the edge health path for the health-checker rule", async () => {
    const r = await run(false);
    const tg = r.resources.find((x) => x.name === "usw2-edge-gateway-tg")!;
    assert.equal((tg.inputs.healthCheck as { path: string }).path, "/healthz");
    const rule = r.resources.find((x) => x.name === "usw2-edge-health-check")!;
    assert.deepEqual(rule.inputs.conditions, [
      { pathPattern: { values: ["/health"] } },
      { httpRequestMethod: { values: ["GET", "HEAD"] } },
    ]);
  });

  it("keeps access logs in a private, AES256, versioned, expiring bucket the ELB service may write to", async () => {
    const r = await run(false);
    const byName = (n: string) => r.resources.find((x) => x.name === n)!.inputs;
    assert.deepEqual(byName("usw2-edge-alb-logs-public-access"), {
      bucket: "usw2-edge-alb-logs-id",
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    assert.equal(
      (byName("usw2-edge-alb-logs-encryption").rules as any[])[0].applyServerSideEncryptionByDefault.sseAlgorithm,
      "AES256",
    );
    assert.equal((byName("usw2-edge-alb-logs-lifecycle").rules as any[])[0].expiration.days, 90);
    const policy = JSON.parse(byName("usw2-edge-alb-logs-policy").policy as string);
    // us-west-2 predates the log-delivery service principal: its ELB account writes the logs.
    assert.deepEqual(policy.Statement[0].Principal, { AWS: "arn:aws:iam::797873946194:root" });
    assert.equal(
      policy.Statement[0].Resource,
      "arn:aws:s3:::platform-test-usw2-alb-logs-123456789012/alb/AWSLogs/123456789012/*",
    );
    assert.equal((byName("usw2-edge-alb") as any).accessLogs.prefix, "alb");
    assert.deepEqual(byName("usw2-edge-alb-logs").tags, {
      Name: "platform-test-usw2-alb-logs-123456789012",
      "platform.io/purpose": "logs",
    });
  });

  it("defines every ALB alarm in one place, each publishing to the region's alarm topic", async () => {
    const r = await run(false);
    const alarms = r.resources
      .filter((x) => x.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
      .sort((a, b) => String(a.inputs.name).localeCompare(String(b.inputs.name)));
    assert.deepEqual(
      alarms.map((a) => a.inputs.name),
      [
        "platform-test-usw2-alb-5xx-rate",
        "platform-test-usw2-alb-elb-5xx",
        "platform-test-usw2-alb-latency-p95",
        "platform-test-usw2-alb-target-response-time",
      ],
    );
    for (const a of alarms) {
      assert.deepEqual(a.inputs.alarmActions, ["arn:aws:sns:us-west-2:123456789012:platform-test-usw2-alarms"], a.name);
      assert.deepEqual(a.inputs.okActions, ["arn:aws:sns:us-west-2:123456789012:platform-test-usw2-alarms"], a.name);
    }
    assert.equal(alarms[2].inputs.threshold, 0.25);
  });
});
