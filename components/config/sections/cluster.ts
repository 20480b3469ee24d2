import { z } from "zod";
import { ipv4Cidr, positiveInt } from "../primitives";
import { defaultKubernetesVersion, supportWarning, versionProblem } from "./eks-versions";

export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** The EKS managed add-ons every cluster runs (components/cluster/cluster-plan.ts plans them). */
export const ADDON_NAMES = [
  "vpc-cni",
  "kube-proxy",
  "eks-pod-identity-agent",
  "coredns",
  "aws-ebs-csi-driver",
  "metrics-server",
] as const;
export type AddonName = (typeof ADDON_NAMES)[number];
/** EKS add-on version format, e.g. v1.20.4-eksbuild.1 (describe-addon-versions). */
export const ADDON_VERSION_RE = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

export const DEPLOYER_MODES = ["in-network", "egress-cidrs"] as const;
export type DeployerMode = (typeof DEPLOYER_MODES)[number];
/** CodeBuild Linux container compute types (AWS CodeBuild user guide, "Build environment compute modes and types"). */
export const CODEBUILD_COMPUTE_TYPES = [
  "BUILD_GENERAL1_SMALL",
  "BUILD_GENERAL1_MEDIUM",
  "BUILD_GENERAL1_LARGE",
] as const;

const principalArn = z.string().regex(/^arn:aws:iam::\d{12}:(role|user)\/.+$/, { error: "an IAM role or user ARN" });

/** `platform:cluster` */
export const clusterSchema = z
  .strictObject({
    /**
     * EKS Kubernetes minor. Default: the newest version in standard support that every pinned
     * chart supports (eks-versions.ts); one past extended support is refused, one in or near
     * extended support warns with the date and the cost.
     */
    kubernetesVersion: z
      .string({ error: 'an EKS Kubernetes version like "1.35" (quoted)' })
      .regex(/^1\.\d+$/, { error: 'an EKS Kubernetes version like "1.35" (quoted)' })
      .default(defaultKubernetesVersion()),
    /**
     * Pins for EKS add-on versions, by add-on name. Unpinned add-ons run the version AWS marks
     * default for the cluster's Kubernetes version, looked up at deploy time.
     */
    addonVersions: z
      .strictObject(
        Object.fromEntries(
          ADDON_NAMES.map((n) => [
            n,
            z.string().regex(ADDON_VERSION_RE, { error: "an EKS add-on version like v1.20.4-eksbuild.1" }).optional(),
          ]),
        ) as Record<AddonName, z.ZodOptional<z.ZodString>>,
      )
      .default({}),
    /** Control-plane logs; api, audit and authenticator are always on. */
    logTypes: z
      .array(z.enum(CONTROL_PLANE_LOG_TYPES, { error: `one of ${CONTROL_PLANE_LOG_TYPES.join(", ")}` }))
      .default(["api", "audit", "authenticator"]),
    logRetentionDays: positiveInt.default(90),
    /**
     * Where `pulumi up`/`preview` run, which decides the API endpoint (ARCHITECTURE: the deployer
     * must reach every cluster's API). `in-network` (prod default): the program provisions a
     * CodeBuild-hosted GitHub Actions runner in the primary region's private subnets and the
     * endpoints stay private; every cluster admits the primary VPC on 443 over the peering.
     * `egress-cidrs` (default elsewhere): endpoints are public+private, public limited to
     * `egressCidrs`, the deployer's egress ranges.
     */
    deployer: z
      .strictObject({
        mode: z.enum(DEPLOYER_MODES, { error: `one of ${DEPLOYER_MODES.join(", ")}` }).optional(),
        egressCidrs: z.array(ipv4Cidr).default([]),
        /** The in-network runner (mode in-network). */
        runner: z
          .strictObject({
            /** GitHub repository whose workflow jobs the runner takes, `owner/name`. */
            githubRepository: z
              .string()
              .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { error: "a GitHub repository as owner/name" })
              .optional(),
            /**
             * An existing AWS CodeConnections connection to GitHub. Unset: the program creates one,
             * which stays PENDING until a person completes the GitHub handshake in the console.
             */
            connectionArn: z
              .string()
              .regex(/^arn:aws:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]+$/, {
                error: "a CodeConnections connection ARN (arn:aws:codeconnections:<region>:<account>:connection/<id>)",
              })
              .optional(),
            /**
             * The created connection's GitHub handshake is done (it is AVAILABLE): only then does the
             * program create the runner's webhook, which fails through a PENDING connection.
             */
            connectionAvailable: z.boolean({ error: "true or false" }).default(false),
            /**
             * GitHub account ids (numeric, `gh api users/<login> --jq .id`) of the maintainers whose
             * runs may start the runners: the webhooks' ACTOR_ACCOUNT_ID filter. Required in prod.
             */
            actorAccountIds: z
              .array(z.string().regex(/^[1-9]\d{0,19}$/, { error: "a numeric GitHub account id, quoted" }), {
                error: "a list of numeric GitHub account ids",
              })
              .default([]),
            computeType: z
              .enum(CODEBUILD_COMPUTE_TYPES, { error: `one of ${CODEBUILD_COMPUTE_TYPES.join(", ")}` })
              .default("BUILD_GENERAL1_MEDIUM"),
          })
          .prefault({}),
      })
      .prefault({}),
    /** EKS deletion protection; unset means on in prod, off elsewhere. Turn it off before destroying prod. */
    deletionProtection: z.boolean({ error: "true or false" }).optional(),
    /**
     * Who administers, deploys (`pulumi up`) and previews (`pulumi preview`) this stack: IAM role
     * or user ARNs, each given an EKS access entry (components/cluster/access.ts says which policy
     * and why). Required in prod (a config error without them); disjoint lists.
     */
    access: z
      .strictObject({
        admins: z.array(principalArn).default([]),
        deployers: z.array(principalArn).default([]),
        previewers: z.array(principalArn).default([]),
      })
      .prefault({}),
    /** Small on-demand, tainted managed node group for Karpenter, CoreDNS and controllers. */
    systemNodeGroup: z
      .strictObject({
        instanceTypes: z
          .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: "an EC2 instance type like m7i.large" }))
          .min(1, { error: "at least one instance type" })
          .default(["m7i.large", "m6i.large"]),
        amiType: z
          .enum(["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64"], {
            error: "an AL2023 or Bottlerocket AMI type",
          })
          .default("AL2023_x86_64_STANDARD"),
        minSize: positiveInt.default(2),
        desiredSize: positiveInt.default(2),
        maxSize: positiveInt.default(3),
        diskSizeGiB: positiveInt.default(50),
      })
      .prefault({}),
  })
  .prefault({});

type ClusterSection = z.output<typeof clusterSchema>;
interface Issue {
  path: string;
  value: unknown;
  expected: string;
}

/** The deployer mode after its environment default: in-network in prod, egress CIDRs elsewhere. */
export function deployerModeOf(cluster: Pick<ClusterSection, "deployer">, environment: string): DeployerMode {
  return cluster.deployer.mode ?? (environment === "prod" ? "in-network" : "egress-cidrs");
}

/**
 * Cross-field rules of `platform:cluster` (paths in the `platform:` namespace). `today` decides
 * whether the Kubernetes version is still supported by EKS.
 */
export function clusterIssues(cluster: ClusterSection, environment: string | undefined, today = new Date()): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, string>();
  for (const role of ["admins", "deployers", "previewers"] as const)
    cluster.access[role].forEach((arn, i) => {
      const first = seen.get(arn);
      if (first)
        issues.push({
          path: `platform:cluster.access.${role}[${i}]`,
          value: arn,
          expected: `a principal listed once: it is already in ${first}, and EKS allows one access entry per principal`,
        });
      else seen.set(arn, `access.${role}`);
    });
  const problem = versionProblem(cluster.kubernetesVersion, today);
  if (problem)
    issues.push({ path: "platform:cluster.kubernetesVersion", value: cluster.kubernetesVersion, expected: problem });
  const at = (suffix: string) => `platform:cluster.deployer${suffix}`;
  const d = cluster.deployer;
  const mode = deployerModeOf(cluster, environment ?? "dev");
  d.egressCidrs.forEach((cidr, i) => {
    if (cidr.endsWith("/0"))
      issues.push({
        path: at(`.egressCidrs[${i}]`),
        value: cidr,
        expected: `a specific range, never the whole internet${environment === "prod" ? " (refused in prod)" : ""}`,
      });
  });
  if (mode === "in-network") {
    if (d.egressCidrs.length > 0)
      issues.push({
        path: at(".egressCidrs"),
        value: d.egressCidrs,
        expected: 'no CIDRs with deployer.mode "in-network" (the endpoint is private-only; they would be ignored)',
      });
    // Said outright, the mode needs its runner; left to the prod default, a missing runner shows
    // in the plan instead (policy aws-eks-deployer-path), so stand-in configs stay small.
    if (d.mode === "in-network" && d.runner.githubRepository === undefined)
      issues.push({
        path: at(".runner.githubRepository"),
        value: undefined,
        expected:
          'the GitHub repository the in-network runner serves, as "owner/name" (without a runner a private-only ' +
          "cluster has no deployer)",
      });
  }
  if (mode === "in-network" && environment === "prod" && d.runner.githubRepository && !d.runner.actorAccountIds.length)
    issues.push({
      path: at(".runner.actorAccountIds"),
      value: [],
      expected:
        "the GitHub account ids of the maintainers whose runs may start the prod runners (the webhooks' " +
        "ACTOR_ACCOUNT_ID filter; docs/security.md, Runners)",
    });
  // Without a valid environment its own error says so; the deployer default would be a guess.
  if (environment !== undefined) issues.push(...accessIssues(cluster, environment));
  return issues;
}

/**
 * Who may reach the clusters: an egress-CIDR deployer needs its CIDRs (without them the API
 * endpoint is private-only and nothing can deploy), and a prod stack names someone to
 * administer, deploy and preview it (each gets an EKS access entry). Part of config validation,
 * so `pulumi up`, `npm run plan` and every other entry point refuse such a stack alike.
 */
function accessIssues(cluster: Pick<ClusterSection, "access" | "deployer">, environment: string): Issue[] {
  const issues: Issue[] = [];
  if (deployerModeOf(cluster, environment) === "egress-cidrs" && cluster.deployer.egressCidrs.length === 0)
    issues.push({
      path: "platform:cluster.deployer.egressCidrs",
      value: [],
      expected:
        "at least one CIDR the deployer's traffic leaves from: without them the API endpoint is private-only and " +
        'nothing inside the network can deploy (or set deployer.mode: "in-network" for a runner the program provisions)',
    });
  if (environment !== "prod") return issues;
  const why = {
    admins: "who administers the clusters (cluster-admin for people on call)",
    deployers:
      "the role `pulumi up` runs as (without an access entry it gets Unauthorized at the first Kubernetes resource)",
    previewers: "the role PR previews run as (server-side dry-run needs an access entry too)",
  } as const;
  for (const role of ["admins", "deployers", "previewers"] as const)
    if (cluster.access[role].length === 0)
      issues.push({
        path: `platform:cluster.access.${role}`,
        value: [],
        expected: `at least one IAM role ARN in prod: ${why[role]}`,
      });
  return issues;
}

/** Warnings (not errors) about `platform:cluster` on `today`: extended-support dates and cost. */
export function clusterWarnings(cluster: Pick<ClusterSection, "kubernetesVersion">, today = new Date()): string[] {
  const w = supportWarning(cluster.kubernetesVersion, today);
  return w ? [w] : [];
}
