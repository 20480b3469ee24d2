import { strict as assert } from "assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { loadConfig, type PlatformConfig } from "../../components/config";
import type { ClusterHandle } from "../../components/cluster/types";
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

/** The one resource with this Pulumi name; fails the test if absent. */
export function named(resources: readonly PlanResource[], name: string): PlanResource {
  const found = resources.find((r) => r.name === name);
  assert.ok(found, `no resource named ${name}`);
  return found;
}

/** Engine settings for running one component alone: `runProgram({ ...ALONE, program })`. */
export const ALONE = { project: "platform", stack: "test", config: {} as Record<string, string> };
