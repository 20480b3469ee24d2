/**
 * The metric names Jenkins' Prometheus plugin exports, read from jenkinsci/prometheus-plugin at
 * 852.v317db_5d17a_b_0 (317db5d, 2026-02-02), read 2026-12-07:
 * - collectors/BaseCollectorFactory and BaseMetricCollector build `<namespace>_<subsystem>_<prefix>_<name>`;
 *   util/ConfigurationUtils: subsystem "jenkins", namespace from env PROMETHEUS_NAMESPACE, else the
 *   plugin configuration's `defaultNamespace`, "default" (config/PrometheusConfiguration);
 * - ExecutorCollector: prefix "executors", one series per Jenkins label (label="<label>") for
 *   CollectorType EXECUTORS_AVAILABLE_GAUGE "available", EXECUTORS_QUEUE_LENGTH_GAUGE "queue_length",
 *   EXECUTORS_ONLINE_GAUGE "online" (LoadStatistics snapshots of that label);
 * - service/DefaultPrometheusMetrics also exports the Metrics plugin's Dropwizard registry, which is
 *   where the seed's `jenkins_queue_size_value` comes from (jenkinsci/metrics-plugin
 *   JenkinsMetricProviderImpl `jenkins.queue.size` + AutoSamplingHistogram `value`): the whole
 *   controller's queue, not one label's. `jenkins_executors_available_value` exists in neither:
 *   the Metrics plugin's gauge is `jenkins.executor.free.value` (jenkins_executor_free_value).
 * - PrometheusConfiguration: metrics are collected every COLLECTING_METRICS_PERIOD_IN_SECONDS (default 120).
 */
export const PROMETHEUS_PLUGIN = {
  version: "852.v317db_5d17a_b_0",
  source:
    "jenkinsci/prometheus-plugin 852.v317db_5d17a_b_0 (317db5d): collectors/CollectorType.java, ExecutorCollector.java",
  namespace: "default",
  executorsAvailable: "default_jenkins_executors_available",
  executorsOnline: "default_jenkins_executors_online",
  queueLength: "default_jenkins_executors_queue_length",
  /** From the Metrics plugin's Dropwizard registry: the controller's whole queue (what the seed named). */
  queueSizeAllLabels: "jenkins_queue_size_value",
  periodEnv: "COLLECTING_METRICS_PERIOD_IN_SECONDS",
} as const;

/** The seed's queries and what the plugin exports instead (docs/jenkins.md). */
export const SEED_QUERIES = {
  queue: { seed: "jenkins_queue_size_value", exported: true },
  available: { seed: "jenkins_executors_available_value", exported: false },
} as const;

const sumOr0 = (metric: string, label: string) => `(sum(${metric}{label="${label}"}) or vector(0))`;

/**
 * The agent pool's KEDA triggers. Queue: builds waiting for the pool's label, one agent per
 * `queueThreshold` of them. Executors: the seed's trigger on available executors, turned the
 * right way round: KEDA's AverageValue asks for ceil(value / threshold) replicas, so scaling on
 * available executors would add agents as they go idle. The query counts the executors in use
 * plus `spare` kept available (the seed's threshold 1), divided over `executors` per agent.
 */
export function agentScalingQueries(a: { label: string; executors: number; spare: number }) {
  const inUse = `${sumOr0(PROMETHEUS_PLUGIN.executorsOnline, a.label)} - ${sumOr0(PROMETHEUS_PLUGIN.executorsAvailable, a.label)}`;
  return {
    queue: sumOr0(PROMETHEUS_PLUGIN.queueLength, a.label),
    executors: `(${inUse} + ${a.spare}) / ${a.executors}`,
  };
}
