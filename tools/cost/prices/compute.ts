import { PAGES, onAws, onSingaporeBill, onThirdParty } from "./readings";
import { type Price, uniform, usEu } from "./types";

const EKS = "https://aws.amazon.com/eks/pricing/";
const EC2 = "https://aws.amazon.com/ec2/pricing/on-demand/";

export const EKS_PRICES = {
  /** Control plane, per cluster-hour, Kubernetes version in standard support. */
  controlPlane: {
    unit: "cluster-hour",
    usd: { ...uniform(0.1), "ap-southeast-1": 0.1 },
    source: EKS,
    seen: [
      onAws(
        PAGES.eksExtendedBlog,
        "unnamed",
        0.1,
        "AWS Containers blog announcing extended-support pricing: clusters in standard support continue to pay " +
          "$0.10 per cluster per hour; no region is named. Read through a stored mirror copy of the post.",
      ),
      onThirdParty(
        PAGES.vantageEksBlog,
        "unnamed",
        0.1,
        "$0.10 per cluster per hour for standard support; no region named.",
      ),
    ],
    note:
      "AWS: $0.10 per cluster per hour in standard support, with no regional table: pinned the same in every " +
      "priced region and in ap-southeast-1, the first Asia-Pacific region priced.",
  },
  /** Control plane in extended support (total, not a surcharge). */
  controlPlaneExtended: {
    unit: "cluster-hour",
    usd: { ...uniform(0.6), "ap-southeast-1": 0.6 },
    source: EKS,
    seen: [
      onAws(
        PAGES.eksExtendedBlog,
        "unnamed",
        0.6,
        "A total of $0.60 per cluster per hour in the extended support window, from the April 2024 billing " +
          "cycle; no region is named. Read through a stored mirror copy of the post.",
      ),
      onThirdParty(PAGES.vantageEksBlog, "unnamed", 0.6, "$0.60 per cluster per hour for extended support."),
    ],
    note: "AWS: a total of $0.60 per cluster per hour for a version in extended support (since April 2024).",
  },
} satisfies Record<string, Price>;

/**
 * End of EKS standard support per Kubernetes minor (14 months after EKS release, then 12 months
 * of extended support billed at controlPlaneExtended). Source: the EKS version calendar,
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html, as listed on
 * https://endoflife.date/amazon-eks (read 2026-12-02).
 */
export const EKS_END_OF_STANDARD_SUPPORT: Readonly<Record<string, string>> = {
  "1.32": "2026-03-23",
  "1.33": "2026-07-29",
  "1.34": "2026-12-02",
  "1.35": "2027-03-27",
};

/** vCPU and GiB per instance size; within a family AWS prices sizes linearly (xlarge = 2 x large). */
export const SIZES: Readonly<Record<string, number>> = {
  micro: 0.125,
  small: 0.25,
  medium: 0.5,
  large: 1,
  xlarge: 2,
  "2xlarge": 4,
  "4xlarge": 8,
};

export interface FamilySpec {
  /** vCPU and memory (GiB) of the .large size. */
  vcpu: number;
  memGiB: number;
  arch: "amd64" | "arm64";
  /** USD per hour of the .large size, on-demand Linux. */
  large: Price;
}

const ec2 = (us: number, euw1: number, euc1: number, seen?: Price["seen"]): Price => ({
  unit: "instance-hour (.large)",
  usd: usEu(us, euw1, euc1),
  source: EC2,
  ...(seen ? { seen } : {}),
});

/** Families the Karpenter NodePools and the system node group may use. */
export const EC2_FAMILIES: Readonly<Record<string, FamilySpec>> = {
  m6i: { vcpu: 2, memGiB: 8, arch: "amd64", large: ec2(0.096, 0.107, 0.115) },
  m7i: { vcpu: 2, memGiB: 8, arch: "amd64", large: ec2(0.1008, 0.112, 0.121) },
  c6i: { vcpu: 2, memGiB: 4, arch: "amd64", large: ec2(0.085, 0.096, 0.097) },
  c7i: { vcpu: 2, memGiB: 4, arch: "amd64", large: ec2(0.08925, 0.1008, 0.1019) },
  m7g: {
    vcpu: 2,
    memGiB: 8,
    arch: "arm64",
    large: ec2(0.0816, 0.0904, 0.0972, [
      onThirdParty(
        "https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/",
        ["us-east-1"],
        0.0816,
        "Linux m7g.large $0.0816/hr in us-east-1 (page dated 2026-06-17).",
      ),
    ]),
  },
  c7g: { vcpu: 2, memGiB: 4, arch: "arm64", large: ec2(0.0725, 0.0816, 0.0826) },
  t3: {
    vcpu: 2,
    memGiB: 8,
    arch: "amd64",
    large: {
      ...ec2(0.0832, 0.0912, 0.096),
      usd: { ...usEu(0.0832, 0.0912, 0.096), "ap-southeast-1": 0.1056 },
      seen: [
        onThirdParty(
          "https://go-cloud.io/?p=10607",
          ["us-east-1"],
          0.0832,
          "A t3.large in us-east-1 costs $0.0832/hour (2026 EC2 pricing guide).",
        ),
        onSingaporeBill(
          0.1056,
          "$0.0264 per On Demand Linux t3.small Instance Hour ... $0.0528 per On Demand Linux t3.medium Instance " +
            "Hour (Singapore); the .large is 4 x small = 2 x medium = $0.1056, sizes scaling linearly in a family",
        ),
      ],
    },
  },
  t4g: { vcpu: 2, memGiB: 8, arch: "arm64", large: ec2(0.0672, 0.0736, 0.0768) },
};

export const EBS_PRICES = {
  gp3: {
    unit: "GB-month",
    usd: { ...usEu(0.08, 0.088, 0.0952), "ap-southeast-1": 0.096 },
    source: "https://aws.amazon.com/ebs/pricing/",
    seen: [
      onSingaporeBill(
        0.096,
        "$0.096 per GB-month of General Purpose (gp3) provisioned storage - Asia Pacific (Singapore)",
      ),
    ],
    note: "gp3 storage only; the baseline 3,000 IOPS and 125 MB/s are included.",
  },
} satisfies Record<string, Price>;

export const IPV4_PRICES = {
  publicAddress: {
    unit: "address-hour",
    usd: { ...uniform(0.005), "ap-southeast-1": 0.005 },
    source: "https://aws.amazon.com/vpc/pricing/",
    seen: [
      onThirdParty(
        "https://www.haufe-akademie.de/en/skill-it/blog/aws-gebuehren-ipv4-adressen",
        "all",
        0.005,
        "$0.005 per hour and IP for every public IPv4 address from 2024-02-01; all AWS regions are affected.",
      ),
      onThirdParty(
        "https://community.aws/content/2c6cKl0W4KQZIO6dWnnDHs1tHSp/aws-to-charge-public-ipv4-addresses",
        "unnamed",
        0.005,
        "Community article on AWS's community site (author not AWS): every resource with a public IPv4 address " +
          "(NAT gateway, EC2 instance, load balancer...) is charged $0.005 per IP per hour from 2024-02-01.",
      ),
    ],
    note: "Every public IPv4 address (EIPs of NAT gateways, an internet-facing ALB's per-AZ addresses) since 2024-02-01.",
  },
} satisfies Record<string, Price>;

/** Instance type -> family spec and the size multiplier, or undefined when not pinned. */
export function ec2Type(type: string): { family: string; spec: FamilySpec; mult: number } | undefined {
  const [family, size] = type.split(".");
  const spec = EC2_FAMILIES[family];
  const mult = SIZES[size];
  return spec && mult ? { family, spec, mult } : undefined;
}
