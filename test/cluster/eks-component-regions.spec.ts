import { strict as assert } from "assert";
import { ADDON_NAMES } from "../../components/cluster/addon-versions";
import type { PlatformConfig } from "../../components/config";
import { clusterName } from "../../components/naming";
import type { PlanResource } from "../../tools/engine/run";
import type { Plan } from "../../tools/plan-lib";
import { byUrn, descendantsOf, ofType, planFor } from "../helpers/plan";

const PROD_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

describe("prod plan: one EKS cluster per region", function () {
  this.timeout(120_000);
  let plan: Plan;
  let config: PlatformConfig;
  before(async () => {
    ({ plan, config } = await planFor("prod"));
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
});
