import { strict as assert } from "assert";
import {
  ABORT_ALERTS,
  ABORT_CHECK,
  abortCheckUrl,
  abortQuery,
  productionPodFailure,
} from "../../components/chaos/production";
import { DEFAULT_STEADY_STATE } from "../../components/chaos/manifests";
import { PROMETHEUS_RELEASE } from "../../components/k8s-names";
import { renderSloRules } from "../../components/observability/slo";
import { evaluateFlows } from "../../tools/flows";
import { mandatoryViolations } from "../../tools/plan-lib";
import { ofType, planFor, planWith } from "../helpers/plan";

const SCHEDULE = "kubernetes:chaos-mesh.org/v1alpha1:Schedule";
const QUERY =
  'vector(1) + on() (ALERTS{alertname=~"SLOAvailabilityFastBurn|SLOLatencyFastBurn",alertstate="firing",' +
  'destination_service_namespace="apps"} or vector(0))';

describe("production chaos (seed 002: pod-failure 20 %, 30 s, hourly; opt-in, aborted by the SLO burn alerts)", () => {
  const s = productionPodFailure({
    namespace: "apps",
    target: "user-service",
    percent: 20,
    duration: "30s",
    schedule: "@every 1h",
  });
  const templates = new Map((s.spec.workflow.templates as any[]).map((t) => [t.name, t]));

  it("is a Schedule of type Workflow: Serial(pre-check, Parallel(continuous check, PodChaos)), both checks aborting", () => {
    assert.deepEqual(
      [s.apiVersion, s.kind, s.spec.type, s.spec.schedule, s.spec.concurrencyPolicy],
      ["chaos-mesh.org/v1alpha1", "Schedule", "Workflow", "@every 1h", "Forbid"],
    );
    const entry = templates.get(s.spec.workflow.entry);
    assert.deepEqual([entry.templateType, entry.children], ["Serial", ["steady-state-before", "run"]]);
    assert.deepEqual(templates.get("run").children, ["abort-check", "pod-failure"]);
    const [pre, during] = [templates.get("steady-state-before"), templates.get("abort-check")];
    assert.deepEqual(
      [pre.templateType, pre.abortWithStatusCheck, pre.statusCheck.mode, pre.deadline],
      ["StatusCheck", true, "Synchronous", "10s"],
    );
    assert.deepEqual(
      [during.templateType, during.abortWithStatusCheck, during.statusCheck.mode, during.deadline],
      ["StatusCheck", true, "Continuous", "30s"],
    );
    const fault = templates.get("pod-failure");
    assert.deepEqual(
      [fault.templateType, fault.deadline, fault.podChaos.action, fault.podChaos.mode, fault.podChaos.value],
      ["PodChaos", "30s", "pod-failure", "fixed-percent", "20"],
    );
  });

  it("the checks query the in-cluster Prometheus for the burn alerts; only status 200 (no alert firing) passes", () => {
    for (const name of ["steady-state-before", "abort-check"]) {
      const check = templates.get(name).statusCheck;
      assert.deepEqual(
        [check.type, check.intervalSeconds, check.timeoutSeconds, check.failureThreshold, check.successThreshold],
        ["HTTP", ABORT_CHECK.intervalSeconds, 2, 1, 1],
      );
      assert.deepEqual(check.http.criteria, { statusCode: "200" });
      assert.equal(check.http.method, "GET");
      const url = new URL(check.http.url);
      // kube-prometheus-stack 79.9.0: Service <fullname>-prometheus (fullname = release name when it
      // contains the chart name), port prometheus.service.port = 9090.
      assert.equal(url.host, `${PROMETHEUS_RELEASE}-prometheus.monitoring.svc:9090`);
      assert.equal(url.pathname, "/api/v1/query");
      assert.equal(url.searchParams.get("query"), QUERY);
    }
    assert.equal(abortCheckUrl(abortQuery(ABORT_ALERTS, "apps")), templates.get("abort-check").statusCheck.http.url);
  });

  it("steady-state kind: names the same alerts the abort reads, which are fast-burn SLO alerts grouped per service", () => {
    assert.deepEqual(s.metadata.annotations, {
      "platform.io/hypothesis": "steady-state",
      "platform.io/steady-state": "SLOAvailabilityFastBurn,SLOLatencyFastBurn",
    });
    assert.deepEqual([...ABORT_ALERTS], [...DEFAULT_STEADY_STATE["pod-failure"]]);
    const rules = renderSloRules()[1].rules;
    for (const alert of ABORT_ALERTS) {
      const r = rules.find((x) => x.alert === alert)!;
      assert.ok(r, `${alert} is rendered`);
      // The ALERTS series carries destination_service_namespace only if the expression keeps it.
      assert.match(r.expr, /slo:sli_error:ratio_rate/);
    }
  });

  it("prod: off by default", async () => {
    const { plan } = await planFor("prod");
    assert.equal(ofType(plan, SCHEDULE).length, 0);
  });

  it("prod opted in: one guarded Workflow per target and region, the abort path to Prometheus holds, no mandatory violations", async () => {
    const { plan, error } = await planWith("prod", { chaos: { production: { enabled: true } } });
    assert.equal(error, undefined, error?.message);
    const { config } = await planFor("prod");
    const schedules = ofType(plan!, SCHEDULE);
    assert.equal(schedules.length, 3 * config.regions.length);
    for (const x of schedules) assert.equal((x.inputs.spec as any).type, "Workflow", x.name);
    // Chaos Mesh filters namespaces: without the annotation the PodChaos would select no pod.
    const apps = ofType(plan!, "kubernetes:core/v1:Namespace").filter(
      (n) => (n.inputs.metadata as any).name === "apps",
    );
    assert.equal(apps.length, config.regions.length);
    for (const n of apps) assert.equal((n.inputs.metadata as any).annotations?.["chaos-mesh.org/inject"], "enabled");
    const abort = plan!.flows.filter((f) => f.requirement === "chaos-abort-prometheus");
    assert.deepEqual(
      abort.map((f) => [f.from, f.to, f.port, f.ok]),
      config.regions.map((r) => [`${r.name} chaos-controller-manager`, `${r.name} Prometheus`, 9090, true]),
    );
    assert.deepEqual(mandatoryViolations(plan!), []);

    // The flow check is live: a default-deny ingress policy in monitoring breaks the abort path.
    const deny = {
      urn: "urn:test::deny",
      type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      name: "deny",
      custom: true,
      parent: schedules[0].parent, // under the region's component: the cluster is found from it
      provider: schedules[0].provider,
      region: null,
      inputs: {
        metadata: { name: "default-deny", namespace: "monitoring" },
        spec: { podSelector: {}, policyTypes: ["Ingress"] },
      },
      dependencies: [],
    };
    // Prometheus' own policy (its query clients) removed, so only the namespace's default-deny decides.
    const unopened = plan!.resources.filter((r) => !r.name.endsWith("-observability-netpol-prometheus"));
    const broken = evaluateFlows([...unopened, deny] as never).filter(
      (f) => f.requirement === "chaos-abort-prometheus" && !f.ok,
    );
    assert.ok(broken.length >= 1, "a monitoring default-deny must break the abort path");
    assert.match(broken[0].reason!, /^\S+ chaos-controller-manager -> \S+ Prometheus: .*default-deny/);
  });

  it("a target that is not a web service is a config error naming the key", async () => {
    const { error } = await planWith("prod", { chaos: { production: { enabled: true, targets: ["worker-x"] } } }).catch(
      (e: Error) => ({ error: e }),
    );
    assert.match(
      String(error?.message),
      /platform:chaos\.production\.targets\[0\]: got "worker-x"; expected a configured web service/,
    );
  });
});
