/**
 * Pod Identity: which role each service account gets (associations, incl. EKS add-ons), what EKS
 * Pod Identity needs to hand it out, and what every service's pods must and must not reach:
 * its own database user, cache user, queue and secrets (read from its Deployment and the
 * ConfigMaps it loads), nobody else's, and no iam:PassRole of controller or node roles.
 */
import type { PlanResource } from "../../policies/lib/offline";
import type { Need } from "./model";
import type { World } from "./world";
import { tableNeeds } from "./needs-tables";
import { kafkaPodNeeds } from "./needs-kafka";
import { cacheNeeds } from "./needs-cache";

export interface Association {
  region: string;
  cluster: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  urn: string;
}

export function associations(world: World): Association[] {
  const direct = world.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").map((a) => ({
    region: a.region ?? "us-east-1",
    cluster: String(a.inputs.clusterName),
    namespace: String(a.inputs.namespace),
    serviceAccount: String(a.inputs.serviceAccount),
    roleArn: String(a.inputs.roleArn),
    urn: a.urn,
  }));
  // EKS add-ons run in kube-system (https://docs.aws.amazon.com/eks/latest/userguide/add-ons-iam.html).
  const addons = world.ofType("aws:eks/addon:Addon").flatMap((a) =>
    ((a.inputs.podIdentityAssociations as { roleArn: string; serviceAccount: string }[] | undefined) ?? []).map(
      (p) => ({
        region: a.region ?? "us-east-1",
        cluster: String(a.inputs.clusterName),
        namespace: "kube-system",
        serviceAccount: p.serviceAccount,
        roleArn: p.roleArn,
        urn: a.urn,
      }),
    ),
  );
  return [...direct, ...addons];
}

/** EKS Pod Identity assumes the role with session tags naming the cluster, namespace and account. */
function podIdentityAssume(world: World, a: Association): Need[] {
  const context = {
    "aws:SourceAccount": world.account,
    "aws:SourceArn": `arn:aws:eks:${a.region}:${world.account}:cluster/${a.cluster}`,
    "aws:RequestTag/eks-cluster-name": a.cluster,
    "aws:RequestTag/eks-cluster-arn": `arn:aws:eks:${a.region}:${world.account}:cluster/${a.cluster}`,
    "aws:RequestTag/kubernetes-namespace": a.namespace,
    "aws:RequestTag/kubernetes-service-account": a.serviceAccount,
  };
  return ["sts:AssumeRole", "sts:TagSession"].map((action) => ({
    requirement: "pod-identity-assume-role",
    kind: "required",
    asker: { service: "pods.eks.amazonaws.com" },
    action,
    resource: a.roleArn,
    context,
    urn: a.urn,
  }));
}

interface Workload {
  name: string;
  roleArn: string;
  region: string;
  dbUser?: string;
  /** The cache user its Deployment names (REDIS_USER). */
  cacheUser?: string;
  queueUrl?: string;
  consumes: boolean;
  /** Secret ARNs the Deployment's own env names: the service reads them. */
  secrets: string[];
  /** Secret ARNs a shared ConfigMap it loads names: handed to it, used or not (neither required nor forbidden). */
  offered: string[];
  /** The shared ConfigMaps' keys and values, and the pod's labels (what it declares it uses). */
  shared: Record<string, string>;
  labels: Record<string, string>;
  urn: string;
}

const SECRET_ARN = /^arn:aws:secretsmanager:[^:]+:\d{12}:secret:/;

function workloads(world: World, assoc: Association[]): Workload[] {
  const configMaps = world.ofType("kubernetes:core/v1:ConfigMap");
  const scaled = world.ofType("kubernetes:keda.sh/v1alpha1:ScaledObject");
  return world.ofType("kubernetes:apps/v1:Deployment").flatMap((d): Workload[] => {
    const meta = d.inputs.metadata as { name: string; namespace: string };
    const template = (d.inputs.spec as { template: { spec: PodSpec; metadata?: { labels?: Record<string, string> } } })
      .template;
    const pod = template.spec;
    const labels = template.metadata?.labels ?? {};
    const a = assoc.find(
      (x) => x.namespace === meta.namespace && x.serviceAccount === pod.serviceAccountName && sameRegion(x, d, world),
    );
    if (!a) return [];
    const env = new Map<string, string>();
    const sharedEnv: Record<string, string> = {};
    for (const c of pod.containers) {
      for (const ref of c.envFrom ?? []) {
        const cm = configMaps.find(
          (m) =>
            sameRegion(a, m, world) &&
            (m.inputs.metadata as { name: string; namespace?: string }).name === ref.configMapRef?.name &&
            (m.inputs.metadata as { namespace?: string }).namespace === meta.namespace,
        );
        Object.assign(sharedEnv, (cm?.inputs.data as Record<string, string>) ?? {});
      }
      for (const e of c.env ?? []) if (typeof e.value === "string") env.set(e.name, e.value);
    }
    const queueUrl = env.get("QUEUE_URL");
    const consumes = scaled.some((s) => {
      const spec = s.inputs.spec as {
        scaleTargetRef: { name: string };
        triggers: { type: string; metadata?: { queueURL?: string } }[];
      };
      return (
        spec.scaleTargetRef.name === meta.name &&
        spec.triggers.some((t) => t.type === "aws-sqs-queue" && t.metadata?.queueURL === queueUrl)
      );
    });
    return [
      {
        name: meta.name,
        roleArn: a.roleArn,
        region: a.region,
        dbUser: env.get("DATABASE_USER"),
        cacheUser: env.get("REDIS_USER"),
        queueUrl,
        consumes,
        secrets: [...env.values()].filter((v) => SECRET_ARN.test(v)),
        offered: Object.values(sharedEnv).filter((v) => SECRET_ARN.test(v)),
        shared: sharedEnv,
        labels,
        urn: d.urn,
      },
    ];
  });
}

interface PodSpec {
  serviceAccountName?: string;
  containers: { env?: { name: string; value?: unknown }[]; envFrom?: { configMapRef?: { name: string } }[] }[];
}

/** Kubernetes objects carry no region: they belong to the Region component above them. */
function sameRegion(a: Association, r: PlanResource, world: World): boolean {
  let cur: PlanResource | undefined = r;
  const byUrn = new Map(world.resources.map((x) => [x.urn, x]));
  while (cur) {
    if (cur.type === "platform:region:Region") return cur.name === a.region;
    cur = cur.parent ? byUrn.get(cur.parent) : undefined;
  }
  return true;
}

/**
 * The secrets readable in a region: each planned secret in its own region, and each replica it
 * declares (same ARN in the replica's region, encrypted with the replica's key).
 */
function secretsIn(world: World, secrets: PlanResource[], region: string): { arn: string; key: unknown }[] {
  return secrets.flatMap((s) => {
    const arn = String(world.out(s).arn);
    if (s.region === region) return [{ arn, key: s.inputs.kmsKeyId }];
    const replica = ((s.inputs.replicas as { region: string; kmsKeyId?: string }[] | undefined) ?? []).find(
      (r) => r.region === region,
    );
    return replica && s.region ? [{ arn: arn.replace(`:${s.region}:`, `:${region}:`), key: replica.kmsKeyId }] : [];
  });
}

/** A consumer receives, deletes, extends the visibility of a long job and reads the depth (workloads/iam.ts). */
const CONSUME = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"];

export function podNeeds(world: World): Need[] {
  const assoc = associations(world);
  const out: Need[] = assoc.flatMap((a) => podIdentityAssume(world, a));
  const loads = workloads(world, assoc);
  const queues = new Map(world.ofType("aws:sqs/queue:Queue").map((q) => [String(world.out(q).url), q]));
  const secrets = world.ofType("aws:secretsmanager/secret:Secret");
  for (const w of loads) {
    const role = { role: w.roleArn };
    const need = (requirement: string, kind: Need["kind"], action: string, resource: string, context = {}): Need => ({
      requirement,
      kind,
      asker: role,
      action,
      resource,
      context,
      urn: w.urn,
    });
    const cluster = world.ofType("aws:rds/cluster:Cluster").find((c) => c.region === w.region);
    const dbUser = (user: string) =>
      `arn:aws:rds-db:${w.region}:${world.account}:dbuser:${world.out(cluster!).clusterResourceId}/${user}`;
    if (cluster && w.dbUser)
      out.push(need("service-own-database-user", "required", "rds-db:connect", dbUser(w.dbUser)));
    for (const other of loads)
      if (cluster && other.region === w.region && other.dbUser && other.dbUser !== w.dbUser)
        out.push(need("service-other-database-user", "forbidden", "rds-db:connect", dbUser(other.dbUser)));
    for (const [url, q] of queues) {
      if (q.region !== w.region) continue;
      const arn = String(world.out(q).arn);
      const own = url === w.queueUrl;
      out.push(
        need(
          own && !w.consumes ? "service-own-queue" : "service-other-queue",
          own && !w.consumes ? "required" : "forbidden",
          "sqs:SendMessage",
          arn,
        ),
      );
      for (const action of CONSUME)
        out.push(
          need(
            own && w.consumes ? "service-own-queue" : "service-other-queue",
            own && w.consumes ? "required" : "forbidden",
            action,
            arn,
          ),
        );
    }
    for (const s of secretsIn(world, secrets, w.region)) {
      const { arn, key } = s;
      const own = w.secrets.includes(arn);
      if (!own && w.offered.includes(arn)) continue;
      out.push(
        need(
          own ? "service-own-secret" : "service-other-secret",
          own ? "required" : "forbidden",
          "secretsmanager:GetSecretValue",
          arn,
        ),
      );
      // AWS's secret caching clients and the Secrets Store CSI provider describe a secret before reading it.
      if (own) out.push(need("service-own-secret", "required", "secretsmanager:DescribeSecret", arn));
      if (own && typeof key === "string")
        out.push(
          need("service-own-secret", "required", "kms:Decrypt", key, {
            "kms:ViaService": `secretsmanager.${w.region}.amazonaws.com`,
            "kms:EncryptionContext:SecretARN": arn,
          }),
        );
    }
  }
  return [
    ...out,
    ...tableNeeds(world, loads),
    ...kafkaPodNeeds(world, loads),
    ...cacheNeeds(world, loads),
    ...passRoleForbidden(world, assoc),
  ];
}

/** No pod may hand a controller's or node's role to a service; Karpenter passes only its node role. */
function passRoleForbidden(world: World, assoc: Association[]): Need[] {
  const nodeRoles = new Set(
    world
      .ofType("aws:eks/accessEntry:AccessEntry")
      .filter((e) => e.inputs.type === "EC2_LINUX")
      .map((e) => String(e.inputs.principalArn)),
  );
  for (const g of world.ofType("aws:eks/nodeGroup:NodeGroup")) nodeRoles.add(String(g.inputs.nodeRoleArn));
  const targets = [...nodeRoles, ...new Set(assoc.map((a) => a.roleArn))];
  return assoc.flatMap((a) =>
    targets
      .filter((t) => !(a.serviceAccount === "karpenter" && nodeRoles.has(t) && t.includes(a.cluster)))
      .filter((t) => t.includes(a.cluster) || assoc.some((b) => b.roleArn === t && b.region === a.region))
      .map((t): Need => ({
        requirement: "no-pass-role",
        kind: "forbidden",
        asker: { role: a.roleArn },
        action: "iam:PassRole",
        resource: t,
        context: { "iam:PassedToService": "ec2.amazonaws.com" },
        urn: a.urn,
      })),
  );
}
