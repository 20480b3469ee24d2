import { strict as assert } from "assert";
import type { ClusterConfig } from "../../components/config/types";
import { ADDON_NAMES } from "../../components/cluster/addon-versions";
import { accessEntryPlans, CLUSTER_ADMIN_POLICY, VIEW_POLICY } from "../../components/cluster/access";
import {
  addonPlans,
  controlPlanePlan,
  gp3StorageClassManifest,
  systemLaunchTemplatePlan,
  systemNodeGroupPlan,
  VPC_CNI_ENV,
} from "../../components/cluster/cluster-plan";
import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS } from "../../components/cluster/types";
import { validateManifest } from "../helpers/schemas";
import { loadStandIn } from "../helpers/stand-in";

const RUNNER = {
  githubRepository: "example-org/platform",
  connectionArn: "arn:aws:codeconnections:us-east-1:111122223333:connection/00000000-0000-0000-0000-000000000000",
};

/** The prod `platform:cluster` section after defaults (in-network deployer), with overrides. */
function clusterConfig(cluster: Record<string, unknown> = {}): ClusterConfig {
  const flat = {
    "platform:environment": "prod",
    "platform:regions": JSON.stringify([{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }]),
    "platform:cluster": JSON.stringify({ deployer: { runner: RUNNER }, ...cluster }),
  };
  return loadStandIn(flat, { project: "platform", stack: "test" }).cluster;
}

describe("EKS planning (pure)", () => {
  describe("controlPlanePlan", () => {
    it("defaults (prod, in-network deployer): API auth, private endpoint only, api/audit/authenticator logs", () => {
      assert.deepEqual(controlPlanePlan(clusterConfig(), "prod"), {
        version: "1.35",
        authenticationMode: "API",
        enabledClusterLogTypes: ["api", "audit", "authenticator"],
        endpointPrivateAccess: true,
        endpointPublicAccess: false,
      });
    });

    it("egress-CIDR deployer: public endpoint limited to its CIDRs; extra logs kept once", () => {
      const cp = controlPlanePlan(
        clusterConfig({
          kubernetesVersion: "1.35",
          deployer: { mode: "egress-cidrs", egressCidrs: ["203.0.113.0/24"] },
          logTypes: ["scheduler", "api", "audit", "authenticator", "scheduler"],
        }),
        "prod",
      );
      assert.equal(cp.version, "1.35");
      assert.equal(cp.endpointPublicAccess, true);
      assert.deepEqual(cp.publicAccessCidrs, ["203.0.113.0/24"]);
      assert.deepEqual(cp.enabledClusterLogTypes, ["api", "audit", "authenticator", "scheduler"]);
    });
  });

  describe("access entries", () => {
    it("one entry per declared principal, keyed by role: cluster-admin, previewers view-only", () => {
      const arn = (n: string) => `arn:aws:iam::111122223333:role/${n}`;
      assert.deepEqual(
        accessEntryPlans({ admins: [arn("a")], deployers: [arn("d1"), arn("d2")], previewers: [arn("p")] }),
        [
          { key: "admin-0", principalArn: arn("a"), role: "admins", policyArn: CLUSTER_ADMIN_POLICY },
          { key: "deployer-0", principalArn: arn("d1"), role: "deployers", policyArn: CLUSTER_ADMIN_POLICY },
          { key: "deployer-1", principalArn: arn("d2"), role: "deployers", policyArn: CLUSTER_ADMIN_POLICY },
          { key: "previewer-0", principalArn: arn("p"), role: "previewers", policyArn: VIEW_POLICY },
        ],
      );
      assert.equal(CLUSTER_ADMIN_POLICY, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
      assert.equal(VIEW_POLICY, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy");
    });
  });

  describe("system node group", () => {
    it("is on-demand, labelled and tainted for critical add-ons, sized from config", () => {
      const ng = systemNodeGroupPlan(
        clusterConfig({
          systemNodeGroup: {
            minSize: 2,
            desiredSize: 3,
            maxSize: 3,
            instanceTypes: ["m7g.large"],
            amiType: "BOTTLEROCKET_ARM_64",
          },
        }),
      );
      assert.equal(ng.capacityType, "ON_DEMAND");
      assert.equal(ng.amiType, "BOTTLEROCKET_ARM_64");
      assert.deepEqual(ng.instanceTypes, ["m7g.large"]);
      assert.deepEqual(ng.scalingConfig, { minSize: 2, desiredSize: 3, maxSize: 3 });
      assert.deepEqual(ng.labels, { "platform.io/node-role": "system" });
      // EKS spells the effect NO_SCHEDULE; the tolerations use the Kubernetes spelling.
      assert.deepEqual(ng.taints, [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }]);
      assert.deepEqual(SYSTEM_TOLERATIONS, [
        { key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" },
      ]);
    });

    it("launch template: IMDSv2 required with hop limit 1, one encrypted gp3 root volume on AL2023", () => {
      const lt = systemLaunchTemplatePlan(clusterConfig({ systemNodeGroup: { diskSizeGiB: 80 } }));
      assert.deepEqual(lt.metadataOptions, {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      });
      assert.deepEqual(lt.blockDeviceMappings, [
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: 80, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ]);
    });

    it("launch template: Bottlerocket gets an encrypted OS volume and the data volume sized from config", () => {
      const lt = systemLaunchTemplatePlan(
        clusterConfig({ systemNodeGroup: { amiType: "BOTTLEROCKET_x86_64", diskSizeGiB: 60 } }),
      );
      assert.deepEqual(
        lt.blockDeviceMappings.map((b) => [b.deviceName, b.ebs.volumeSize, b.ebs.encrypted, b.ebs.volumeType]),
        [
          ["/dev/xvda", 4, "true", "gp3"],
          ["/dev/xvdb", 60, "true", "gp3"],
        ],
      );
    });
  });

  describe("add-ons", () => {
    it("invents no add-on version: none unless config pins one, and a pin is kept as written", () => {
      const plans = addonPlans(clusterConfig({ kubernetesVersion: "1.33" }));
      assert.deepEqual(
        plans.map((p) => [p.name, p.pinnedVersion, p.phase]),
        [
          ["eks-pod-identity-agent", undefined, "beforeNodes"],
          ["vpc-cni", undefined, "beforeNodes"],
          ["kube-proxy", undefined, "beforeNodes"],
          ["coredns", undefined, "afterNodes"],
          ["aws-ebs-csi-driver", undefined, "afterNodes"],
          ["metrics-server", undefined, "afterNodes"],
        ],
      );
      const pinned = addonPlans(clusterConfig({ addonVersions: { coredns: "v1.12.4-eksbuild.1" } }));
      assert.deepEqual(
        pinned.filter((p) => p.pinnedVersion).map((p) => [p.name, p.pinnedVersion]),
        [["coredns", "v1.12.4-eksbuild.1"]],
      );
      assert.deepEqual([...ADDON_NAMES].sort(), plans.map((p) => p.name).sort());
    });

    it("vpc-cni: seed 002 prefix delegation and WARM_IP_TARGET 2, CNI policy through Pod Identity after the agent", () => {
      const cni = addonPlans(clusterConfig()).find((p) => p.name === "vpc-cni")!;
      assert.deepEqual(cni.configurationValues, {
        env: { ENABLE_PREFIX_DELEGATION: "true", WARM_IP_TARGET: "2", AWS_VPC_CNI_NODE_PORT_SUPPORT: "true" },
        // The add-on schema types it as a string: a boolean true would be refused by EKS.
        enableNetworkPolicy: "true",
      });
      assert.deepEqual(VPC_CNI_ENV, cni.configurationValues!.env);
      assert.deepEqual(cni.podIdentity, { serviceAccount: "aws-node", managedPolicy: "AmazonEKS_CNI_Policy" });
      assert.equal(cni.after, undefined, "no create-time wait for the Pod Identity agent");
    });

    it("CoreDNS, the EBS CSI controller and metrics-server tolerate the system taint and select the system nodes", () => {
      const byName = new Map(addonPlans(clusterConfig()).map((p) => [p.name, p]));
      const pinned = { nodeSelector: SYSTEM_NODE_LABEL, tolerations: SYSTEM_TOLERATIONS };
      assert.deepEqual(byName.get("coredns")!.configurationValues, { replicaCount: 2, ...pinned });
      assert.deepEqual(byName.get("metrics-server")!.configurationValues, pinned);
      assert.deepEqual(byName.get("aws-ebs-csi-driver")!.configurationValues, {
        controller: pinned,
        node: { tolerateAllTaints: true },
      });
      assert.deepEqual(byName.get("aws-ebs-csi-driver")!.podIdentity, {
        serviceAccount: "ebs-csi-controller-sa",
        managedPolicy: "service-role/AmazonEBSCSIDriverPolicy",
      });
    });
  });

  describe("gp3 StorageClass", () => {
    it("is the encrypted default, bound where the pod lands, and valid against the Kubernetes schema", async () => {
      const sc = gp3StorageClassManifest();
      assert.equal(sc.metadata.annotations["storageclass.kubernetes.io/is-default-class"], "true");
      assert.equal(sc.provisioner, "ebs.csi.aws.com");
      assert.deepEqual(sc.parameters, { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" });
      assert.equal(sc.volumeBindingMode, "WaitForFirstConsumer");
      await validateManifest("kubernetes-models/storage.k8s.io/v1/StorageClass", "StorageClass", sc);
    });

    it("the schema check can fail: a non-boolean allowVolumeExpansion is rejected", async () => {
      await assert.rejects(
        validateManifest("kubernetes-models/storage.k8s.io/v1/StorageClass", "StorageClass", {
          ...gp3StorageClassManifest(),
          allowVolumeExpansion: "yes",
        }),
      );
    });
  });
});
