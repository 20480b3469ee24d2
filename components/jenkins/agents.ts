/**
 * The seed's agent pool: a Deployment of swarm agents in the agents namespace that register with
 * the controller over WebSocket under the pool's label, its PDB, and the ScaledObject that sizes
 * it between the seed's 2 and 20 on the Prometheus plugin's metrics of that label.
 */
import type { JenkinsConfig } from "../config/sections/jenkins";
import { PROMETHEUS_URL } from "../k8s-names";
import { agentScalingQueries } from "./metrics";
import { AGENT_POOL_LABELS, controllerUrl, JENKINS } from "./names";

type Agents = Pick<JenkinsConfig, "namespace" | "agentsNamespace" | "agents">;
const WORKDIR = "/home/jenkins/agent";
const SWARM_DIR = "/tmp/swarm";
const SECRET_DIR = "/run/secrets/swarm";

/**
 * The swarm client comes from the controller that runs the swarm plugin (`/swarm/swarm-client.jar`,
 * jenkinsci/swarm-plugin README), so client and plugin versions always match. The image brings
 * curl and a JRE: jenkinsci/docker-agent debian/Dockerfile installs both in its `agent` stage, on
 * which `inbound-agent` builds (read 2026-12-07); `command` replaces its jenkins-agent entrypoint.
 */
export function swarmCommand(a: Agents["agents"], url: string): string {
  const jar = `${SWARM_DIR}/swarm-client.jar`;
  return [
    `curl -fsSL ${url}/swarm/swarm-client.jar -o ${jar}`,
    `exec java -jar ${jar} -url ${url} -webSocket -name "$POD_NAME" -username ${JENKINS.swarmUser}` +
      ` -passwordFile ${SECRET_DIR}/${JENKINS.swarmSecretKey} -labels ${a.label} -executors ${a.executors}` +
      ` -mode exclusive -fsroot ${WORKDIR}`,
  ].join(" && ");
}

/** No `replicas`: KEDA owns the count (an autoscaled Deployment that sets it fights the scaler). */
export function agentPoolDeployment(j: Agents, image: string) {
  const a = j.agents;
  const labels = { ...AGENT_POOL_LABELS };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: JENKINS.agentPool, namespace: j.agentsNamespace, labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            fsGroup: 1000,
            seccompProfile: { type: "RuntimeDefault" },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: "topology.kubernetes.io/zone",
              whenUnsatisfiable: "ScheduleAnyway",
              labelSelector: { matchLabels: labels },
            },
          ],
          containers: [
            {
              name: "agent",
              image,
              command: ["sh", "-c"],
              args: [swarmCommand(a, controllerUrl(j.namespace))],
              env: [{ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
              resources: { requests: { ...a.requests }, limits: { ...a.limits } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
              // Alive while the client it downloaded is there; ready once the download finished.
              livenessProbe: { exec: { command: ["test", "-s", `${SWARM_DIR}/swarm-client.jar`] }, periodSeconds: 30 },
              readinessProbe: { exec: { command: ["test", "-s", `${SWARM_DIR}/swarm-client.jar`] }, periodSeconds: 10 },
              volumeMounts: [
                { name: "workspace", mountPath: WORKDIR },
                { name: "tmp", mountPath: "/tmp" },
                { name: "swarm", mountPath: SECRET_DIR, readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: "workspace", emptyDir: { sizeLimit: "20Gi" } },
            { name: "tmp", emptyDir: { sizeLimit: "2Gi" } },
            { name: "swarm", secret: { secretName: JENKINS.swarmSecret } },
          ],
        },
      },
    },
  };
}

/** One agent at a time may be drained: a node consolidation never takes the whole pool with its builds. */
export function agentPoolPdb(j: Agents) {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: JENKINS.agentPool, namespace: j.agentsNamespace },
    spec: { maxUnavailable: 1, selector: { matchLabels: { ...AGENT_POOL_LABELS } } },
  };
}

/** Seed 002's jenkins-agents-scaler, on the metric names the Prometheus plugin exports (metrics.ts). */
export function agentScaledObject(j: Agents) {
  const a = j.agents;
  const q = agentScalingQueries({ label: a.label, executors: a.executors, spare: a.availableExecutorsThreshold });
  const trigger = (name: string, query: string, threshold: number) => ({
    type: "prometheus",
    name,
    metricType: "AverageValue",
    metadata: { serverAddress: PROMETHEUS_URL, query, threshold: String(threshold) },
  });
  return {
    apiVersion: "keda.sh/v1alpha1",
    kind: "ScaledObject",
    metadata: { name: JENKINS.scaler, namespace: j.agentsNamespace },
    spec: {
      scaleTargetRef: { name: JENKINS.agentPool },
      minReplicaCount: a.minReplicas,
      maxReplicaCount: a.maxReplicas,
      triggers: [
        trigger("jenkins-queue-length", q.queue, a.queueThreshold),
        // One agent per unit: the query already counts agents (executors in use plus spare, per agent).
        trigger("jenkins-executors-needed", q.executors, 1),
      ],
    },
  };
}

/** The swarm user's password, in `namespace` (JCasC reads it in the controller's, the agents mount it in theirs). */
export function swarmSecret<P>(namespace: string, password: P) {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: JENKINS.swarmSecret, namespace },
    type: "Opaque",
    stringData: { [JENKINS.swarmSecretKey]: password },
  };
}
