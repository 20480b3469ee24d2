import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import { inExtendedSupport } from "../../tools/cost/rules/compute";
import type { CostReport, CostResource } from "../../tools/cost/types";
import { EKS, plan, res } from "./fixtures";

/**
 * Compute-side rules (EKS control plane, managed node groups, Prometheus' volume, MSK, claims,
 * Fargate batch pods, Jenkins' EFS) on small plans. Prices written from their pages:
 * - EKS https://aws.amazon.com/eks/pricing/: $0.10 per cluster-hour; 1.34 leaves standard support on 2026-12-02
 *   (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).
 * - EC2 https://aws.amazon.com/ec2/pricing/on-demand/: m7g.large $0.0816/h (us-east-1), t3.large $0.0912/h (eu-west-1).
 * - EBS https://aws.amazon.com/ebs/pricing/: gp3 $0.08/GB-month (us-east-1), $0.088 (eu-west-1).
 * - MSK https://aws.amazon.com/msk/pricing/: kafka.m5.large $0.21 per broker-hour, storage $0.10/GB-month (US).
 * - Fargate https://aws.amazon.com/fargate/pricing/: $0.04048 per vCPU-hour, $0.004445 per GB-hour (us-east-1).
 * - EFS https://aws.amazon.com/efs/pricing/: Standard $0.30/GB-month; AWS Backup https://aws.amazon.com/backup/pricing/
 *   EFS warm $0.05/GB-month (US).
 */
const run = (resources: CostResource[], over: Record<string, unknown> = {}): CostReport =>
  estimateCost(plan(resources, over));
const lines = (r: CostReport) => r.lines.map((l) => [l.line, l.region, l.monthly, l.basis]);
const unpriced = (r: CostReport) => r.unpriced.map((u) => [u.region, u.kind, u.reason]);
const free = (r: CostReport) => r.coverage.byType.free.map((e) => [e.type, e.reason]);

describe("cost rules: compute", () => {
  it("bills extended support when less than half a month of standard support is left", () => {
    assert.equal(inExtendedSupport("1.34", "2026-11-17"), false, "15 days left");
    assert.equal(inExtendedSupport("1.34", "2026-11-18"), true, "14 days left");
    assert.equal(inExtendedSupport("1.99", "2026-11-18"), undefined);
  });

  it("assumes standard support for a version without a calendar entry, and names unpriced regions", () => {
    const r = run([res(EKS, "us-east-1", { version: "1.29" }), res(EKS, "us-east-1", {}), res(EKS, "sa-east-1", {})]);
    assert.deepEqual(lines(r), [
      [
        "EKS control plane",
        "us-east-1",
        73,
        "$0.10/h x 730 h; Kubernetes 1.29: support calendar not pinned, standard support assumed",
      ],
      [
        "EKS control plane",
        "us-east-1",
        73,
        "$0.10/h x 730 h; Kubernetes ?: support calendar not pinned, standard support assumed",
      ],
    ]);
    assert.deepEqual(unpriced(r), [
      [
        "sa-east-1",
        "price",
        "no pinned price for EKS control plane in sa-east-1 (see https://aws.amazon.com/eks/pricing/)",
      ],
    ]);
  });

  it("prices a spot node group at its desired size with the launch template's root volumes", () => {
    const ng = res("aws:eks/nodeGroup:NodeGroup", "us-east-1", {
      instanceTypes: ["m7g.xlarge", "m7g.large"],
      scalingConfig: { desiredSize: 3 },
      capacityType: "SPOT",
    });
    ng.parent = "urn:cluster";
    const lt = res("aws:ec2/launchTemplate:LaunchTemplate", "us-east-1", {
      blockDeviceMappings: [{ ebs: { volumeSize: 50 } }],
    });
    lt.parent = "urn:cluster";
    const other = res("aws:ec2/launchTemplate:LaunchTemplate", "eu-west-1", {
      blockDeviceMappings: [{ ebs: { volumeSize: 999 } }],
    });
    other.parent = "urn:cluster";
    // 3 x $0.1632 (2 x .large) x 0.4 x 730 h = 142.96; 150 GiB x $0.08 = 12.
    assert.deepEqual(lines(run([other, ng, lt], { compute: { spotPriceRatio: 0.4 } })), [
      [
        "system node group EC2",
        "us-east-1",
        142.96,
        "3 x m7g.xlarge (desiredSize) x $0.1632/h x spotPriceRatio 0.4 x 730 h",
      ],
      ["system node root volumes", "us-east-1", 12, "3 x 50 GiB (launch template) x $0.08/GB-month gp3"],
    ]);
  });

  it("prices an on-demand node group of one node without a launch template, and names unpinned types", () => {
    const r = run([
      res("aws:eks/nodeGroup:NodeGroup", "eu-west-1", { instanceTypes: ["t3.large"] }),
      res("aws:eks/nodeGroup:NodeGroup", "eu-west-1", { instanceTypes: ["x9.large"] }),
      res("aws:eks/nodeGroup:NodeGroup", "ap-south-1", { instanceTypes: ["m7g.large"] }),
    ]);
    assert.deepEqual(lines(r), [
      ["system node group EC2", "eu-west-1", 66.58, "1 x t3.large (desiredSize) x $0.0912/h on-demand x 730 h"],
      [
        "system node root volumes",
        "eu-west-1",
        1.76,
        "1 x 20 GiB (launch template not found: EKS default 20 GiB) x $0.088/GB-month gp3",
      ],
    ]);
    assert.deepEqual(unpriced(r), [
      ["eu-west-1", "price", "instance type x9.large has no pinned price"],
      [
        "ap-south-1",
        "price",
        "no pinned price for EC2 m7g in ap-south-1 (see https://aws.amazon.com/ec2/pricing/on-demand/)",
      ],
    ]);
  });

  it("prices Prometheus' volume from the chart values, in Gi only", () => {
    const release = (storage?: string) =>
      res("kubernetes:helm.sh/v3:Release", "us-east-1", {
        values: {
          prometheus: {
            prometheusSpec: {
              storageSpec: { volumeClaimTemplate: { spec: { resources: { requests: { storage } } } } },
            },
          },
        },
      });
    const r = run([release("100Gi"), release("1Ti"), release()]);
    assert.deepEqual(lines(r), [["Prometheus volume", "us-east-1", 8, "100 GiB PVC x $0.08/GB-month gp3"]]);
    assert.deepEqual(unpriced(r), [["us-east-1", "usage", "Prometheus volume size 1Ti not in Gi"]]);
  });

  it("prices MSK brokers and their storage, and names types and regions without prices", () => {
    const msk = (region: string, instanceType: string, extra: Record<string, unknown> = {}) =>
      res("aws:msk/cluster:Cluster", region, {
        brokerNodeGroupInfo: { instanceType, storageInfo: { ebsStorageInfo: { volumeSize: 100 } } },
        ...extra,
      });
    const r = run([
      msk("us-east-1", "kafka.m5.large", { numberOfBrokerNodes: 3 }),
      msk("us-east-1", "kafka.x9.large"),
      msk("eu-west-1", "kafka.m5.large"),
    ]);
    assert.deepEqual(lines(r), [
      ["MSK brokers kafka.m5.large", "us-east-1", 459.9, "3 brokers x $0.21/h x 730 h"],
      ["MSK broker storage", "us-east-1", 30, "3 brokers x 100 GB x $0.10/GB-month"],
    ]);
    assert.deepEqual(unpriced(r), [
      ["us-east-1", "price", "MSK broker type kafka.x9.large has no pinned price"],
      [
        "eu-west-1",
        "price",
        "no pinned MSK broker (kafka.m5.large) or storage price in eu-west-1 (see https://aws.amazon.com/msk/pricing/)",
      ],
    ]);
  });

  it("prices a claim the program creates as gp3, and not one bound to a planned volume", () => {
    const pvc = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) =>
      res("kubernetes:core/v1:PersistentVolumeClaim", "us-east-1", { metadata, spec }, "claim");
    const req = (storage: string) => ({ resources: { requests: { storage } } });
    const r = run([
      pvc({ ...req("20Gi"), storageClassName: "gp3" }, { name: "jaeger" }),
      pvc(req("5Gi")),
      pvc({ ...req("8Gi"), volumeName: "jenkins-home" }),
      pvc({}),
      pvc(req("1Ti")),
    ]);
    assert.deepEqual(lines(r), [
      ["volume jaeger", "us-east-1", 1.6, "20 GiB PVC (gp3) x $0.08/GB-month gp3"],
      ["volume claim", "us-east-1", 0.4, "5 GiB PVC (default class) x $0.08/GB-month gp3"],
    ]);
    assert.deepEqual(unpriced(r), [
      ["us-east-1", "usage", "claim without a storage request"],
      ["us-east-1", "usage", "claim size 1Ti not in Gi"],
    ]);
  });
});

describe("cost rules: Fargate batch and Jenkins storage", () => {
  const PROFILE = "aws:eks/fargateProfile:FargateProfile";
  const cron = (
    region: string,
    labels: Record<string, string>,
    requests: object[],
    notes = true,
    namespace = "batch",
  ) =>
    res("kubernetes:batch/v1:CronJob", region, {
      metadata: {
        namespace,
        annotations: notes
          ? { "platform.io/cost-runs-per-month": "30", "platform.io/cost-minutes-per-completion": "12" }
          : {},
      },
      spec: {
        jobTemplate: {
          spec: {
            ...(notes ? { completions: 2 } : {}),
            template: {
              metadata: { labels },
              spec: { containers: requests.map((q) => ({ resources: { requests: q } })) },
            },
          },
        },
      },
    });
  const profile = (region: string) =>
    res(PROFILE, region, { selectors: [{ namespace: "other" }, { namespace: "batch", labels: { app: "report" } }] });
  const two = [
    { cpu: "500m", memory: "1Gi" },
    { cpu: "250m", memory: "512Mi" },
  ];

  it("prices the pods a Fargate profile selects at the size Fargate rounds their requests up to", () => {
    const r = run([profile("us-east-1"), cron("us-east-1", { app: "report", tier: "x" }, two)]);
    // 0.75 vCPU / 1.5 GiB + 0.25 GiB -> 1 vCPU / 2 GB; 30 runs x 2 pods x 12 min = 12 pod-hours
    // x (0.04048 + 2 x 0.004445) = 0.59.
    assert.deepEqual(lines(r), [
      [
        "Fargate batch pods",
        "us-east-1",
        0.59,
        "30 runs x 2 pods x 12 min = 12.0 pod-hours x (1 vCPU x $0.0405 + 2 GB x $0.004445)/h; requests 0.75 vCPU / 1.5 GiB + 0.25 GiB rounded up to 1 vCPU / 2 GB",
      ],
    ]);
    assert.deepEqual(free(r), [
      [PROFILE, "a Fargate profile carries no charge; the pods it selects are priced per vCPU and GB"],
    ]);
  });

  it("prices nothing for pods no profile of the region selects, and refuses sizes Fargate does not offer", () => {
    const lone = run([
      profile("us-east-1"),
      cron("us-east-1", { app: "other" }, two),
      cron("eu-west-1", { app: "report" }, two),
      cron("us-east-1", { app: "report" }, two, true, "default"),
    ]);
    assert.deepEqual(lines(lone), []);
    const big = run([profile("us-east-1"), cron("us-east-1", { app: "report" }, [{ cpu: "64" }])]);
    assert.deepEqual(unpriced(big), [["us-east-1", "usage", "requests 64 vCPU / 0 GiB fit no Fargate pod size"]]);
    const bare = run([profile("us-east-1"), cron("us-east-1", { app: "report" }, [{}], false)]);
    assert.match(lines(bare)[0][3] as string, /^0 runs x 1 pods x 1 min = 0\.0 pod-hours x \(0\.25 vCPU/);
    const away = run([profile("ap-south-1"), cron("ap-south-1", { app: "report" }, two)]);
    assert.equal(away.unpriced.length, 2);
  });

  it("prices Jenkins' EFS home at its assumed size, and its backups when they are on", () => {
    const tags = { "platform.io/cost-storage-gib": "50" };
    const fs = res("aws:efs/fileSystem:FileSystem", "us-east-1", { tags, throughputMode: "elastic" });
    fs.parent = "urn:jenkins";
    const backup = res("aws:efs/backupPolicy:BackupPolicy", "us-east-1", { backupPolicy: { status: "ENABLED" } });
    backup.parent = "urn:jenkins";
    const off = res("aws:efs/backupPolicy:BackupPolicy", "us-east-1", { backupPolicy: { status: "DISABLED" } }, "off");
    const r = run([fs, backup, off]);
    assert.deepEqual(lines(r), [
      ["EFS storage", "us-east-1", 15, "50 GiB assumed (platform:jenkins.efs.storageGiB) x $0.30/GB-month"],
      ["EFS backups", "us-east-1", 2.5, "50 GiB backed up (incremental after the first copy) x $0.05/GB-month"],
    ]);
    assert.deepEqual(unpriced(r), [
      ["us-east-1", "usage", "EFS elastic throughput bills per GB read and written: no transfer assumption"],
    ]);
    assert.deepEqual(free(r), [["aws:efs/backupPolicy:BackupPolicy", "EFS automatic backups are off"]]);
  });

  it("leaves a file system without the size tag, its backups, and EU file systems unpriced", () => {
    const fs = res("aws:efs/fileSystem:FileSystem", "us-east-1", { tags: { "platform.io/cost-storage-gib": "0" } });
    const backup = res("aws:efs/backupPolicy:BackupPolicy", "us-east-1", { backupPolicy: { status: "ENABLED" } });
    const eu = res("aws:efs/fileSystem:FileSystem", "eu-west-1", { tags: { "platform.io/cost-storage-gib": "10" } });
    assert.deepEqual(unpriced(run([fs, backup, eu])), [
      ["us-east-1", "usage", "EFS file system without a platform.io/cost-storage-gib size assumption"],
      ["us-east-1", "usage", "EFS automatic backups: no size assumption on the file system"],
      [
        "eu-west-1",
        "price",
        "no pinned price for EFS Standard storage in eu-west-1 (see https://aws.amazon.com/efs/pricing/)",
      ],
    ]);
  });
});
