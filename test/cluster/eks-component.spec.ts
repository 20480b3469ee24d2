import { strict as assert } from "assert";
import { ADDON_NAMES } from "../../components/cluster/addon-versions";
import type { PlatformConfig } from "../../components/config";
import { clusterName } from "../../components/naming";
import type { PlanResource } from "../../tools/engine/run";
import type { Plan } from "../../tools/plan-lib";
import { byUrn, descendantsOf, ofType, planFor } from "../helpers/plan";

const PROD_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

/** Nearest ancestor of `r` (or `r` itself) of the given type. */
function ancestorOfType(plan: Plan, r: PlanResource, type: string): PlanResource | undefined {
  const map = byUrn(plan);
  let cur: PlanResource | undefined = r;
  while (cur && cur.type !== type) cur = cur.parent ? map.get(cur.parent) : undefined;
  return cur;
}

/**
 * The one AWS region a resource belongs to: the regions of the AWS resources under its nearest
 * ancestor that has any. Works for resources under a Region and for per-region components the
 * Platform parents directly (e.g. the edge's RegionalEdge).
 */
function homeRegion(plan: Plan, r: PlanResource): string {
  const map = byUrn(plan);
  let cur = r.parent ? map.get(r.parent) : undefined;
  while (cur) {
    const regions = new Set(
      descendantsOf(plan, cur.urn)
        .map((d) => d.region)
        .filter((x): x is string => x !== null),
    );
    if (regions.size > 0) {
      assert.equal(regions.size, 1, `${r.urn}: nearest ancestor ${cur.urn} spans ${[...regions].join(", ")}`);
      return [...regions][0];
    }
    cur = cur.parent ? map.get(cur.parent) : undefined;
  }
  throw new Error(`${r.urn} has no regional ancestor`);
}

describe("prod plan: one EKS cluster per region", function () {
  this.timeout(120_000);
  let plan: Plan;
  let config: PlatformConfig;
  before(async () => {
    ({ plan, config } = await planFor("prod"));
  });

  it("has exactly one eks:index:Cluster per region, each on its own region's aws provider", () => {
    const clusters = ofType(plan, "eks:index:Cluster");
    assert.deepEqual(clusters.map((c) => c.region).sort(), [...PROD_REGIONS].sort());
    for (const c of clusters) assert.ok(c.provider?.endsWith(`::aws-${c.region}`), `${c.urn} uses ${c.provider}`);
  });

  for (const region of PROD_REGIONS) {
    describe(region, () => {
      let eks: PlanResource;
      let mine: PlanResource[];
      before(() => {
        eks = ofType(plan, "eks:index:Cluster").find((c) => c.region === region)!;
        mine = descendantsOf(plan, eks.parent!);
      });
      const all = (type: string) => mine.filter((r) => r.type === type);

      it("passes the control-plane settings: version, API auth, logs, private endpoint, KMS encryption", () => {
        const i = eks.inputs;
        assert.equal(i.name, clusterName(config.name, "prod", region));
        assert.equal(i.version, config.cluster.kubernetesVersion);
        assert.equal(i.authenticationMode, "API");
        assert.deepEqual(i.enabledClusterLogTypes, ["api", "audit", "authenticator"]);
        assert.equal(i.endpointPrivateAccess, true);
        assert.equal(i.endpointPublicAccess, false);
        assert.equal(i.publicAccessCidrs, undefined);
        assert.equal(i.deletionProtection, true);
        assert.equal(i.createOidcProvider, false);
        assert.equal(i.skipDefaultNodeGroup, true);
        assert.equal(i.bootstrapSelfManagedAddons, false);
        assert.equal(i.nodeAssociatePublicIpAddress, false);
        const [key] = all("aws:kms/key:Key");
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.match(String(i.encryptionConfigKeyArn), new RegExp(`^arn:aws:kms:${region}:`));
        assert.ok(eks.dependencies.includes(key.urn), "the cluster depends on its KMS key");
      });

      it("puts the cluster and the system nodes in this region's private subnets only", () => {
        const vpc = ofType(plan, "platform:network:Vpc").find((v) =>
          descendantsOf(plan, v.urn).some((d) => d.region === region),
        )!;
        const privateSubnets = descendantsOf(plan, vpc.urn).filter(
          (s) => s.type === "aws:ec2/subnet:Subnet" && s.name.includes("-private-"),
        );
        const ids = privateSubnets.map((s) => `${s.name}-id`).sort();
        assert.equal(ids.length, 3);
        assert.deepEqual([...(eks.inputs.privateSubnetIds as string[])].sort(), ids);
        assert.equal(eks.inputs.publicSubnetIds, undefined);
        const [ng] = all("aws:eks/nodeGroup:NodeGroup");
        assert.deepEqual([...(ng.inputs.subnetIds as string[])].sort(), ids);
      });

      it("has every add-on once, at the version AWS resolves at deploy time for the cluster's Kubernetes version", () => {
        const addons = all("aws:eks/addon:Addon");
        assert.deepEqual(addons.map((a) => a.inputs.addonName).sort(), [...ADDON_NAMES].sort());
        for (const a of addons) {
          // The mock engine's answer for aws.eks.getAddonVersion: no invented build number offline.
          assert.equal(
            a.inputs.addonVersion,
            `offline-placeholder(${a.inputs.addonName}, default for ${config.cluster.kubernetesVersion}; resolved by AWS at deploy)`,
          );
          assert.equal(a.inputs.clusterName, eks.inputs.name);
          assert.ok(a.dependencies.includes(eks.urn), `${a.name} depends on the cluster`);
        }
      });

      it("orders node DaemonSets before the system node group and Deployments after it", () => {
        const [ng] = all("aws:eks/nodeGroup:NodeGroup");
        const addon = (n: string) => all("aws:eks/addon:Addon").find((a) => a.inputs.addonName === n)!;
        for (const n of ["eks-pod-identity-agent", "vpc-cni", "kube-proxy"])
          assert.ok(ng.dependencies.includes(addon(n).urn), `node group after ${n}`);
        for (const n of ["coredns", "aws-ebs-csi-driver", "metrics-server"])
          assert.ok(addon(n).dependencies.includes(ng.urn), `${n} after the node group`);
        // Issue 14: the CNI's Pod Identity association does not need the agent at create time.
        assert.ok(
          !addon("vpc-cni").dependencies.includes(addon("eks-pod-identity-agent").urn),
          "vpc-cni does not wait for the Pod Identity agent",
        );
      });

      it("protects the secrets KMS key in prod (destroy or replacement would lose every Secret)", () => {
        const [key] = all("aws:kms/key:Key");
        assert.equal(key.options?.protect, true, key.urn);
      });

      it("turns on the VPC CNI's network policy enforcement (a string, as the add-on schema types it)", () => {
        const cni = all("aws:eks/addon:Addon").find((a) => a.inputs.addonName === "vpc-cni")!;
        assert.equal(JSON.parse(String(cni.inputs.configurationValues)).enableNetworkPolicy, "true");
      });

      it("binds vpc-cni and EBS CSI to Pod Identity roles with their AWS managed policies", () => {
        for (const [addonName, sa, policy] of [
          ["vpc-cni", "aws-node", "AmazonEKS_CNI_Policy"],
          ["aws-ebs-csi-driver", "ebs-csi-controller-sa", "service-role/AmazonEBSCSIDriverPolicy"],
        ]) {
          const a = all("aws:eks/addon:Addon").find((x) => x.inputs.addonName === addonName)!;
          const role = all("aws:iam/role:Role").find((r) => r.name.endsWith(`-${addonName}-role`))!;
          assert.deepEqual(a.inputs.podIdentityAssociations, [
            { roleArn: `arn:aws:iam::123456789012:role/${role.inputs.name}`, serviceAccount: sa },
          ]);
          assert.match(String(role.inputs.assumeRolePolicy), /pods\.eks\.amazonaws\.com/);
          const attach = all("aws:iam/rolePolicyAttachment:RolePolicyAttachment").find(
            (x) => x.dependencies.includes(role.urn) && x.name.includes(addonName),
          )!;
          assert.equal(attach.inputs.policyArn, `arn:aws:iam::aws:policy/${policy}`);
        }
      });

      it("runs a tainted, labelled on-demand system node group on an IMDSv2-only, encrypted launch template", () => {
        const [ng] = all("aws:eks/nodeGroup:NodeGroup");
        assert.equal(ng.inputs.capacityType, "ON_DEMAND");
        assert.deepEqual(ng.inputs.taints, [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }]);
        assert.deepEqual(ng.inputs.labels, { "platform.io/node-role": "system" });
        const sizes = ng.inputs.scalingConfig as Record<string, number>;
        assert.ok(sizes.minSize >= 2 && sizes.maxSize <= 3, JSON.stringify(sizes));
        const [lt] = all("aws:ec2/launchTemplate:LaunchTemplate");
        assert.deepEqual((ng.inputs.launchTemplate as Record<string, unknown>).id, `${lt.name}-id`);
        assert.equal((lt.inputs.metadataOptions as Record<string, unknown>).httpTokens, "required");
        assert.equal((lt.inputs.metadataOptions as Record<string, unknown>).httpPutResponseHopLimit, 1);
        for (const b of lt.inputs.blockDeviceMappings as { ebs: Record<string, unknown> }[])
          assert.deepEqual([b.ebs.encrypted, b.ebs.volumeType], ["true", "gp3"]);
        const tagged = lt.inputs.tagSpecifications as { resourceType: string; tags: Record<string, string> }[];
        assert.deepEqual(
          tagged.map((t) => t.resourceType),
          ["instance", "volume", "network-interface"],
        );
        for (const t of tagged) assert.equal(t.tags.region, region);
        const role = all("aws:iam/role:Role").find((r) => r.name.endsWith("-system-node-role"))!;
        const policies = all("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
          .filter((x) => x.dependencies.includes(role.urn))
          .map((x) => x.inputs.policyArn)
          .sort();
        assert.deepEqual(policies, [
          "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
          "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        ]);
      });

      it("builds its k8s provider from the cluster's kubeconfigJson and the default gp3 StorageClass on it", () => {
        const [provider] = all("pulumi:providers:kubernetes");
        assert.ok(provider.dependencies.includes(eks.urn), "the provider depends on the cluster");
        // plan.json decodes provider inputs that travel as JSON text.
        const kubeconfig = provider.inputs.kubeconfig as { clusters: { name: string }[] };
        assert.equal(kubeconfig.clusters[0].name, eks.inputs.name);
        const [sc] = all("kubernetes:storage.k8s.io/v1:StorageClass");
        assert.equal(sc.provider, provider.urn);
        assert.equal((sc.inputs.parameters as Record<string, string>).encrypted, "true");
        const ebs = all("aws:eks/addon:Addon").find((a) => a.inputs.addonName === "aws-ebs-csi-driver")!;
        assert.ok(!sc.dependencies.includes(ebs.urn), "the StorageClass does not wait for the EBS CSI driver");
        assert.deepEqual(
          sc.dependencies.filter((d) => byUrn(plan).get(d)?.type === "aws:eks/addon:Addon"),
          [],
          "nor for any add-on",
        );
      });
    });
  }

  it("gives the declared admin, deploy and preview roles an EKS access entry on every cluster", () => {
    for (const c of ofType(plan, "eks:index:Cluster")) {
      const entries = c.inputs.accessEntries as Record<string, { principalArn: string; accessPolicies: object }>;
      assert.deepEqual(
        Object.entries(entries).map(([k, e]) => [k, e.principalArn]),
        [
          ["admin-0", config.cluster.access.admins[0]],
          ["deployer-0", config.cluster.access.deployers[0]],
          ["previewer-0", config.cluster.access.previewers[0]],
        ],
        c.urn,
      );
      assert.deepEqual(entries["previewer-0"].accessPolicies, {
        previewers: {
          policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
          accessScope: { type: "cluster" },
        },
      });
    }
  });

  it("runs the in-network deployer in the primary region's private subnets, behind its own security group", () => {
    const [project, ...more] = ofType(plan, "aws:codebuild/project:Project");
    assert.equal(more.length, 0);
    assert.equal(project.region, "us-east-1");
    const primary = ofType(plan, "eks:index:Cluster").find((c) => c.region === "us-east-1")!;
    const vpc = project.inputs.vpcConfig as { vpcId: string; subnets: string[]; securityGroupIds: string[] };
    assert.deepEqual(vpc.subnets, primary.inputs.privateSubnetIds);
    assert.equal(vpc.vpcId, primary.inputs.vpcId);
    const sg = ofType(plan, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name.endsWith("-deployer-sg"))!;
    assert.deepEqual(vpc.securityGroupIds, [`${sg.name}-id`]);
    const egress = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) =>
      r.dependencies.includes(sg.urn),
    );
    assert.deepEqual(
      egress.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
      [["tcp", 443, 443, "0.0.0.0/0"]],
    );
    // The prod stack file has not attested the GitHub handshake: no webhook through a PENDING
    // connection (its filter groups are checked in test/ci/runner.spec.ts once it is attested).
    assert.deepEqual(ofType(plan, "aws:codebuild/webhook:Webhook"), []);
    assert.equal(ofType(plan, "aws:codeconnections/connection:Connection").length, 1);
  });

  for (const region of PROD_REGIONS)
    it(`${region}: private-only endpoint that admits the primary VPC on 443, before any Kubernetes call`, () => {
      const eks = ofType(plan, "eks:index:Cluster").find((c) => c.region === region)!;
      assert.equal(eks.inputs.endpointPublicAccess, false);
      assert.equal(eks.inputs.publicAccessCidrs, undefined);
      const rule = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").find(
        (r) => r.region === region && r.name.endsWith("-deployer-api"),
      )!;
      assert.deepEqual(
        [rule.inputs.securityGroupId, rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.cidrIpv4],
        [`sg-${eks.inputs.name}-cluster`, 443, 443, "10.0.0.0/16"],
      );
      const provider = ofType(plan, "pulumi:providers:kubernetes").find((p) => p.dependencies.includes(eks.urn))!;
      assert.ok(provider.dependencies.includes(rule.urn), "the k8s provider waits for the deployer's path");
    });

  it("binds every Kubernetes resource to the k8s provider of its own region's cluster", () => {
    const map = byUrn(plan);
    const k8sResources = plan.resources.filter((r) => r.type.startsWith("kubernetes:"));
    assert.ok(k8sResources.length > PROD_REGIONS.length, `found ${k8sResources.length}`);
    for (const r of k8sResources) {
      const provider = r.provider ? map.get(r.provider) : undefined;
      assert.equal(provider?.type, "pulumi:providers:kubernetes", `${r.urn} has provider ${r.provider}`);
      const owner = ancestorOfType(plan, provider!, "platform:cluster:EksCluster");
      assert.ok(owner, `${provider!.urn} is not an EksCluster's provider`);
      const clusterRegion = descendantsOf(plan, owner!.urn).find((d) => d.type === "eks:index:Cluster")!.region;
      assert.equal(clusterRegion, homeRegion(plan, r), r.urn);
    }
  });

  it("exports each region's cluster name and endpoint", () => {
    const regions = (plan.outputs.regions ?? plan.outputs) as Record<string, Record<string, unknown>>;
    for (const region of PROD_REGIONS) {
      const out = regions[region];
      assert.ok(out, `no outputs for ${region}: ${Object.keys(regions).join(", ")}`);
      assert.equal(out.clusterName, clusterName(config.name, "prod", region));
      assert.match(String(out.clusterEndpoint), new RegExp(`^https://.+\\.${region}\\.eks\\.amazonaws\\.com$`));
    }
  });
});

describe("dev plan: the same cluster in one region", function () {
  this.timeout(60_000);
  it("has one cluster without deletion protection, and its add-ons", async () => {
    const { plan } = await planFor("dev");
    const clusters = ofType(plan, "eks:index:Cluster");
    assert.deepEqual(
      clusters.map((c) => [c.region, c.inputs.deletionProtection]),
      [["us-east-1", false]],
    );
    assert.equal(ofType(plan, "aws:eks/addon:Addon").length, ADDON_NAMES.length);
    // dev deploys from outside: public endpoint limited to the deployer's CIDRs, no runner.
    assert.deepEqual(
      [clusters[0].inputs.endpointPublicAccess, clusters[0].inputs.publicAccessCidrs],
      [true, ["203.0.113.0/24"]],
    );
    assert.equal(ofType(plan, "aws:codebuild/project:Project").length, 0);
    const keys = ofType(plan, "aws:kms/key:Key").filter((k) => k.name.endsWith("-secrets-key"));
    assert.deepEqual(
      keys.map((k) => k.options?.protect),
      [false],
      "dev keys stay destroyable",
    );
  });
});
