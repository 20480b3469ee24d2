import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CHAOS_INJECT_ANNOTATION } from "../chaos/values";
import { podIdentityRole } from "../cluster/pod-identity";
import type { PlatformConfig } from "../config";
import type { RegionContext } from "../region-context";
import { nameTags } from "../tags";
import { installKeda } from "../addons/keda";
import { installVpa } from "../addons/vpa";
import { kafkaEgressPolicy, kafkaServiceStatements, type KafkaConnection } from "../kafka/workload";
import { kafkaClusterPattern, kedaLagStatements } from "../kafka/keda";
import { workloadFacts, type WorkloadFacts } from "./facts";
import { serviceDatabaseUser } from "../data/connection";
import { JOB_QUEUE_VISIBILITY_TIMEOUT_SECONDS } from "../config/sections/data-systems";
import {
  databaseConnectStatements,
  cacheConnectStatements,
  DLQ_RETENTION_SECONDS,
  dynamodbItemStatements,
  queueConsumerStatements,
  queueProducerStatements,
  redrivePolicy,
} from "./iam";
import { withResolvedImages, type ImageResolver } from "../security/image-digests";
import { APPS_NAMESPACE, GATEWAY_NAME, planWorkloads, type Manifest, type PlannedManifest } from "./manifests";

/** The data tier's connection info for one region, as the data-endpoints ConfigMap carries it. */
export interface DataConnection {
  /** ConfigMap data: env var name -> value (endpoints and secret ARNs, never secret values); see data's connectionEnv. */
  endpoints: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The cache as services with uses.cache reach it: their own user (REDIS_USER) and what
   * elasticache:Connect names for it (the groups they reach and their user in each).
   */
  cache?: { user: (service: string) => string | undefined; connect: (service: string) => pulumi.Input<string>[] };
  /**
   * The rds-db:connect ARN of a database user (IAM database authentication) on the cluster this
   * region connects to; services with uses.database connect as their own user, never as master.
   */
  databaseUserArn?: (user: string) => pulumi.Input<string>;
  /** The DynamoDB table as this region sees it (its local replica and key); services with uses.dynamodb get item access. */
  dynamodb?: { tableArn: pulumi.Input<string>; keyArn: pulumi.Input<string> };
  /** The region's MSK cluster; services with uses.kafka get its topics' access and the egress to its brokers. */
  kafka?: KafkaConnection;
}

export interface WorkloadsArgs {
  /**
   * Validated stack configuration: services, gateway, autoscaling, environment (add-on replicas),
   * chaos (the apps namespace's injection annotation), regions (the primary VPC range).
   */
  config: Pick<
    PlatformConfig,
    "services" | "gateway" | "autoscaling" | "environment" | "chaos" | "regions" | "loadTests"
  >;
  /**
   * The region: name (KEDA's SQS trigger, AWS_REGION), physical name prefix (queues), provider
   * (queues, IAM roles, Pod Identity associations), VPC range (network policies), cluster (every
   * Kubernetes resource uses its k8sProvider) and NodePools (application pods wait for them).
   */
  region: Pick<RegionContext, "name" | "physicalName" | "provider" | "vpc" | "cluster" | "nodePools">;
  /** Data-tier connection objects; omitted: services reference the default ConfigMap as optional. */
  connection?: DataConnection;
  /**
   * The region's mesh (components/mesh): its labels enrol the apps namespace in ambient mode and
   * its waypoint; pods wait for the CNI node agent and ztunnel so they are captured from the start.
   */
  mesh?: { readonly namespaceLabels: Readonly<Record<string, string>>; readonly dataplane: readonly pulumi.Resource[] };
  /** Maps each configured image to what pods pull (repo@sha256 resolved from ECR); omitted: as configured. */
  images?: ImageResolver;
}

type K8sCtor = new (name: string, args: Manifest, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;
// The typed classes differ only in their args types; the manifests are already shaped per kind.
const KINDS = {
  Namespace: k8s.core.v1.Namespace,
  ServiceAccount: k8s.core.v1.ServiceAccount,
  ConfigMap: k8s.core.v1.ConfigMap,
  Service: k8s.core.v1.Service,
  Deployment: k8s.apps.v1.Deployment,
  PodDisruptionBudget: k8s.policy.v1.PodDisruptionBudget,
  HorizontalPodAutoscaler: k8s.autoscaling.v2.HorizontalPodAutoscaler,
  NetworkPolicy: k8s.networking.v1.NetworkPolicy,
} as unknown as Record<string, K8sCtor>;

function createManifest(name: string, m: Manifest, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const Ctor = KINDS[m.kind];
  if (Ctor) return new Ctor(name, m, opts);
  // KEDA kinds have no typed class: CustomResource with the manifest as-is.
  return new k8s.apiextensions.CustomResource(name, m as k8s.apiextensions.CustomResourceArgs, opts);
}

/**
 * The microservices, the nginx gateway and their autoscaling on one cluster: the apps
 * namespace, ServiceAccounts, Deployments, Services, PDBs, HPAs, KEDA (chart, operator
 * Pod Identity, ScaledObjects), NetworkPolicies, plus the region's SQS queue + DLQ and the
 * Pod Identity roles of the services that use it. Manifests come from planWorkloads().
 */
export class Workloads extends pulumi.ComponentResource {
  /** The region's work queue URL (undefined when no service uses a queue). */
  public readonly queueUrl?: pulumi.Output<string>;
  /** The region's work queue (the burst processor consumes it); undefined when no service uses a queue. */
  public readonly queue?: { readonly arn: pulumi.Output<string>; readonly name: string };
  /** The gateway Service (the ALB's TargetGroupBinding targets it). */
  public readonly gatewayService: pulumi.CustomResource;
  /** The apps namespace (chaos Schedules live in it). */
  public readonly namespace: pulumi.CustomResource;
  /** Derived facts of this region's workloads (scaling modes, KEDA, queue users). */
  public readonly facts: WorkloadFacts;
  /** The KEDA release (its ScaledObject CRD and webhook), when a workload scales with KEDA. */
  public readonly keda?: pulumi.Resource;

  constructor(name: string, args: WorkloadsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:workloads:Workloads", name, {}, opts);
    const { config, region } = args;
    const { cluster, provider } = region;
    const aws$ = { parent: this, provider };
    const k8s$ = { parent: this, provider: cluster.k8sProvider };

    // --- AWS: queue, DLQ, Pod Identity ------------------------------------------------
    const facts = (this.facts = workloadFacts(config));
    let queue: aws.sqs.Queue | undefined;
    if (facts.needsQueue) {
      const dlqName = `${region.physicalName}-jobs-dlq`;
      const dlq = new aws.sqs.Queue(
        `${name}-dlq`,
        {
          name: dlqName,
          sqsManagedSseEnabled: true,
          messageRetentionSeconds: DLQ_RETENTION_SECONDS,
          tags: nameTags(dlqName),
        },
        aws$,
      );
      const queueName = `${region.physicalName}-jobs`;
      queue = new aws.sqs.Queue(
        `${name}-queue`,
        {
          name: queueName,
          sqsManagedSseEnabled: true,
          // Longer than a worker's processing time, or messages are delivered twice.
          visibilityTimeoutSeconds: JOB_QUEUE_VISIBILITY_TIMEOUT_SECONDS,
          receiveWaitTimeSeconds: 20,
          redrivePolicy: dlq.arn.apply(redrivePolicy),
          tags: nameTags(queueName),
        },
        aws$,
      );
      this.queueUrl = queue.url;
      this.queue = { arn: queue.arn, name: queueName };
    }

    // One Pod Identity role per service that calls AWS: queue access by role, data-tier secrets.
    const identities = new Map<string, pulumi.Resource>();
    const { cache, databaseUserArn, dynamodb } = args.connection ?? {};
    const kafka = args.connection?.kafka;
    for (const s of config.services) {
      const access = facts.queueAccess[s.name];
      // Exactly what `uses` says: queue by role, the database as its own user, the cache secret.
      const statements = [
        ...(access === "consumer"
          ? queueConsumerStatements(queue!.arn)
          : access === "producer"
            ? queueProducerStatements(queue!.arn)
            : []),
        ...(s.uses.database && databaseUserArn
          ? databaseConnectStatements(databaseUserArn(serviceDatabaseUser(s.name)))
          : []),
        ...(s.uses.cache && cache ? cacheConnectStatements(cache.connect(s.name)) : []),
        ...(s.uses.dynamodb && dynamodb ? dynamodbItemStatements(dynamodb.tableArn, dynamodb.keyArn, region.name) : []),
        ...(s.uses.kafka && kafka ? kafkaServiceStatements(kafka.clusterArn, s.name, kafka.topics) : []),
      ];
      if (statements.length === 0) continue;
      const { association } = podIdentityRole(
        `${name}-${s.name}-pi`,
        { clusterName: cluster.name, namespace: APPS_NAMESPACE, serviceAccount: s.name, statements },
        aws$,
      );
      identities.set(s.name, association);
    }

    // --- Add-ons: KEDA (when a workload scales with it) and the VPA controllers ------------
    // On the system nodes (their values tolerate the taint): they wait for them, not for the NodePools.
    const keda = (this.keda = facts.usesKeda
      ? installKeda(
          name,
          {
            cluster,
            provider,
            queueArns: facts.scalesOnQueue ? [queue!.arn] : [],
            extraStatements: kafka
              ? kedaLagStatements(kafkaClusterPattern(region.name, kafka.clusterName), facts.kafkaScalers)
              : [],
            operatorReplicas: config.environment === "prod" ? 2 : 1,
            vpcCidr: region.vpc.cidrBlock,
            kafkaLag: !!kafka && facts.kafkaScalers.length > 0,
          },
          this,
        )
      : undefined);
    const vpa = installVpa(name, { cluster, prod: config.environment === "prod" }, this);

    // --- Kubernetes objects -------------------------------------------------------------
    const plan = planWorkloads({
      services: config.services,
      gateway: config.gateway,
      autoscaling: config.autoscaling,
      region: region.name,
      vpcCidr: region.vpc.cidrBlock,
      primaryVpcCidr: config.regions.find((r) => r.isPrimary)?.vpcCidr,
      albSubnetCidrs: region.vpc.publicSubnetCidrs,
      meshed: args.mesh !== undefined,
      loadTestRunners: config.loadTests.enabled,
      dataEndpoints: args.connection?.endpoints,
      queueUrl: queue?.url,
      cacheUser: args.connection?.cache?.user,
      facts,
    });
    // A namespace needs only the API server: it waits for no node, add-on or NodePool.
    const namespace = (this.namespace = createManifest(
      `${name}-${plan.namespace.role}`,
      {
        ...plan.namespace.manifest,
        metadata: {
          ...plan.namespace.manifest.metadata,
          labels: { ...plan.namespace.manifest.metadata.labels, ...args.mesh?.namespaceLabels },
          // Chaos Mesh filters namespaces (components/chaos/values.ts): only the apps namespace is a target,
          // of the game days and of the opt-in production experiment alike.
          ...(config.chaos.enabled || config.chaos.production.enabled
            ? { annotations: { ...CHAOS_INJECT_ANNOTATION } }
            : {}),
        },
      },
      k8s$,
    ));

    const created = new Map<string, pulumi.CustomResource>();
    const deployments = new Map<string, pulumi.CustomResource>();
    const dependsOnFor = (p: PlannedManifest): pulumi.Resource[] => {
      const deps: pulumi.Resource[] = [namespace];
      if (p.keda) deps.push(keda!);
      if (p.vpa) deps.push(vpa);
      for (const role of p.needs ?? []) {
        const r = created.get(role);
        if (!r) throw new Error(`${name}: ${p.role} needs ${role}, which is not planned before it`);
        deps.push(r);
      }
      // KEDA's admission webhook reads the scale target of a ScaledObject with cpu/memory
      // triggers and refuses the object while that Deployment does not exist
      // (kedacore/keda apis/keda/v1alpha1/scaledobject_webhook.go verifyCPUMemoryScalers, v2.20.2).
      if (p.manifest.kind === "ScaledObject") {
        const target = (p.manifest.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name;
        const deployment = deployments.get(target);
        if (!deployment)
          throw new Error(`${name}: ${p.role} scales ${target}, whose Deployment is not planned before it`);
        deps.push(deployment);
      }
      if (p.pods) {
        // Pods need nodes: the system add-ons and the NodePools Karpenter launches them from. On
        // destroy the reverse holds: the Deployment goes before the NodePools and their nodes.
        deps.push(...cluster.workloadDependencies, ...region.nodePools, ...(args.mesh?.dataplane ?? []));
        const identity = identities.get(p.pods.serviceAccount);
        // Credentials are injected at pod creation: the Pod Identity association comes first.
        if (identity) deps.push(identity);
      }
      return deps;
    };
    for (const p of plan.manifests) {
      const manifest = withResolvedImages(p.manifest, args.images);
      const resource = createManifest(`${name}-${p.role}`, manifest, { ...k8s$, dependsOn: dependsOnFor(p) });
      created.set(p.role, resource);
      if (manifest.kind === "Deployment") deployments.set(manifest.metadata.name, resource);
    }
    this.gatewayService = created.get(`svc-${GATEWAY_NAME}`)!;
    if (kafka && config.services.some((s) => s.uses.kafka))
      createManifest(`${name}-netpol-allow-kafka`, kafkaEgressPolicy(region.vpc.privateSubnetCidrs), {
        ...k8s$,
        dependsOn: [namespace],
      });

    this.registerOutputs({ queueUrl: this.queueUrl });
  }
}
