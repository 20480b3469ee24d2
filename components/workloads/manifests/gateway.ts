import { createHash } from "crypto";
import * as path from "path";
import type { AutoscalingConfig, GatewayConfig, ServiceConfig } from "../../config/types";
import { GATEWAY_SERVICE } from "../../k8s-names";
import { defaultGatewayPlan, renderNginxConf, type GatewayPlan, type GatewayService } from "../nginx";
import {
  APPS_NAMESPACE,
  commonLabels,
  containerSecurityContext,
  imageVersion,
  metadata,
  podSecurityContext,
  selectorLabels,
  topologySpread,
  type Manifest,
} from "./common";
import { hpaManifest, type HpaSettings } from "./autoscaling";

export const GATEWAY_NAME = GATEWAY_SERVICE.name;
export const GATEWAY_CONFIGMAP = `${GATEWAY_NAME}-config`;
/** nginx-prometheus-exporter's metrics port. */
export const EXPORTER_PORT = 9113;
const CONFIG_DIR = "/etc/nginx/gateway";
/** Seconds the pod keeps serving after SIGTERM so the ALB stops sending before nginx quits. */
const PRE_STOP_SLEEP_SECONDS = 15;

/** In-cluster DNS name of a service in the apps namespace (fully qualified: no search-path lookups). */
export const serviceHost = (name: string) => `${name}.${APPS_NAMESPACE}.svc.cluster.local`;

/** The catalogue's web services as the gateway sees them. */
export function gatewayServices(services: readonly ServiceConfig[]): GatewayService[] {
  return services
    .filter((s) => s.kind === "web")
    .map((s) => ({ name: s.name, host: serviceHost(s.name), port: s.port, routes: [...s.routes] }));
}

/**
 * The gateway's nginx plan from config: seed defaults (nginx-plan.ts) with the catalogue's
 * routes, the configured ports and limits, one worker per CPU of the container limit (nginx
 * "auto" would count the node's CPUs and oversubscribe a 500m limit), and the VPC as the
 * trusted proxy range (the ALB's X-Forwarded-For carries the client address).
 */
export function gatewayPlan(services: readonly ServiceConfig[], gateway: GatewayConfig, vpcCidr: string): GatewayPlan {
  return defaultGatewayPlan(gatewayServices(services), {
    listenPort: gateway.listenPort,
    statusPort: gateway.statusPort,
    healthPath: gateway.healthPath,
    workerProcesses: gateway.workerProcesses,
    workerConnections: gateway.workerConnections,
    workerRlimitNofile: 2 * gateway.workerConnections,
    clientMaxBodySize: gateway.clientMaxBodySize,
    proxyTimeoutSeconds: gateway.proxyTimeoutSeconds,
    cache: { ...defaultGatewayPlan([]).cache, ttlSeconds: gateway.cacheTtlSeconds },
    trustedProxyCidrs: [vpcCidr],
  });
}

export function configChecksum(conf: string): string {
  return createHash("sha256").update(conf).digest("hex");
}

/** Writable directories the plan needs, each an emptyDir (the root filesystem is read-only). */
export function gatewayScratchDirs(plan: GatewayPlan): string[] {
  return [...new Set([plan.runDir.replace(/\/+$/, "") || "/", path.posix.dirname(plan.cache.path)])];
}

export function gatewayConfigMap(conf: string): Manifest {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: metadata(GATEWAY_CONFIGMAP, commonLabels(GATEWAY_NAME, "gateway")),
    data: { "nginx.conf": conf },
  };
}

/**
 * nginx as non-root on an unprivileged port, config from the ConfigMap, scratch on emptyDirs,
 * and the exporter sidecar reading stub_status over loopback. The config checksum annotation
 * changes the pod template whenever nginx.conf changes, so a config change rolls the pods
 * (nginx never re-reads its file on its own). No spec.replicas: the gateway's HPA owns it.
 */
export function gatewayDeployment(gateway: GatewayConfig, plan: GatewayPlan, conf: string): Manifest {
  const labels = commonLabels(GATEWAY_NAME, "gateway", imageVersion(gateway.image));
  const scratch = gatewayScratchDirs(plan);
  const scratchVolumes = scratch.map((dir, i) => ({ name: `scratch-${i}`, dir }));
  const probe = (t: {
    initialDelaySeconds: number;
    periodSeconds: number;
    timeoutSeconds: number;
    failureThreshold: number;
  }) => ({
    httpGet: { path: plan.healthPath, port: "http" },
    ...t,
  });
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: metadata(GATEWAY_NAME, labels),
    spec: {
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(GATEWAY_NAME) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: { labels, annotations: { "checksum/config": configChecksum(conf) } },
        spec: {
          serviceAccountName: GATEWAY_NAME,
          automountServiceAccountToken: false,
          securityContext: podSecurityContext(),
          terminationGracePeriodSeconds: PRE_STOP_SLEEP_SECONDS + plan.shutdownTimeoutSeconds + 5,
          topologySpreadConstraints: topologySpread(GATEWAY_NAME),
          containers: [
            {
              name: "nginx",
              image: gateway.image,
              imagePullPolicy: "IfNotPresent",
              // Bypass the image entrypoint: its scripts try to rewrite /etc/nginx, which is read-only.
              command: ["nginx"],
              args: ["-c", `${CONFIG_DIR}/nginx.conf`, "-g", "daemon off;"],
              ports: [{ name: "http", containerPort: plan.listenPort, protocol: "TCP" }],
              resources: { requests: { ...gateway.resources.requests }, limits: { ...gateway.resources.limits } },
              livenessProbe: probe({
                initialDelaySeconds: 10,
                periodSeconds: 10,
                timeoutSeconds: 3,
                failureThreshold: 3,
              }),
              readinessProbe: probe({
                initialDelaySeconds: 2,
                periodSeconds: 5,
                timeoutSeconds: 2,
                failureThreshold: 3,
              }),
              // The image's STOPSIGNAL is SIGQUIT (graceful); the sleep lets the ALB deregister first.
              lifecycle: { preStop: { exec: { command: ["sleep", String(PRE_STOP_SLEEP_SECONDS)] } } },
              securityContext: containerSecurityContext(),
              volumeMounts: [
                { name: "config", mountPath: CONFIG_DIR, readOnly: true },
                ...scratchVolumes.map((v) => ({ name: v.name, mountPath: v.dir })),
              ],
            },
            {
              name: "exporter",
              image: gateway.exporterImage,
              imagePullPolicy: "IfNotPresent",
              args: [
                `--nginx.scrape-uri=http://127.0.0.1:${plan.statusPort}${plan.statusPath}`,
                `--web.listen-address=:${EXPORTER_PORT}`,
              ],
              ports: [{ name: "metrics", containerPort: EXPORTER_PORT, protocol: "TCP" }],
              resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
              livenessProbe: {
                tcpSocket: { port: "metrics" },
                initialDelaySeconds: 5,
                periodSeconds: 10,
                timeoutSeconds: 2,
                failureThreshold: 3,
              },
              readinessProbe: {
                tcpSocket: { port: "metrics" },
                initialDelaySeconds: 2,
                periodSeconds: 10,
                timeoutSeconds: 2,
                failureThreshold: 3,
              },
              securityContext: containerSecurityContext(),
            },
          ],
          volumes: [
            { name: "config", configMap: { name: GATEWAY_CONFIGMAP } },
            ...scratchVolumes.map((v) => ({ name: v.name, emptyDir: { sizeLimit: "2Gi" } })),
          ],
        },
      },
    },
  };
}

/** ClusterIP Service the ALB's TargetGroupBinding targets (IP mode: pods are registered directly). */
export function gatewayService(): Manifest {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(GATEWAY_NAME, commonLabels(GATEWAY_NAME, "gateway")),
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(GATEWAY_NAME),
      ports: [
        { name: "http", port: GATEWAY_SERVICE.port, targetPort: "http", protocol: "TCP" },
        { name: "metrics", port: EXPORTER_PORT, targetPort: "metrics", protocol: "TCP" },
      ],
    },
  };
}

/** The gateway's scaling, from config: always an HPA between gateway.minReplicas and maxReplicas. */
export function gatewayScaling(
  gateway: GatewayConfig,
  autoscaling: AutoscalingConfig,
): { kind: "hpa"; hpa: HpaSettings } {
  const { cpuPercent, memoryPercent } = autoscaling.hpa;
  return {
    kind: "hpa",
    hpa: { minReplicas: gateway.minReplicas, maxReplicas: gateway.maxReplicas, cpuPercent, memoryPercent },
  };
}

export function gatewayHpa(gateway: GatewayConfig, autoscaling: AutoscalingConfig): Manifest {
  return hpaManifest(GATEWAY_NAME, gatewayScaling(gateway, autoscaling).hpa, autoscaling, "gateway");
}

/** Rendered config plus everything built from it. Throws if the plan does not validate. */
export function gatewayManifests(
  services: readonly ServiceConfig[],
  gateway: GatewayConfig,
  autoscaling: AutoscalingConfig,
  vpcCidr: string,
): { plan: GatewayPlan; conf: string; manifests: Manifest[] } {
  const plan = gatewayPlan(services, gateway, vpcCidr);
  const conf = renderNginxConf(plan);
  return {
    plan,
    conf,
    manifests: [
      gatewayConfigMap(conf),
      gatewayDeployment(gateway, plan, conf),
      gatewayService(),
      gatewayHpa(gateway, autoscaling),
    ],
  };
}
