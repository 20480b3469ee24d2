import { strict as assert } from "assert";
import { runProgram, type PlanResource, type ProgramRun } from "../../tools/engine/run";
import { CHARTS } from "../../components/charts";
import { Workloads, type DataConnection } from "../../components/workloads/workloads";
import { seedConfig } from "./fixtures";
import { ALONE, named as namedIn, standInRegion } from "../helpers/stand-in";

/**
 * The Workloads component alone on the mock engine, with a stand-in cluster (the EKS area
 * provides the real ClusterHandle): what it creates, on which provider, in which order.
 */
async function run(connection?: DataConnection): Promise<ProgramRun> {
  const config = seedConfig();
  return runProgram({
    ...ALONE,
    program: () => {
      const w = new Workloads("usw2-workloads", { config, region: standInRegion(), connection });
      return { queueUrl: w.queueUrl };
    },
  });
}

describe("Workloads component (mock engine)", () => {
  let r: ProgramRun;
  before(async () => {
    r = await run();
  });
  const ofType = (t: string) => r.resources.filter((x) => x.type === t);
  const named = (n: string): PlanResource => namedIn(r.resources, n);
  const urnOf = (n: string) => named(n).urn;

  it("creates an SSE-encrypted queue with a DLQ after 5 receives, in the region", () => {
    const q = named("usw2-workloads-queue");
    const dlq = named("usw2-workloads-dlq");
    assert.equal(q.inputs.sqsManagedSseEnabled, true);
    assert.equal(dlq.inputs.sqsManagedSseEnabled, true);
    assert.equal(q.region, "us-west-2");
    assert.deepEqual(JSON.parse(q.inputs.redrivePolicy as string), {
      deadLetterTargetArn: "arn:aws:sqs:us-west-2:123456789012:platform-test-usw2-jobs-dlq",
      maxReceiveCount: 5,
    });
    assert.equal(r.outputs.queueUrl, "https://sqs.us-west-2.amazonaws.com/123456789012/platform-test-usw2-jobs");
  });

  it("grants queue access per role: the worker consumes, notification-service sends, KEDA reads depth", () => {
    const policy = (n: string) =>
      JSON.parse(named(`usw2-workloads-${n}-pi-policy`).inputs.policy as string).Statement[0];
    const arn = "arn:aws:sqs:us-west-2:123456789012:platform-test-usw2-jobs";
    assert.deepEqual(policy("notification-worker"), {
      Sid: "ConsumeQueue",
      Effect: "Allow",
      Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
      Resource: arn,
    });
    assert.deepEqual(policy("notification-service"), {
      Sid: "SendToQueue",
      Effect: "Allow",
      Action: ["sqs:SendMessage"],
      Resource: arn,
    });
    assert.deepEqual(policy("keda"), {
      Sid: "ReadQueueDepth",
      Effect: "Allow",
      Action: ["sqs:GetQueueAttributes"],
      Resource: [arn],
    });
    const assoc = named("usw2-workloads-keda-pi-association").inputs;
    assert.deepEqual(
      [assoc.namespace, assoc.serviceAccount, assoc.clusterName],
      ["keda", "keda-operator", "platform-test-usw2"],
    );
    assert.equal(ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").length, 3);
  });

  it("installs the pinned KEDA chart on the system nodes after the operator's Pod Identity", () => {
    const rel = named("usw2-workloads-keda");
    assert.equal(rel.type, "kubernetes:helm.sh/v3:Release");
    assert.equal(rel.inputs.version, CHARTS.keda.version);
    assert.deepEqual(rel.inputs.repositoryOpts, { repo: "https://kedacore.github.io/charts" });
    assert.deepEqual((rel.inputs.values as { tolerations: unknown }).tolerations, [
      { key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" },
    ]);
    assert.ok(rel.dependencies.includes(urnOf("usw2-workloads-keda-pi-association")));
  });

  it("binds every Kubernetes resource to the cluster's provider, every AWS resource to the region's", () => {
    const k8sProvider = r.resources.find((x) => x.type === "pulumi:providers:kubernetes")!.urn;
    const kube = r.resources.filter((x) => x.custom && x.type.startsWith("kubernetes:"));
    assert.ok(kube.length > 40);
    for (const x of kube) assert.equal(x.provider, k8sProvider, x.urn);
    for (const x of r.resources.filter((y) => y.custom && y.type.startsWith("aws:")))
      assert.equal(x.region, "us-west-2", x.urn);
  });

  it("custom resources depend on the KEDA release; Deployments on the cluster's add-ons, their SA and Pod Identity", () => {
    const release = urnOf("usw2-workloads-keda");
    for (const x of [
      ...ofType("kubernetes:keda.sh/v1alpha1:ScaledObject"),
      ...ofType("kubernetes:keda.sh/v1alpha1:TriggerAuthentication"),
    ]) {
      assert.ok(x.dependencies.includes(release), x.urn);
    }
    const worker = named("usw2-workloads-deploy-notification-worker");
    for (const dep of [
      "addons",
      "usw2-workloads-sa-notification-worker",
      "usw2-workloads-notification-worker-pi-association",
      "usw2-workloads-namespace",
    ]) {
      assert.ok(worker.dependencies.includes(urnOf(dep)), dep);
    }
    const gateway = named("usw2-workloads-deploy-nginx-gateway");
    for (const svc of ["frontend", "user-service", "activity-service", "notification-service"])
      assert.ok(gateway.dependencies.includes(urnOf(`usw2-workloads-svc-${svc}`)), svc);
  });

  it("plans the 5 seed Deployments plus the worker, 4 HPAs and 2 ScaledObjects, each target scaled once", () => {
    const deployments = ofType("kubernetes:apps/v1:Deployment")
      .map((d) => (d.inputs.metadata as { name: string }).name)
      .sort();
    assert.deepEqual(deployments, [
      "activity-service",
      "frontend",
      "nginx-gateway",
      "notification-service",
      "notification-worker",
      "user-service",
    ]);
    const targets = [
      ...ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler"),
      ...ofType("kubernetes:keda.sh/v1alpha1:ScaledObject"),
    ].map((a) => (a.inputs.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name);
    assert.equal(targets.length, 6);
    assert.deepEqual([...targets].sort(), deployments);
    for (const d of ofType("kubernetes:apps/v1:Deployment"))
      assert.equal((d.inputs.spec as { replicas?: number }).replicas, undefined);
  });

  it("with a data connection: writes data-endpoints, grants each service exactly its uses (own database user, own cache user only with the cache), and waits for the ConfigMap", async () => {
    const cacheGroup = "arn:aws:elasticache:us-west-2:123456789012:replicationgroup:g";
    const cacheUser = (s: string) => `arn:aws:elasticache:us-west-2:123456789012:user:p-${s}`;
    const userArn = (u: string) => `arn:aws:rds-db:us-west-2:123456789012:dbuser:cluster-ABC/${u}`;
    const r2 = await run({
      endpoints: { DATABASE_WRITER_HOST: "writer.example", DATABASE_AUTH: "iam" },
      cache: { user: (s: string) => `p-${s}`, connect: (s: string) => [cacheGroup, cacheUser(s)] },
      databaseUserArn: userArn,
    });
    const get = (n: string) => r2.resources.find((x) => x.name === n)!;
    const cm = get("usw2-workloads-cm-data-endpoints");
    assert.deepEqual((cm.inputs as { data: unknown }).data, {
      DATABASE_WRITER_HOST: "writer.example",
      DATABASE_AUTH: "iam",
    });
    const statements = JSON.parse(get("usw2-workloads-user-service-pi-policy").inputs.policy as string).Statement;
    assert.deepEqual(statements, [
      {
        Sid: "ConnectAsOwnDatabaseUser",
        Effect: "Allow",
        Action: ["rds-db:connect"],
        Resource: userArn("user_service"),
      },
      {
        Sid: "ConnectAsOwnCacheUser",
        Effect: "Allow",
        Action: ["elasticache:Connect"],
        Resource: [cacheGroup, cacheUser("user-service")],
      },
    ]);
    // notification-worker uses the database and the queue, not the cache: no cache user.
    const worker = JSON.parse(get("usw2-workloads-notification-worker-pi-policy").inputs.policy as string).Statement;
    assert.deepEqual(
      worker.map((st: { Sid: string; Resource: unknown }) => [
        st.Sid,
        st.Sid === "ConsumeQueue" ? "queue" : st.Resource,
      ]),
      [
        ["ConsumeQueue", "queue"],
        ["ConnectAsOwnDatabaseUser", userArn("notification_worker")],
      ],
    );
    const env = (d: string) =>
      (get(`usw2-workloads-deploy-${d}`).inputs as any).spec.template.spec.containers[0].env as {
        name: string;
        value: string;
      }[];
    assert.equal(env("notification-worker").find((e) => e.name === "DATABASE_USER")?.value, "notification_worker");
    assert.equal(env("user-service").find((e) => e.name === "REDIS_USER")?.value, "p-user-service");
    assert.equal(
      env("notification-worker").find((e) => e.name === "REDIS_USER"),
      undefined,
    );
    assert.equal(
      env("frontend").find((e) => e.name === "DATABASE_USER"),
      undefined,
    );
    assert.equal(
      r2.resources.some((x) => x.name === "usw2-workloads-frontend-pi-role"),
      false,
      "frontend calls no AWS API",
    );
    assert.ok(get("usw2-workloads-deploy-user-service").dependencies.includes(cm.urn));
    // Only what mounts the ConfigMap waits for it: the frontend and the gateway load no data endpoints.
    for (const d of ["frontend", "nginx-gateway"])
      assert.equal(get(`usw2-workloads-deploy-${d}`).dependencies.includes(cm.urn), false, d);
  });

  it("waits only for what each object needs: namespace none, KEDA the system nodes, pods also the NodePools", () => {
    assert.deepEqual(named("usw2-workloads-namespace").dependencies, []);
    const keda = named("usw2-workloads-keda").dependencies;
    assert.ok(keda.includes(urnOf("addons")));
    assert.equal(keda.includes(urnOf("nodepool")), false, "KEDA runs on the system nodes");
    for (const d of ofType("kubernetes:apps/v1:Deployment")) {
      assert.ok(
        d.dependencies.includes(urnOf("nodepool")),
        `${d.name} waits for the NodePools (destroy: deleted first)`,
      );
      assert.ok(d.dependencies.includes(urnOf("addons")), d.name);
    }
    for (const kind of ["Service", "ServiceAccount", "NetworkPolicy", "PodDisruptionBudget"])
      for (const x of r.resources.filter((y) => y.type.endsWith(`:${kind}`)))
        assert.equal(x.dependencies.includes(urnOf("nodepool")), false, `${x.name} needs no node`);
  });

  it("passes the real queue URL into the worker's env and its SQS trigger", () => {
    const url = "https://sqs.us-west-2.amazonaws.com/123456789012/platform-test-usw2-jobs";
    const so = named("usw2-workloads-so-notification-worker").inputs.spec as {
      triggers: { metadata: { queueURL: string } }[];
    };
    assert.equal(so.triggers[0].metadata.queueURL, url);
    const d = named("usw2-workloads-deploy-notification-worker").inputs.spec as {
      template: { spec: { containers: { env: { name: string; value: string }[] }[] } };
    };
    assert.ok(d.template.spec.containers[0].env.some((e) => e.name === "QUEUE_URL" && e.value === url));
  });
});
