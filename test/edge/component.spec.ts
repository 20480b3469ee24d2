import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../../components/cluster/types";
import { loadConfig } from "../../components/config";
import { RegionalEdge } from "../../components/edge/regional";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { ALONE, standInCluster } from "../helpers/stand-in";

const config = loadConfig(
  {
    "platform:environment": "prod",
    "platform:regions": JSON.stringify([{ name: "us-west-2", vpcCidr: "10.1.0.0/16" }]),
  },
  { project: "platform", stack: "test" },
);

/** RegionalEdge alone on the mock engine, optionally with a stand-in cluster and LB controller release. */
function run(withCluster: boolean): Promise<ProgramRun> {
  return runProgram({
    ...ALONE,
    program: () => {
      const provider = new aws.Provider("usw2", { region: "us-west-2" });
      let cluster: ClusterHandle | undefined;
      let release: pulumi.Resource | undefined;
      if (withCluster) {
        cluster = standInCluster("platform-test-usw2");
        release = new k8s.helm.v3.Release(
          "lb-controller",
          {
            chart: "aws-load-balancer-controller",
            version: "1.0.0",
            repositoryOpts: { repo: "https://aws.github.io/eks-charts" },
          },
          { provider: cluster.k8sProvider },
        );
      }
      const e = new RegionalEdge("usw2-edge", {
        edge: config.edge,
        region: "us-west-2",
        physicalName: "platform-test-usw2",
        gateway: { listenPort: 8080, healthPath: "/healthz" },
        vpc: { vpcId: "vpc-1", publicSubnetIds: ["subnet-a", "subnet-b"], cidrBlock: "10.1.0.0/16" },
        provider,
        zoneId: "Z0MOCK",
        originVerifySecret: pulumi.secret("s3cret"),
        cluster,
        lbControllerRelease: release,
      });
      return { dns: e.albDnsName };
    },
  });
}

describe("RegionalEdge component (mock engine)", () => {
  it("without a cluster: builds the ALB side and no TargetGroupBinding", async () => {
    const r = await run(false);
    assert.equal(r.resources.filter((x) => x.type === "aws:lb/loadBalancer:LoadBalancer").length, 1);
    assert.equal(r.resources.filter((x) => x.type.startsWith("kubernetes:")).length, 0);
    for (const x of r.resources.filter((y) => y.custom && y.type.startsWith("aws:")))
      assert.equal(x.region, "us-west-2", x.urn);
    assert.equal(r.outputs.dns, "platform-test-usw2-alb-1234567890.us-west-2.elb.amazonaws.com");
  });

  it("with a cluster: the binding waits for the LB controller (its CRD) and the cluster add-ons", async () => {
    const r = await run(true);
    const urn = (n: string) => r.resources.find((x) => x.name === n)!.urn;
    const tgb = r.resources.find((x) => x.name === "usw2-edge-gateway-tgb")!;
    assert.equal(tgb.type, "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding");
    assert.ok(tgb.provider?.endsWith("::platform-test-usw2-k8s"));
    assert.ok(tgb.dependencies.includes(urn("lb-controller")), "dependsOn the LB controller release");
    assert.ok(tgb.dependencies.includes(urn("addons")), "dependsOn the workload dependencies");
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
});
