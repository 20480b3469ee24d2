import type { AutoscalingConfig, GatewayConfig, ServiceConfig } from "../../config/types";
import { workloadFacts, type WorkloadFacts } from "../facts";
import { awsTriggerAuthentication, hpaManifest, scaledObjectManifest, type ScalingMode } from "./autoscaling";
import { DATA_ENDPOINTS_CONFIGMAP, type Manifest } from "./common";
import { gatewayManifests, GATEWAY_NAME } from "./gateway";
import { networkPolicies } from "./network-policies";
import { vpaManifest, vpaMode } from "../vpa";
import {
  dataEndpointsConfigMap,
  deploymentManifest,
  isReplicated,
  namespaceManifest,
  pdbManifest,
  serviceAccountManifest,
  serviceManifest,
  type ServiceEnv,
} from "./service";

export * from "./autoscaling";
export * from "./common";
export * from "./gateway";
export * from "./network-policies";
export * from "./service";

export interface WorkloadPlanInput {
  services: readonly ServiceConfig[];
  gateway: GatewayConfig;
  autoscaling: AutoscalingConfig;
  region: string;
  vpcCidr: string;
  /** The primary region's VPC range (cache writes cross the peering to it); see NetworkPolicyInput. */
  primaryVpcCidr?: string;
  /** The ALB's subnets; see NetworkPolicyInput (a plan without them admits the VPC range, as no ALB subnet is known). */
  albSubnetCidrs?: readonly string[];
  /** The apps namespace is in the ambient mesh (default false); see NetworkPolicyInput. */
  meshed?: boolean;
  loadTestRunners?: boolean;
  /** Data-tier ConfigMap/Secret names; see ServiceEnv.data. */
  data?: ServiceEnv["data"];
  /** The data tier's endpoint values: plans the data-endpoints ConfigMap and references it (not optional). */
  dataEndpoints?: Parameters<typeof dataEndpointsConfigMap>[0];
  /** The region's SQS queue URL; required when a service uses the queue or scales on it. */
  queueUrl?: ServiceEnv["queueUrl"];
  /** Each service's cache user; see ServiceEnv.cacheUser. */
  cacheUser?: ServiceEnv["cacheUser"];
  /** Derived facts (computed from services/gateway/autoscaling when omitted). */
  facts?: WorkloadFacts;
}

/** One manifest with the role its Pulumi resource is named after (`${component}-<role>`). */
export interface PlannedManifest {
  role: string;
  manifest: Manifest;
  /** Needs a CRD installed by the KEDA chart. */
  keda?: boolean;
  /** Needs the CRD the VPA chart installs. */
  vpa?: boolean;
  /** Roles of other planned manifests this one needs at create time (what it mounts, resolves, references). */
  needs?: string[];
  /** A Deployment's pods run on Karpenter nodes under this ServiceAccount (its Pod Identity, if any, first). */
  pods?: { serviceAccount: string };
}

export interface WorkloadPlan {
  namespace: PlannedManifest;
  /** Everything in the apps namespace, in apply order (ServiceAccounts and ConfigMaps first). */
  manifests: PlannedManifest[];
  /** Scaling decided per workload name (services and the gateway). */
  scaling: Record<string, ScalingMode>;
  nginxConf: string;
}

/**
 * Every Kubernetes object of the workloads area for one cluster, from plain values. Roles
 * are `<kind>-<name>` so Pulumi names stay stable when the catalogue is reordered.
 */
export function planWorkloads(input: WorkloadPlanInput): WorkloadPlan {
  const { services, gateway, autoscaling, region, vpcCidr } = input;
  const facts = input.facts ?? workloadFacts(input);
  const data =
    input.data ??
    (input.dataEndpoints !== undefined ? { configMap: DATA_ENDPOINTS_CONFIGMAP, secretsViaAws: true } : undefined);
  const env: ServiceEnv = { region, data, queueUrl: input.queueUrl, cacheUser: input.cacheUser };
  const scaling: Record<string, ScalingMode> = {};
  const manifests: PlannedManifest[] = [];
  const add = (role: string, manifest: Manifest, extra: Omit<PlannedManifest, "role" | "manifest"> = {}) =>
    manifests.push({ role, manifest, ...extra });
  const endpointsRole = `cm-${DATA_ENDPOINTS_CONFIGMAP}`;

  for (const s of services) add(`sa-${s.name}`, serviceAccountManifest(s.name, s.kind === "worker" ? "worker" : "web"));
  add(`sa-${GATEWAY_NAME}`, serviceAccountManifest(GATEWAY_NAME, "gateway"));

  const planEndpoints = input.dataEndpoints !== undefined;
  if (planEndpoints) add(endpointsRole, dataEndpointsConfigMap(input.dataEndpoints!));

  if (facts.scalesOnQueue || facts.kafkaScalers.length > 0)
    add("triggerauth-aws", awsTriggerAuthentication(), { keda: true });

  for (const s of services) {
    const mode = facts.scaling[s.name];
    scaling[s.name] = mode;
    // Only services that load the data endpoints wait for their ConfigMap (the frontend does not).
    const mountsEndpoints = planEndpoints && facts.dataUsers.includes(s.name);
    add(`deploy-${s.name}`, deploymentManifest(s, mode, env), {
      needs: [`sa-${s.name}`, ...(mountsEndpoints ? [endpointsRole] : [])],
      pods: { serviceAccount: s.name },
    });
    if (s.kind === "web") add(`svc-${s.name}`, serviceManifest(s));
    if (isReplicated(mode)) add(`pdb-${s.name}`, pdbManifest(s.name, s.kind === "worker" ? "worker" : "web"));
    if (mode.kind === "hpa") add(`hpa-${s.name}`, hpaManifest(s.name, mode.hpa, autoscaling));
    if (mode.kind === "keda")
      add(
        `so-${s.name}`,
        scaledObjectManifest({
          name: s.name,
          keda: mode.keda,
          defaults: autoscaling,
          region,
          queueUrl: input.queueUrl,
        }),
        { keda: true, needs: mode.keda.sqsQueueLength || mode.keda.kafka ? ["triggerauth-aws"] : [] },
      );
    add(`vpa-${s.name}`, vpaManifest(s.name, vpaMode(mode), autoscaling.vpa, ["app"]), { vpa: true });
  }

  const gw = gatewayManifests(services, gateway, autoscaling, vpcCidr);
  const [configMap, deployment, service, hpa] = gw.manifests;
  scaling[GATEWAY_NAME] = facts.scaling[GATEWAY_NAME];
  add(`cm-${GATEWAY_NAME}`, configMap);
  // nginx resolves its upstream hosts at start: the web Services must exist first. It loads no data endpoints.
  add(`deploy-${GATEWAY_NAME}`, deployment, {
    needs: [
      `sa-${GATEWAY_NAME}`,
      `cm-${GATEWAY_NAME}`,
      ...services.filter((s) => s.kind === "web").map((s) => `svc-${s.name}`),
    ],
    pods: { serviceAccount: GATEWAY_NAME },
  });
  add(`svc-${GATEWAY_NAME}`, service);
  add(`pdb-${GATEWAY_NAME}`, pdbManifest(GATEWAY_NAME, "gateway"));
  add(`hpa-${GATEWAY_NAME}`, hpa);
  add(`vpa-${GATEWAY_NAME}`, vpaManifest(GATEWAY_NAME, vpaMode(scaling[GATEWAY_NAME]), autoscaling.vpa, ["nginx"]), {
    vpa: true,
  });

  const { primaryVpcCidr, loadTestRunners } = input;
  const albSubnetCidrs = input.albSubnetCidrs ?? [vpcCidr];
  const meshed = input.meshed ?? false;
  for (const np of networkPolicies({
    services,
    gateway,
    vpcCidr,
    primaryVpcCidr,
    albSubnetCidrs,
    meshed,
    loadTestRunners,
  }))
    add(`netpol-${np.metadata.name}`, np);

  assertSingleAutoscaler(manifests.map((m) => m.manifest));
  return { namespace: { role: "namespace", manifest: namespaceManifest() }, manifests, scaling, nginxConf: gw.conf };
}

/** Throws if any Deployment is the target of more than one HPA/ScaledObject (KEDA would refuse it). */
export function assertSingleAutoscaler(manifests: readonly Manifest[]): void {
  const owners = new Map<string, string[]>();
  for (const m of manifests) {
    if (m.kind !== "HorizontalPodAutoscaler" && m.kind !== "ScaledObject") continue;
    const target = `${m.metadata.namespace}/${m.spec.scaleTargetRef.kind ?? "Deployment"}/${m.spec.scaleTargetRef.name}`;
    owners.set(target, [...(owners.get(target) ?? []), `${m.kind} ${m.metadata.name}`]);
  }
  for (const [target, by] of owners) {
    if (by.length > 1) throw new Error(`${target} is scaled by more than one autoscaler: ${by.join(", ")}`);
  }
}
