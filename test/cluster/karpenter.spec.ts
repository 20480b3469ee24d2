import { strict as assert } from "assert";
import { ConfigError, formatIssue } from "../../components/config";
import type { NodePoolConfig } from "../../components/config/types";
import { ec2NodeClassManifest, karpenterValues, nodePoolManifest } from "../../components/cluster/karpenter";
import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS } from "../../components/cluster/types";
import { validateManifest } from "../helpers/schemas";
import { loadStandIn } from "../helpers/stand-in";

const NODE_POOL: [string, string] = ["@kubernetes-models/karpenter/karpenter.sh/v1/NodePool", "NodePool"];
const EC2_NODE_CLASS: [string, string] = [
  "@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass",
  "EC2NodeClass",
];

const ctx = { project: "platform", stack: "test" };
const flat = (cfg: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(cfg).map(([k, v]) => [`platform:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
  );
const base = { environment: "prod", regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }] };

/** The formatted problems for a karpenter section, or [] when it loads. */
function problems(karpenter: unknown): string[] {
  try {
    loadStandIn(flat({ ...base, karpenter }), ctx);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.issues.map(formatIssue);
  }
}

const seedPool = (): NodePoolConfig => loadStandIn(flat(base), ctx).karpenter.nodePools[0];

describe("karpenter: manifests", () => {
  describe("nodePoolManifest", () => {
    const pool = seedPool();
    const m = nodePoolManifest(pool);

    it("is a valid karpenter.sh/v1 NodePool", async () => {
      await validateManifest(...NODE_POOL, m);
      assert.equal(m.apiVersion, "karpenter.sh/v1");
      assert.equal(m.metadata.name, "general-purpose");
    });

    it("requires the configured capacity types, architectures, families and linux", () => {
      assert.deepEqual(m.spec.template.spec.requirements, [
        { key: "karpenter.sh/capacity-type", operator: "In", values: ["spot", "on-demand"] },
        { key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] },
        {
          key: "karpenter.k8s.aws/instance-family",
          operator: "In",
          values: ["m6i", "m7i", "c6i", "c7i", "m7g", "c7g"],
        },
        { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
      ]);
    });

    it("references the EC2NodeClass and carries seed 002 limits and disruption", () => {
      assert.deepEqual(m.spec.template.spec.nodeClassRef, {
        group: "karpenter.k8s.aws",
        kind: "EC2NodeClass",
        name: "default",
      });
      assert.deepEqual(m.spec.limits, { cpu: "1000", memory: "1000Gi" });
      assert.deepEqual(m.spec.disruption, {
        consolidationPolicy: "WhenEmptyOrUnderutilized",
        consolidateAfter: "30s",
        budgets: [{ nodes: "10%" }],
      });
    });

    it("puts expireAfter under template.spec (v1), not on the disruption block (v1beta1)", () => {
      assert.equal(m.spec.template.spec.expireAfter, "720h");
      assert.equal("expireAfter" in m.spec.disruption, false);
    });

    it("follows config: a spot-only arm64 pool with weight and another node class", async () => {
      const custom = nodePoolManifest(
        {
          ...pool,
          name: "arm-spot",
          capacityTypes: ["spot"],
          architectures: ["arm64"],
          instanceFamilies: ["m7g"],
          weight: 50,
          expireAfter: "Never",
          disruptionBudgetPercent: 25,
        },
        { nodeClassName: "arm" },
      );
      await validateManifest(...NODE_POOL, custom);
      assert.deepEqual(custom.spec.template.spec.requirements[0].values, ["spot"]);
      assert.deepEqual(custom.spec.template.spec.requirements[2].values, ["m7g"]);
      assert.equal(custom.spec.weight, 50);
      assert.equal(custom.spec.template.spec.expireAfter, "Never");
      assert.deepEqual(custom.spec.disruption.budgets, [{ nodes: "25%" }]);
      assert.equal(custom.spec.template.spec.nodeClassRef.name, "arm");
    });

    it("the schema rejects what the config refuses (proves validation is live)", async () => {
      const bad = nodePoolManifest(pool);
      bad.spec.disruption.consolidationPolicy = "Sometimes";
      await assert.rejects(validateManifest(...NODE_POOL, bad));
    });
  });

  describe("ec2NodeClassManifest", () => {
    const m = ec2NodeClassManifest({
      clusterName: "platform-prod-use1",
      nodeRoleName: "platform-prod-use1-karpenter-node",
      rootVolumeGiB: 50,
      amiAlias: "al2023@v20260714",
      tags: { project: "platform", environment: "prod" },
    });

    it("is a valid karpenter.k8s.aws/v1 EC2NodeClass", async () => {
      await validateManifest(...EC2_NODE_CLASS, m);
      assert.equal(m.metadata.name, "default");
    });

    it("pins the AL2023 alias and uses the node role by name", () => {
      assert.deepEqual(m.spec.amiSelectorTerms, [{ alias: "al2023@v20260714" }]);
      assert.equal(m.spec.role, "platform-prod-use1-karpenter-node");
    });

    it("discovers subnets and security groups by karpenter.sh/discovery=<cluster>", () => {
      const discovery = [{ tags: { "karpenter.sh/discovery": "platform-prod-use1" } }];
      assert.deepEqual(m.spec.subnetSelectorTerms, discovery);
      assert.deepEqual(m.spec.securityGroupSelectorTerms, discovery);
    });

    it("requires IMDSv2 with a hop limit of 1 (pods cannot reach node credentials)", () => {
      assert.deepEqual(m.spec.metadataOptions, {
        httpEndpoint: "enabled",
        httpProtocolIPv6: "disabled",
        httpPutResponseHopLimit: 1,
        httpTokens: "required",
      });
    });

    it("gives nodes an encrypted gp3 root volume of the configured size, deleted with the instance", () => {
      assert.deepEqual(m.spec.blockDeviceMappings, [
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true },
        },
      ]);
    });

    it("tags what it launches with the platform tags plus the discovery tag", () => {
      assert.deepEqual(m.spec.tags, {
        project: "platform",
        environment: "prod",
        "karpenter.sh/discovery": "platform-prod-use1",
      });
    });
  });

  describe("karpenterValues", () => {
    const v = karpenterValues({
      clusterName: "platform-prod-use1",
      interruptionQueueName: "platform-prod-use1-karpenter",
    });
    it("sets the cluster name and interruption queue name", () =>
      assert.deepEqual(v.settings, {
        clusterName: "platform-prod-use1",
        interruptionQueue: "platform-prod-use1-karpenter",
      }));
    it("names the ServiceAccount the Pod Identity association binds", () =>
      assert.deepEqual(v.serviceAccount, { create: true, name: "karpenter" }));
    it("runs 2 replicas with a PDB on the tainted system nodes", () => {
      assert.equal(v.replicas, 2);
      assert.deepEqual(v.podDisruptionBudget, { name: "karpenter", maxUnavailable: 1 });
      assert.deepEqual(v.nodeSelector, { "kubernetes.io/os": "linux", ...SYSTEM_NODE_LABEL });
      assert.deepEqual(v.tolerations, SYSTEM_TOLERATIONS);
    });
    it("sets controller requests and limits", () =>
      assert.deepEqual(v.controller.resources, {
        requests: { cpu: "500m", memory: "1Gi" },
        limits: { cpu: "1", memory: "1Gi" },
      }));
  });
});

describe("karpenter: config", () => {
  const pool = (over: Record<string, unknown>) => ({ nodePools: [{ name: "general-purpose", ...over }] });

  it("defaults to a pinned AL2023 AMI and seed 002 limits", () => {
    const c = loadStandIn(flat(base), ctx).karpenter;
    assert.equal(c.amiAlias, "al2023@v20260714");
    assert.deepEqual(c.nodePools[0].limits, { cpu: 1000, memory: "1000Gi" });
  });

  it("rejects an empty instance family list", () =>
    assert.deepEqual(problems(pool({ instanceFamilies: [] })), [
      "platform:karpenter.nodePools[0].instanceFamilies: got []; expected at least one instance family",
    ]));

  it("rejects capacity types other than spot and on-demand", () =>
    assert.deepEqual(problems(pool({ capacityTypes: ["spot", "reserved"] })), [
      'platform:karpenter.nodePools[0].capacityTypes[1]: got "reserved"; expected "spot" or "on-demand"',
    ]));

  it("rejects an empty capacity type list", () =>
    assert.deepEqual(problems(pool({ capacityTypes: [] })), [
      "platform:karpenter.nodePools[0].capacityTypes: got []; expected at least one capacity type",
    ]));

  it("rejects a CPU limit of 0 and a memory limit of 0Gi", () =>
    assert.deepEqual(problems(pool({ limits: { cpu: 0, memory: "0Gi" } })), [
      "platform:karpenter.nodePools[0].limits.cpu: got 0; expected a positive integer (>= 1)",
      'platform:karpenter.nodePools[0].limits.memory: got "0Gi"; expected a memory quantity greater than 0, like "1000Gi"',
    ]));

  it("rejects a negative CPU limit", () =>
    assert.deepEqual(problems(pool({ limits: { cpu: -4 } })), [
      "platform:karpenter.nodePools[0].limits.cpu: got -4; expected a positive integer (>= 1)",
    ]));

  it("rejects duplicate NodePool names", () =>
    assert.deepEqual(
      problems({ nodePools: [{ name: "general-purpose" }, { name: "batch" }, { name: "general-purpose" }] }),
      ['platform:karpenter.nodePools[0].name: got "general-purpose"; expected a unique NodePool name'],
    ));

  it("rejects an AMI alias that is not AL2023", () =>
    assert.deepEqual(problems({ amiAlias: "al2@latest" }), [
      'platform:karpenter.amiAlias: got "al2@latest"; expected an AL2023 alias like "al2023@v20260714" or "al2023@latest"',
    ]));

  it("reports every problem at once", () =>
    assert.equal(
      problems({ nodePools: [{ name: "a", instanceFamilies: [], capacityTypes: ["od"] }], rootVolumeGiB: 0 }).length,
      3,
    ));
});
