// The workloads plan that manifests.spec.ts, manifests-autoscaling.spec.ts and manifests-network.spec.ts share.
import { strict as assert } from "assert";
import { planWorkloads, type Manifest, type WorkloadPlan } from "../../components/workloads/manifests";
import { seedConfig } from "./fixtures";

export const QUEUE = "https://sqs.us-west-2.amazonaws.com/123456789012/platform-prod-usw2-jobs";
export const config = seedConfig();
export const build = (extra: Partial<Parameters<typeof planWorkloads>[0]> = {}): WorkloadPlan =>
  planWorkloads({
    services: config.services,
    gateway: config.gateway,
    autoscaling: config.autoscaling,
    region: "us-west-2",
    vpcCidr: "10.1.0.0/16",
    queueUrl: QUEUE,
    ...extra,
  });
export const plan = build();
// The seed web services scale through KEDA on mesh telemetry, and config refuses a plain HPA on a web
// service (config/sections/autoscaling-rules.ts); the planner's HPA path stays covered on a frontend
// given an HPA directly.
const hpaPlan = build({
  services: config.services.map((s) =>
    s.name === "frontend"
      ? { ...s, autoscaling: { hpa: { minReplicas: 3, maxReplicas: 10, cpuPercent: 70, memoryPercent: 80 } } }
      : s,
  ),
});
export const frontendHpa = (): Manifest =>
  structuredClone(
    hpaPlan.manifests.find(
      (m) => m.manifest.kind === "HorizontalPodAutoscaler" && m.manifest.metadata.name === "frontend",
    )!.manifest,
  );
export const all = (): Manifest[] => [plan.namespace.manifest, ...plan.manifests.map((m) => m.manifest)];
export const find = (kind: string, name: string): Manifest => {
  const m = all().find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(m, `${kind} ${name} not planned`);
  return m;
};
export const container = (d: Manifest, name = "app") =>
  d.spec.template.spec.containers.find((c: Manifest) => c.name === name);
