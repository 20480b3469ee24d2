import { strict as assert } from "assert";
import type { PlatformConfig } from "../../components/config";
import { CHARTS } from "../../components/charts";
import { Chaos } from "../../components/chaos/component";
import { chaosMeshValues } from "../../components/chaos/values";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { ALONE, standInCluster, testConfig } from "../helpers/stand-in";
import { scheduleSchema } from "./chaos-mesh-schema";

function config(overrides: Record<string, unknown> = {}): PlatformConfig {
  return testConfig({ environment: "dev", regions: [{ name: "us-east-1", vpcCidr: "10.10.0.0/16" }], ...overrides });
}

function run(cfg: PlatformConfig): Promise<ProgramRun> {
  return runProgram({
    ...ALONE,
    program: () => {
      const cluster = standInCluster("platform-test-use1");
      new Chaos("use1-chaos", { config: cfg, region: { cluster, vpc: { cidrBlock: "10.20.0.0/16" } } });
      return {};
    },
  });
}

describe("Chaos component (mock engine)", () => {
  let r: ProgramRun;
  before(async () => {
    r = await run(config());
  });
  const ofType = (t: string) => r.resources.filter((x) => x.type === t).sort((a, b) => a.name.localeCompare(b.name));
  const schedule = (k8sName: string) =>
    r.resources.find((x) => x.name === `use1-chaos-${k8sName.replace(/^chaos-/, "")}`)!;
  const release = () => r.resources.find((x) => x.name === "use1-chaos-chaos-mesh")!;

  it("installs the pinned Chaos Mesh chart for containerd with the dashboard in security mode", () => {
    const rel = release();
    assert.equal(rel.type, "kubernetes:helm.sh/v3:Release");
    assert.deepEqual(
      [rel.inputs.chart, rel.inputs.version, rel.inputs.namespace],
      ["chaos-mesh", CHARTS.chaosMesh.version, "chaos-mesh"],
    );
    assert.match(CHARTS.chaosMesh.version, /^2\.8\.\d+$/);
    const v = rel.inputs.values as any;
    assert.deepEqual(v.chaosDaemon, { runtime: "containerd", socketPath: "/run/containerd/containerd.sock" });
    assert.equal(v.dashboard.securityMode, true);
    assert.deepEqual(v.controllerManager.nodeSelector, { "platform.io/node-role": "system" });
    assert.equal(v.controllerManager.replicaCount, 1);
    assert.equal(
      (chaosMeshValues({ controllerReplicas: 3 }).controllerManager as { replicaCount: number }).replicaCount,
      3,
    );
  });

  it("creates one Schedule per experiment from config, each after the release and schema-valid", () => {
    const schedules = ofType("kubernetes:chaos-mesh.org/v1alpha1:Schedule");
    assert.deepEqual(
      schedules.map((s) => (s.inputs.metadata as any).name),
      [
        "chaos-cpu-stress-user-service",
        "chaos-delay-activity-service",
        "chaos-pod-failure-activity-service",
        "chaos-pod-failure-notification-service",
        "chaos-pod-failure-user-service",
        "chaos-pod-kill-nginx-gateway",
      ],
    );
    for (const s of schedules) {
      assert.ok(s.dependencies.includes(release().urn), `${s.name} depends on the release`);
      const parsed = scheduleSchema.safeParse({
        apiVersion: "chaos-mesh.org/v1alpha1",
        kind: "Schedule",
        metadata: s.inputs.metadata,
        spec: s.inputs.spec,
      });
      assert.ok(parsed.success, `${s.name}: ${JSON.stringify(parsed.error?.issues)}`);
    }
  });

  it("runs pod-failure on 20% of pods for 30s every hour (seed 002), annotated with the alert it exercises", () => {
    const s = schedule("chaos-pod-failure-user-service").inputs as any;
    assert.equal(s.spec.schedule, "@every 1h");
    assert.deepEqual(
      [s.spec.podChaos.mode, s.spec.podChaos.value, s.spec.podChaos.duration],
      ["fixed-percent", "20", "30s"],
    );
    assert.deepEqual(s.spec.podChaos.selector, {
      namespaces: ["apps"],
      labelSelectors: { "app.kubernetes.io/name": "user-service" },
    });
    // 30 s outlasts no alert: it claims the SLO holds (steady state), not that an alert fires.
    assert.deepEqual(s.metadata.annotations, {
      "platform.io/hypothesis": "steady-state",
      "platform.io/steady-state": "SLOAvailabilityFastBurn,SLOLatencyFastBurn",
    });
  });

  it("selects pods by the workloads' name label: the delayed service's own pods, the gateway for pod-kill", () => {
    const [delay, kill] = ["chaos-delay-activity-service", "chaos-pod-kill-nginx-gateway"].map(
      (n) => schedule(n).inputs.spec as any,
    );
    assert.deepEqual(delay.networkChaos.selector.labelSelectors, { "app.kubernetes.io/name": "activity-service" });
    assert.equal(delay.networkChaos.target, undefined);
    assert.deepEqual(kill.podChaos.selector.labelSelectors, { "app.kubernetes.io/name": "nginx-gateway" });
  });

  it("labels the chaos-mesh namespace privileged (chaos-daemon needs hostPID and privilege)", () => {
    const ns = ofType("kubernetes:core/v1:Namespace")[0];
    assert.equal((ns.inputs.metadata as any).labels["pod-security.kubernetes.io/enforce"], "privileged");
  });

  it("fails listing every problem when an experiment is invalid", async () => {
    const base = config();
    const bad = {
      ...base,
      chaos: { ...base.chaos, podFailure: { ...base.chaos.podFailure, percent: 0, targets: ["ghost"] } },
    } as PlatformConfig;
    await assert.rejects(run(bad), (e: Error) => {
      assert.match(e.message, /platform:chaos\.podFailure\.targets\[0\]: got "ghost"; expected a configured service/);
      assert.match(
        e.message,
        /platform:chaos\.podFailure\.percent: got 0; expected an integer percentage between 1 and 100/,
      );
      return true;
    });
  });
});
