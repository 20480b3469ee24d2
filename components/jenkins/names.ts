/** In-cluster names of Jenkins that the chart values, manifests, flows and access model agree on. */
export const JENKINS = {
  /** Helm release; it contains the chart name, so the chart's fullname is the release name (jenkins.fullname). */
  release: "jenkins",
  /** The controller's ServiceAccount (chart `serviceAccount.name`), bound to the CodeBuild Pod Identity role. */
  serviceAccount: "jenkins",
  /** Chart `controller.componentName` default at 5.9.53: the controller pod's component label. */
  controllerComponent: "jenkins-controller",
  /** Chart `controller.servicePort` / `targetPort` default: HTTP, WebSocket agents and /prometheus. */
  httpPort: 8080,
  /** The Prometheus plugin's endpoint (PrometheusConfiguration DEFAULT_ENDPOINT). */
  metricsPath: "/prometheus",
  /** The controller home's claim (chart `persistence.existingClaim`). */
  homeClaim: "jenkins-home",
  /** StorageClass of the EFS volume (static provisioning through the EFS CSI driver). */
  storageClass: "efs-jenkins",
  /** The agent pool Deployment the seed's ScaledObject targets. */
  agentPool: "jenkins-agent-pool",
  /** Seed 002's ScaledObject name. */
  scaler: "jenkins-agents-scaler",
  /** The Jenkins user swarm agents register as, and its password Secret (in both namespaces). */
  swarmUser: "swarm-agent",
  swarmSecret: "jenkins-swarm",
  swarmSecretKey: "password",
} as const;

/** EFS CSI driver: the CSI driver name and the EKS add-on's controller ServiceAccount (kube-system). */
export const EFS_CSI = {
  addon: "aws-efs-csi-driver",
  driver: "efs.csi.aws.com",
  controllerServiceAccount: "efs-csi-controller-sa",
} as const;

/** Tag on the file system carrying platform:jenkins.efs.storageGiB for the cost estimate (tools/cost/rules/jenkins.ts). */
export const COST_STORAGE_TAG = "platform.io/cost-storage-gib";

/** NFS: EFS mount targets accept only this port (EFS User Guide, "Using VPC security groups"). */
export const NFS_PORT = 2049;

/** Selector labels of the controller pod (chart 5.9.53 templates/jenkins-controller-statefulset.yaml). */
export const CONTROLLER_POD_LABELS = {
  "app.kubernetes.io/component": JENKINS.controllerComponent,
  "app.kubernetes.io/instance": JENKINS.release,
} as const;

/** Labels of the agent pool's pods. */
export const AGENT_POOL_LABELS = { "app.kubernetes.io/name": JENKINS.agentPool } as const;

/** The controller's in-cluster URL (chart Service `jenkins`, port 8080). */
export function controllerUrl(namespace: string): string {
  return `http://${JENKINS.release}.${namespace}.svc.cluster.local:${JENKINS.httpPort}`;
}

/** The port-forward that opens the Jenkins UI on localhost:8080 (Jenkins is not exposed otherwise). */
export function uiCommand(namespace: string): string {
  return `kubectl -n ${namespace} port-forward svc/${JENKINS.release} ${JENKINS.httpPort}:${JENKINS.httpPort}`;
}
