/**
 * Everything the Mesh component creates, as plain values: chart values, the apps namespace's
 * mesh objects and the monitors. Checks the facts of the pinned release before anything exists.
 */
import type { Environment, GatewayConfig, MeshConfig, ServiceConfig } from "../config/types";
import { appsNamespaceLabels, meshManifests, poolDemandOf, type Manifest, type MeshManifest } from "./manifests";
import { derivePool, poolProblems, type PoolDemand } from "./pool";
import { isProtobufDuration } from "../config/primitives";
import { meshMonitors } from "./monitors";
import { istioValues, unknownValuePaths, type IstioChart, type Values } from "./values";
import { ISTIO_KUBERNETES_VERSIONS, ISTIO_PLATFORM_PROFILES, ISTIO_VERSION } from "./versions";

export interface MeshPlanInput {
  mesh: MeshConfig;
  environment: Environment;
  services: readonly ServiceConfig[];
  gateway: GatewayConfig;
  vpcCidr: string;
  albSubnetCidrs?: readonly string[];
  loadTestRunners?: boolean;
  /** The demand the waypoint's connection pool is sized for (components/mesh/pool.ts). */
  pool?: Omit<PoolDemand, "waypointMinReplicas">;
  /** The cluster's Kubernetes minor, e.g. "1.34". */
  kubernetesVersion: string;
  /** Istio's tracing extension provider (components/tracing); omitted: no tracing. */
  tracingProvider?: Values;
}

export interface MeshPlan {
  values: Record<IstioChart, Values>;
  manifests: MeshManifest[];
  monitors: Manifest[];
  namespaceLabels: Record<string, string>;
}

/** Problems that would only show at `helm install` or in a crash-looping pod, as readable lines. */
export function meshPlanProblems(input: MeshPlanInput, values: Record<IstioChart, Values>): string[] {
  const problems: string[] = [...poolProblems(input.mesh.connectionPool, derivePool(poolDemandOf(input)))];
  if (!(ISTIO_KUBERNETES_VERSIONS as readonly string[]).includes(input.kubernetesVersion))
    problems.push(
      `platform:cluster.kubernetesVersion: got ${JSON.stringify(input.kubernetesVersion)}; expected one Istio ` +
        `${ISTIO_VERSION} supports (${ISTIO_KUBERNETES_VERSIONS.join(", ")})`,
    );
  for (const chart of Object.keys(values) as IstioChart[]) {
    problems.push(...unknownValuePaths(chart, values[chart]));
    const platform = values[chart].global?.platform ?? values[chart].platform;
    if (platform !== undefined && !(ISTIO_PLATFORM_PROFILES as readonly string[]).includes(platform))
      problems.push(
        `${chart} values: global.platform ${JSON.stringify(platform)} has no profile in the chart ` +
          `(${ISTIO_PLATFORM_PROFILES.join(", ")}); helm install fails with "unknown platform"`,
      );
  }
  return problems;
}

/** Every protobuf Duration the mesh renders (Istio's CRDs parse them as google.protobuf.Duration, at least 1ms). */
export function durationProblems(manifests: readonly MeshManifest[]): string[] {
  const out: string[] = [];
  for (const { manifest: m } of manifests) {
    const od = m.kind === "DestinationRule" ? m.spec.trafficPolicy?.outlierDetection : undefined;
    const routes = m.kind === "VirtualService" ? (m.spec.http ?? []) : [];
    const values: [string, unknown][] = [
      ...(od
        ? ([
            ["outlierDetection.interval", od.interval],
            ["outlierDetection.baseEjectionTime", od.baseEjectionTime],
          ] as [string, unknown][])
        : []),
      ...routes.flatMap(
        (r: { timeout?: unknown; retries?: { perTryTimeout?: unknown } }, i: number): [string, unknown][] => [
          [`http[${i}].timeout`, r.timeout],
          [`http[${i}].retries.perTryTimeout`, r.retries?.perTryTimeout],
        ],
      ),
    ];
    for (const [path, v] of values)
      if (v !== undefined && !(typeof v === "string" && isProtobufDuration(v)))
        out.push(
          `${m.kind} ${m.metadata.name} ${path}: got ${JSON.stringify(v)}; expected a protobuf Duration of at least 1ms like "30s"`,
        );
  }
  return out;
}

/** The mesh of one cluster. Throws with every problem at once. */
export function planMesh(input: MeshPlanInput): MeshPlan {
  const values = istioValues({
    mesh: input.mesh,
    environment: input.environment,
    tracingProvider: input.tracingProvider,
  });
  const manifests = meshManifests(input);
  const problems = [...meshPlanProblems(input, values), ...durationProblems(manifests)];
  if (problems.length > 0)
    throw new Error(`Invalid mesh plan (${problems.length} problem(s)):\n  - ${problems.join("\n  - ")}`);
  return {
    values,
    manifests,
    monitors: meshMonitors(),
    namespaceLabels: appsNamespaceLabels(),
  };
}
