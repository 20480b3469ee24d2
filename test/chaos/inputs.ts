import type {
  CpuStressInput,
  NetworkDelayInput,
  PodFailureInput,
  PodKillInput,
} from "../../components/chaos/manifests";

/** One input of each experiment kind, shared by the builder and validation specs. */
export const SERVICES = ["frontend", "user-service", "activity-service", "notification-service"];
export const target = (service: string) => ({ namespace: "apps", service });

export const podFailure: PodFailureInput = {
  kind: "pod-failure",
  name: "pf-user",
  namespace: "apps",
  target: target("user-service"),
  percent: 20,
  duration: "30s",
  schedule: "@every 1h",
};
export const delay: NetworkDelayInput = {
  kind: "network-delay",
  name: "delay",
  namespace: "apps",
  target: target("activity-service"),
  latency: "250ms",
  duration: "2m",
  schedule: "@every 6h",
};
export const stress: CpuStressInput = {
  kind: "cpu-stress",
  name: "stress",
  namespace: "apps",
  target: target("user-service"),
  workers: 1,
  load: 80,
  duration: "5m",
  schedule: "@every 12h",
};
export const kill: PodKillInput = {
  kind: "pod-kill",
  name: "kill-gw",
  namespace: "apps",
  target: target("gateway"),
  duration: "30s",
  schedule: "0 */2 * * *",
};
