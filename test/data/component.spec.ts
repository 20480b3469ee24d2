import { strict as assert } from "assert";
import type { Plan } from "../../tools/plan-lib";
import type { PlanResource } from "../../tools/engine/run";
import { byUrn, inRegion, ofType, planFor, planWith } from "../helpers/plan";

const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const GLOBAL_CLUSTER = "aws:rds/globalCluster:GlobalCluster";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const GLOBAL_GROUP = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const CODE: Record<string, string> = { "us-east-1": "use1", "us-west-2": "usw2", "eu-west-1": "euw1" };
const CIDR: Record<string, string> = {
  "us-east-1": "10.0.0.0/16",
  "us-west-2": "10.1.0.0/16",
  "eu-west-1": "10.2.0.0/16",
};

const dataResources = (plan: Plan) => plan.resources.filter((r) => /platform:data:Global(Database|Cache)/.test(r.urn));
const dependsOn = (r: PlanResource, target: PlanResource) => r.dependencies.includes(target.urn);

describe("data tier on the mock engine", () => {
  describe("prod", () => {
    let plan: Plan;
    before(async () => ({ plan } = await planFor("prod")));

    it("has one GlobalCluster in the primary region and an Aurora cluster per region", () => {
      const globals = ofType(plan, GLOBAL_CLUSTER);
      assert.equal(globals.length, 1);
      assert.equal(globals[0].region, "us-east-1");
      assert.equal(globals[0].inputs.engine, "aurora-postgresql");
      assert.equal(globals[0].inputs.storageEncrypted, true);
      const clusters = ofType(plan, CLUSTER);
      assert.deepEqual(clusters.map((c) => c.region).sort(), ["eu-west-1", "us-east-1", "us-west-2"]);
      for (const c of clusters) assert.equal(c.inputs.globalClusterIdentifier, "database-global-id", c.name);
    });

    it("gives only the primary master credentials, and keeps the password a secret", () => {
      for (const c of ofType(plan, CLUSTER)) {
        const primary = c.region === "us-east-1";
        assert.equal("masterUsername" in c.inputs, primary, c.name);
        assert.equal("masterPassword" in c.inputs, primary, c.name);
      }
      const primary = inRegion(ofType(plan, CLUSTER), "us-east-1")[0];
      assert.equal(primary.inputs.masterPassword, "[secret]");
      const version = plan.resources.find((r) => r.name === "database-master-secret-value")!;
      assert.equal(version.inputs.secretString, "[secret]");
      assert.ok(!JSON.stringify(plan).includes("mock-password-"), "no generated password in plan.json");
    });

    it("creates secondaries after the primary cluster and its instances", () => {
      const primary = inRegion(ofType(plan, CLUSTER), "us-east-1")[0];
      const primaryInstances = inRegion(ofType(plan, INSTANCE), "us-east-1");
      assert.equal(primaryInstances.length, 2); // writer + readers.min (1)
      const global = ofType(plan, GLOBAL_CLUSTER)[0];
      assert.ok(dependsOn(primary, global));
      for (const region of ["us-west-2", "eu-west-1"]) {
        const secondary = inRegion(ofType(plan, CLUSTER), region)[0];
        assert.ok(dependsOn(secondary, primary), `${region} waits for the primary cluster`);
        for (const i of primaryInstances) assert.ok(dependsOn(secondary, i), `${region} waits for ${i.name}`);
        assert.equal(secondary.inputs.kmsKeyId, `arn:aws:kms:${region}:123456789012:key/database-${region}-key`);
      }
    });

    it("encrypts everything at rest and in transit, keeps instances private, and protects prod", () => {
      for (const c of ofType(plan, CLUSTER)) {
        assert.equal(c.inputs.storageEncrypted, true);
        assert.equal(c.inputs.deletionProtection, true);
        assert.equal(c.inputs.iamDatabaseAuthenticationEnabled, true);
        assert.equal(c.inputs.skipFinalSnapshot, false);
        assert.match(String(c.inputs.finalSnapshotIdentifier), /-aurora-final$/);
        assert.ok(Number(c.inputs.backupRetentionPeriod) >= 7);
      }
      for (const i of ofType(plan, INSTANCE)) {
        assert.equal(i.inputs.publiclyAccessible, false);
        assert.equal(i.inputs.performanceInsightsEnabled, true);
        assert.ok(i.inputs.performanceInsightsKmsKeyId);
        assert.match(String(i.inputs.monitoringRoleArn), /database-monitoring-role/);
      }
      const params = ofType(plan, "aws:rds/clusterParameterGroup:ClusterParameterGroup")[0];
      assert.equal(params.inputs.family, "aurora-postgresql16");
      assert.ok(
        (params.inputs.parameters as { name: string; value: string }[]).some(
          (p) => p.name === "rds.force_ssl" && p.value === "1",
        ),
      );
      const primaryGroup = inRegion(ofType(plan, GROUP), "us-east-1")[0];
      assert.equal(primaryGroup.inputs.atRestEncryptionEnabled, true);
      assert.equal(primaryGroup.inputs.transitEncryptionEnabled, true);
      // Clients authenticate as their own users (RBAC user group), not with a shared AUTH token.
      assert.equal(primaryGroup.inputs.authToken, undefined);
      assert.deepEqual(primaryGroup.inputs.userGroupIds, ["platform-prod-cache-users"]);
      for (const key of ofType(plan, "aws:kms/key:Key").filter((k) => /^(database|cache)-/.test(k.name)))
        assert.equal(key.inputs.enableKeyRotation, true);
    });

    it("autoscales readers 1..5 on CPU 70% with cooldowns 300/60 in every region", () => {
      const targets = ofType(plan, "aws:appautoscaling/target:Target").filter((t) => t.name.startsWith("database-"));
      assert.equal(targets.length, 3);
      for (const t of targets) {
        assert.deepEqual(
          [t.inputs.serviceNamespace, t.inputs.scalableDimension, t.inputs.minCapacity, t.inputs.maxCapacity],
          ["rds", "rds:cluster:ReadReplicaCount", 1, 5],
        );
        assert.match(String(t.inputs.resourceId), /^cluster:platform-prod-\w+-aurora$/);
      }
      const policy = ofType(plan, "aws:appautoscaling/policy:Policy").find(
        (p) => p.name === "database-us-east-1-readers-cpu",
      )!;
      assert.deepEqual(policy.inputs.targetTrackingScalingPolicyConfiguration, {
        predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
        targetValue: 70,
        scaleInCooldown: 300,
        scaleOutCooldown: 60,
      });
    });

    it("has one Global Datastore with a primary and two secondaries that set only the global id", () => {
      const globals = ofType(plan, GLOBAL_GROUP);
      assert.equal(globals.length, 1);
      const groups = ofType(plan, GROUP);
      const primary = inRegion(groups, "us-east-1")[0];
      assert.ok(dependsOn(globals[0], primary));
      assert.equal(primary.inputs.numCacheClusters, 3);
      const secondaries = groups.filter((g) => g.region !== "us-east-1");
      assert.deepEqual(secondaries.map((g) => g.region).sort(), ["eu-west-1", "us-west-2"]);
      for (const s of secondaries) {
        assert.ok(dependsOn(s, globals[0]));
        assert.equal(s.inputs.globalReplicationGroupId, "ldgnf-platform-prod-cache");
        for (const k of [
          "engine",
          "engineVersion",
          "nodeType",
          "authToken",
          "atRestEncryptionEnabled",
          "transitEncryptionEnabled",
        ])
          assert.ok(!(k in s.inputs), `${s.name} sets ${k}`);
      }
    });

    it("replicates both secrets to the secondary regions with their regional keys", () => {
      for (const name of ["database-master-secret", "cache-auth-secret"]) {
        const secret = plan.resources.find((r) => r.name === name)!;
        assert.deepEqual(
          (secret.inputs.replicas as { region: string }[]).map((r) => r.region),
          ["us-west-2", "eu-west-1"],
        );
      }
    });

    it("creates the data security groups empty, so they never wait for EKS", () => {
      const map = byUrn(plan);
      const groups = ofType(plan, SG).filter((s) => /^(database|cache)-.*-sg$/.test(s.name));
      assert.equal(groups.length, 6);
      for (const sg of groups) {
        assert.equal(sg.inputs.ingress, undefined, sg.name);
        const eks = sg.dependencies.map((d) => map.get(d)!).filter((d) => d.type === "eks:index:Cluster");
        assert.deepEqual(eks, [], `${sg.name} does not wait for a cluster`);
      }
    });

    it("admits 5432/6379 only: from the local cluster security group and each peer VPC range", () => {
      const rules = ofType(plan, INGRESS).filter((r) => /^(database|cache)-/.test(r.name));
      assert.equal(rules.length, 2 * 3 * 3); // stores x regions x (cluster + 2 peers)
      for (const rule of rules) {
        const port = rule.name.startsWith("database") ? 5432 : 6379;
        assert.deepEqual([rule.inputs.ipProtocol, rule.inputs.fromPort, rule.inputs.toPort], ["tcp", port, port]);
        const m = /^(database|cache)-([a-z]+-[a-z]+-\d)-sg-from-(cluster|peer-([a-z]+-[a-z]+-\d))$/.exec(rule.name);
        assert.ok(m, rule.name);
        assert.equal(rule.region, m[2], rule.name);
        if (m[3] === "cluster") {
          assert.equal(rule.inputs.referencedSecurityGroupId, `sg-platform-prod-${CODE[m[2]]}-cluster`);
          assert.equal(rule.inputs.cidrIpv4, undefined);
        } else {
          assert.notEqual(m[4], m[2], "no rule for the region itself");
          assert.equal(rule.inputs.cidrIpv4, CIDR[m[4]], rule.name);
          assert.equal(rule.inputs.referencedSecurityGroupId, undefined);
        }
      }
    });

    it("forwards writes from the secondary clusters to the writer region", () => {
      const forwarding = Object.fromEntries(
        ofType(plan, CLUSTER).map((c) => [c.region, c.inputs.enableGlobalWriteForwarding]),
      );
      assert.deepEqual(forwarding, { "us-east-1": false, "us-west-2": true, "eu-west-1": true });
    });

    it("sets the engine version on the GlobalCluster only, which, like its members, ignores AWS's minor upgrades", () => {
      const [global] = ofType(plan, GLOBAL_CLUSTER);
      assert.equal(global.inputs.engineVersion, "16.13");
      assert.deepEqual(global.options!.ignoreChanges, ["engineVersion"]);
      for (const c of ofType(plan, CLUSTER)) assert.ok(c.options!.ignoreChanges.includes("engineVersion"), c.name);
      for (const i of ofType(plan, INSTANCE)) assert.equal(i.inputs.engineVersion, undefined, i.name);
    });

    it("creates every instance after its enhanced-monitoring role's policy (RDS refuses the role before)", () => {
      const [policy] = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter(
        (a) => a.inputs.policyArn === "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
      );
      const instances = ofType(plan, INSTANCE);
      assert.equal(instances.length, 6);
      for (const i of instances) assert.ok(i.dependencies.includes(policy.urn), i.name);
    });

    it("protects the stateful data resources in prod, and only those", () => {
      const isProtected = (r: PlanResource) => r.options?.protect === true;
      for (const t of [GLOBAL_CLUSTER, CLUSTER, GROUP, GLOBAL_GROUP])
        for (const r of ofType(plan, t)) assert.ok(isProtected(r), r.name);
      const keys = ofType(plan, "aws:kms/key:Key").filter((k) => /^(database|cache)-/.test(k.name));
      assert.equal(keys.length, 6);
      for (const k of keys) assert.ok(isProtected(k), k.name);
      for (const t of [INSTANCE, SG, INGRESS, "aws:rds/subnetGroup:SubnetGroup"])
        for (const r of ofType(plan, t).filter((x) => /^(database|cache)-/.test(x.name)))
          assert.ok(!isProtected(r), r.name);
    });

    it("alarms replication lag on secondaries only, plus CPU, memory and connections everywhere", () => {
      const alarms = ofType(plan, ALARM).filter((a) => /^(database|cache)-/.test(a.name));
      const lag = (metric: string) => alarms.filter((a) => a.inputs.metricName === metric).map((a) => a.region);
      assert.deepEqual([...new Set(lag("AuroraGlobalDBReplicationLag"))].sort(), ["eu-west-1", "us-west-2"]);
      assert.deepEqual([...new Set(lag("GlobalDatastoreReplicationLag"))].sort(), ["eu-west-1", "us-west-2"]);
      for (const metric of [
        "CPUUtilization",
        "FreeableMemory",
        "DatabaseConnections",
        "EngineCPUUtilization",
        "DatabaseMemoryUsagePercentage",
      ])
        assert.deepEqual([...new Set(lag(metric))].sort(), ["eu-west-1", "us-east-1", "us-west-2"], metric);
    });

    it("binds every data resource to its region's provider", () => {
      for (const r of dataResources(plan).filter((r) => r.type.startsWith("aws:"))) {
        const m = /^(database|cache)-((?:us|eu)-\w+-\d)-/.exec(r.name);
        if (m) assert.equal(r.region, m[2], r.name);
        else assert.equal(r.region, "us-east-1", r.name);
      }
    });
  });

  describe("policies on the plan", () => {
    const DATA_POLICIES = /^aws-(rds|elasticache|data)-/;
    it("reports no data-tier violation for dev or prod", async () => {
      for (const stack of ["dev", "prod"]) {
        const { plan } = await planFor(stack);
        assert.deepEqual(
          plan.violations.filter((v) => DATA_POLICIES.test(v.policy)),
          [],
          stack,
        );
      }
    });
    it("fails prod when deletion protection is switched off", async () => {
      const { plan } = await planWith("prod", { database: { deletionProtection: false } });
      const found = plan!.violations
        .filter((v) => v.policy === "aws-data-deletion-protection")
        .map((v) => `${v.enforcementLevel}: ${v.message}`);
      assert.deepEqual(found, [
        'mandatory: global cluster "database-global" must set deletionProtection: true in prod',
        'mandatory: Aurora cluster "database-us-east-1-cluster" must set deletionProtection: true in prod',
        'mandatory: Aurora cluster "database-us-west-2-cluster" must set deletionProtection: true in prod',
        'mandatory: Aurora cluster "database-eu-west-1-cluster" must set deletionProtection: true in prod',
      ]);
    });
  });

  describe("dev", () => {
    let plan: Plan;
    before(async () => ({ plan } = await planFor("dev")));

    it("is a single regional cluster and replication group, no global resources", () => {
      assert.equal(ofType(plan, GLOBAL_CLUSTER).length, 0);
      assert.equal(ofType(plan, GLOBAL_GROUP).length, 0);
      const [cluster] = ofType(plan, CLUSTER);
      assert.equal(ofType(plan, CLUSTER).length, 1);
      assert.equal(cluster.inputs.globalClusterIdentifier, undefined);
      assert.equal(cluster.inputs.deletionProtection, false);
      assert.equal(cluster.inputs.skipFinalSnapshot, true);
      assert.equal(cluster.inputs.storageEncrypted, true);
      assert.equal(ofType(plan, GROUP).length, 1);
      assert.equal(ofType(plan, GROUP)[0].inputs.numCacheClusters, 2);
      assert.deepEqual(plan.resources.find((r) => r.name === "database-master-secret")!.inputs.replicas, []);
      assert.equal(ofType(plan, ALARM).filter((a) => /ReplicationLag$/.test(String(a.inputs.metricName))).length, 0);
    });
  });
});
