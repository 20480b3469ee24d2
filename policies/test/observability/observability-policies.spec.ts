import { strict as assert } from "node:assert";
import { chaosScoped } from "../../kubernetes/chaos-scoped";
import {
  POD_MONITOR,
  PROMETHEUS_RULE,
  SERVICE_MONITOR,
  prometheusRuleLabel,
} from "../../kubernetes/prometheus-rule-label";
import { resourceArgs, runResource } from "../harness";

const rule = (labels: Record<string, string> = { release: "kube-prometheus-stack" }) => ({
  apiVersion: "monitoring.coreos.com/v1",
  kind: "PrometheusRule",
  metadata: { name: "platform-alerts", namespace: "monitoring", labels },
  spec: { groups: [{ name: "g", rules: [{ alert: "A", expr: "1", for: "1m" }] }] },
});

describe("policies: observability", () => {
  describe("k8s-prometheus-rule-label", () => {
    let policy: ReturnType<typeof prometheusRuleLabel>;
    beforeEach(() => {
      policy = prometheusRuleLabel();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a PrometheusRule, ServiceMonitor and PodMonitor with release: kube-prometheus-stack", () => {
      for (const type of [PROMETHEUS_RULE, SERVICE_MONITOR, POD_MONITOR])
        assert.deepEqual(runResource(policy, resourceArgs(type, rule())).messages, [], type);
    });
    it("reports a PrometheusRule without the label", () =>
      assert.deepEqual(runResource(policy, resourceArgs(PROMETHEUS_RULE, rule({ app: "x" }))).messages, [
        'PrometheusRule monitoring/platform-alerts has label release=(missing); Prometheus only selects release="kube-prometheus-stack", so it would be silently ignored',
      ]));
    it("reports a ServiceMonitor labelled for another release", () =>
      assert.deepEqual(runResource(policy, resourceArgs(SERVICE_MONITOR, rule({ release: "prometheus" }))).messages, [
        'ServiceMonitor monitoring/platform-alerts has label release="prometheus"; Prometheus only selects release="kube-prometheus-stack", so it would be silently ignored',
      ]));
    it("follows a configured release name", () =>
      assert.deepEqual(
        runResource(policy, resourceArgs(PROMETHEUS_RULE, rule({ release: "kps" }), { config: { labelValue: "kps" } }))
          .messages,
        [],
      ));
    it("ignores other types", () =>
      assert.deepEqual(
        runResource(policy, resourceArgs("kubernetes:core/v1:ConfigMap", { metadata: {} })).messages,
        [],
      ));
  });

  describe("k8s-chaos-scoped", () => {
    let policy: ReturnType<typeof chaosScoped>;
    beforeEach(() => {
      policy = chaosScoped();
    });
    const SCHEDULE = "kubernetes:chaos-mesh.org/v1alpha1:Schedule";
    const POD_CHAOS = "kubernetes:chaos-mesh.org/v1alpha1:PodChaos";
    const NETWORK_CHAOS = "kubernetes:chaos-mesh.org/v1alpha1:NetworkChaos";
    const selector = () => ({ namespaces: ["apps"], labelSelectors: { "app.kubernetes.io/name": "user-service" } });
    const podChaos = () => ({
      action: "pod-failure",
      mode: "fixed-percent",
      value: "20",
      duration: "30s",
      selector: selector(),
    });
    const schedule = (change: (s: any) => void = () => {}) => {
      const s: any = {
        apiVersion: "chaos-mesh.org/v1alpha1",
        kind: "Schedule",
        metadata: { name: "chaos-pod-failure", namespace: "apps" },
        spec: {
          schedule: "@every 1h",
          type: "PodChaos",
          concurrencyPolicy: "Forbid",
          historyLimit: 3,
          podChaos: podChaos(),
        },
      };
      change(s);
      return s;
    };
    const messages = (type: string, props: any) => runResource(policy, resourceArgs(type, props)).messages;

    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a scoped Schedule, a scoped PodChaos and a NetworkChaos with a scoped target", () => {
      assert.deepEqual(messages(SCHEDULE, schedule()), []);
      assert.deepEqual(messages(POD_CHAOS, { metadata: { name: "p", namespace: "apps" }, spec: podChaos() }), []);
      const net = {
        action: "delay",
        mode: "all",
        direction: "to",
        duration: "2m",
        selector: selector(),
        target: { mode: "all", selector: selector() },
        delay: { latency: "100ms" },
      };
      assert.deepEqual(messages(NETWORK_CHAOS, { metadata: { name: "n", namespace: "apps" }, spec: net }), []);
    });
    it("reports a Schedule whose experiment has no namespaces", () =>
      assert.deepEqual(
        messages(
          SCHEDULE,
          schedule((s) => {
            s.spec.podChaos.selector.namespaces = [];
          }),
        ),
        [
          "Schedule apps/chaos-pod-failure: spec.podChaos.selector.namespaces is empty; an experiment must be scoped to namespaces, never cluster-wide",
        ],
      ));
    it("reports a Schedule whose experiment selects no pods by label", () =>
      assert.deepEqual(
        messages(
          SCHEDULE,
          schedule((s) => {
            s.spec.podChaos.selector = { namespaces: ["apps"] };
          }),
        ),
        [
          "Schedule apps/chaos-pod-failure: spec.podChaos.selector selects no pods by label; select the target service's pods, not the whole namespace",
        ],
      ));
    it("reports a Schedule whose experiment has no duration", () =>
      assert.deepEqual(
        messages(
          SCHEDULE,
          schedule((s) => {
            delete s.spec.podChaos.duration;
          }),
        ),
        ["Schedule apps/chaos-pod-failure: spec.podChaos.duration is missing; every experiment must end on its own"],
      ));
    it("reports a Schedule without the embedded spec its type names", () =>
      assert.deepEqual(
        messages(
          SCHEDULE,
          schedule((s) => {
            s.spec.type = "StressChaos";
          }),
        ),
        [
          'Schedule apps/chaos-pod-failure: spec.stressChaos is missing for type "StressChaos"; the scheduled experiment cannot be checked',
        ],
      ));
    it("reports a cluster-wide PodChaos (empty selector) and an unscoped NetworkChaos target", () => {
      assert.deepEqual(
        messages(POD_CHAOS, { metadata: { name: "p", namespace: "apps" }, spec: { ...podChaos(), selector: {} } }),
        [
          "PodChaos apps/p: spec.selector.namespaces is empty; an experiment must be scoped to namespaces, never cluster-wide",
          "PodChaos apps/p: spec.selector selects no pods by label; select the target service's pods, not the whole namespace",
        ],
      );
      const net = {
        action: "delay",
        mode: "all",
        direction: "to",
        duration: "2m",
        selector: selector(),
        target: { mode: "all", selector: { labelSelectors: { a: "b" } } },
      };
      assert.deepEqual(messages(NETWORK_CHAOS, { metadata: { name: "n", namespace: "apps" }, spec: net }), [
        "NetworkChaos apps/n: spec.target.selector.namespaces is empty; an experiment must be scoped to namespaces, never cluster-wide",
      ]);
    });
    it("accepts pods named per namespace as a scope", () =>
      assert.deepEqual(
        messages(POD_CHAOS, {
          metadata: { name: "p", namespace: "apps" },
          spec: { ...podChaos(), selector: { pods: { apps: ["user-service-0"] } } },
        }),
        [],
      ));
    it("is not applicable to Workflows", () =>
      assert.equal(
        runResource(policy, resourceArgs("kubernetes:chaos-mesh.org/v1alpha1:Workflow", { spec: {} })).notApplicable,
        "Workflow is not an experiment",
      ));
  });
});
