import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { installAddon } from "../addons/addon";
import { K6_OPERATOR, k6OperatorValues } from "../addons/k6-operator";
import type { PlatformConfig } from "../config/types";
import type { RegionContext } from "../region-context";
import { LOADTEST_NAMESPACE, SCRIPT_CONFIGMAP, SCRIPT_FILE, k6Script, planLoadTests } from "./plan";

export interface LoadTestsArgs {
  /** Validated stack config: `loadTests` (scenarios) and `services` (the paths the script requests). */
  config: Pick<PlatformConfig, "loadTests" | "services">;
  region: Pick<RegionContext, "name" | "cluster">;
  /** The apps namespace and the Prometheus release (remote-write receiver) must exist first. */
  dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** k6-operator and seed 002's TestRuns in one region. Created only when `loadTests.enabled`. */
export class LoadTests extends pulumi.ComponentResource {
  public readonly testRuns: string[];

  constructor(name: string, args: LoadTestsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:loadtest:LoadTests", name, {}, opts);
    const kp = { parent: this, provider: args.region.cluster.k8sProvider };
    const runs = planLoadTests(args.config.loadTests.scenarios, args.region.name);
    const paths = args.config.services.filter((s) => s.kind === "web").flatMap((s) => s.routes.slice(0, 1));

    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: LOADTEST_NAMESPACE,
          // Baseline enforced: the operator's runner pods set no restricted-level securityContext.
          labels: {
            "pod-security.kubernetes.io/enforce": "baseline",
            "pod-security.kubernetes.io/warn": "restricted",
            "app.kubernetes.io/managed-by": "pulumi",
          },
        },
      },
      kp,
    );
    const release = installAddon(
      `${name}-k6-operator`,
      K6_OPERATOR,
      {
        values: k6OperatorValues(),
        namespace: namespace.metadata.name,
        dependsOn: args.region.cluster.workloadDependencies,
      },
      kp,
    );
    const script = new k8s.core.v1.ConfigMap(
      `${name}-script`,
      {
        metadata: { name: SCRIPT_CONFIGMAP, namespace: namespace.metadata.name },
        data: { [SCRIPT_FILE]: k6Script(paths) },
      },
      kp,
    );
    for (const run of runs)
      new k8s.apiextensions.CustomResource(
        `${name}-${run.metadata.name}`,
        { apiVersion: run.apiVersion, kind: run.kind, metadata: run.metadata, spec: run.spec },
        { ...kp, dependsOn: [release, script, ...(args.dependsOn ?? [])] },
      );
    this.testRuns = runs.map((r) => r.metadata.name);
    this.registerOutputs({});
  }
}
