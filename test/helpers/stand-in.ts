import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { loadConfig, type PlatformConfig } from "../../components/config";
import type { ClusterHandle } from "../../components/cluster/types";
import { createAlarmTopic } from "../../components/observability/alarm-topic";
import type { RegionContext } from "../../components/region-context";
import type { PlanResource } from "../../tools/engine/run";

/** A validated config from plain section values, the way a stack file would give them. */
export function testConfig(raw: Record<string, unknown>, stack = "test"): PlatformConfig {
  const flat = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [`platform:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  return loadConfig(flat, { project: "platform", stack });
}

/**
 * A ClusterHandle without EKS, for running one component alone on the mock
 * engine. Call inside a program: it registers a k8s provider and a stand-in
 * add-on that `workloadDependencies` points at.
 */
export function standInCluster(name: string): ClusterHandle {
  const k8sProvider = new k8s.Provider(`${name}-k8s`, { kubeconfig: "{}" });
  const addon = new k8s.core.v1.ConfigMap(
    "addons",
    { metadata: { name: "addons", namespace: "kube-system" } },
    { provider: k8sProvider },
  );
  return { name, k8sProvider, clusterSecurityGroupId: pulumi.output("sg-1"), workloadDependencies: [addon] };
}

/**
 * A RegionContext without a Region component, for running one component alone on the mock
 * engine. Call inside a program: it registers the region's aws.Provider (`usw2` style name from
 * `providerName`), a stand-in cluster, the real alarm topic (`<short>-alarms`, with `emails`
 * subscribed) and a stand-in NodePool.
 */
export function standInRegion(
  opts: { name?: string; short?: string; physicalName?: string; emails?: string[]; vpcCidr?: string } = {},
): RegionContext {
  const name = opts.name ?? "us-west-2";
  const short = opts.short ?? "usw2";
  const physicalName = opts.physicalName ?? `platform-test-${short}`;
  const vpcCidr = opts.vpcCidr ?? "10.1.0.0/16";
  const provider = new aws.Provider(short, { region: name as aws.Region });
  const cluster = standInCluster(physicalName);
  const nodePool = new k8s.apiextensions.CustomResource(
    "nodepool",
    { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "general-purpose" }, spec: {} },
    { provider: cluster.k8sProvider },
  );
  const alarmTopic = createAlarmTopic(short, { physicalName, emails: opts.emails ?? [] }, { provider });
  return {
    name,
    config: { name, vpcCidr, availabilityZones: [`${name}a`, `${name}b`], isPrimary: true },
    physicalName,
    provider,
    vpc: {
      vpcId: pulumi.output("vpc-1"),
      cidrBlock: vpcCidr,
      publicSubnetIds: [pulumi.output("subnet-a"), pulumi.output("subnet-b")],
      privateSubnetIds: [pulumi.output("subnet-c"), pulumi.output("subnet-d")],
      databaseSubnetIds: [pulumi.output("subnet-e"), pulumi.output("subnet-f")],
      privateSubnetCidrs: ["10.1.32.0/19", "10.1.64.0/19"],
    },
    cluster,
    nodePools: [nodePool],
    alarmTopic,
    parent: new pulumi.ComponentResource("platform:test:Region", short),
  };
}

/** The one resource with this Pulumi name; fails the test if absent. */
export function named(resources: readonly PlanResource[], name: string): PlanResource {
  const found = resources.find((r) => r.name === name);
  assert.ok(found, `no resource named ${name}`);
  return found;
}

/** Engine settings for running one component alone: `runProgram({ ...ALONE, program })`. */
export const ALONE = { project: "platform", stack: "test", config: {} as Record<string, string> };
