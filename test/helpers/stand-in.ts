import { strict as assert } from "assert";
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, loadConfig, type ConfigIssue, type PlatformConfig } from "../../components/config";
import type { ClusterHandle } from "../../components/cluster/types";
import { platformImages } from "../../components/config/images";
import { CONFIG_SECTIONS } from "../../components/config/schema";
import { createAlarmTopic } from "../../components/observability/alarm-topic";
import type { RegionContext } from "../../components/region-context";
import type { PlanResource } from "../../tools/engine/run";

/** Stand-in deployer egress range (RFC 5737 TEST-NET-3) and principals (AWS documentation account). */
export const STAND_IN_CIDRS = ["203.0.113.0/24"];
export const STAND_IN_ACCESS = {
  admins: ["arn:aws:iam::111122223333:role/platform-admin"],
  deployers: ["arn:aws:iam::111122223333:role/platform-deploy"],
  previewers: ["arn:aws:iam::111122223333:role/platform-preview"],
};

/**
 * A `platform:cluster` value that passes the access rules (an egress-CIDR deployer has CIDRs, a
 * prod stack names its principals), filling only keys the caller left out, so a test that sets
 * `egressCidrs: []` or `access.admins: []` still gets its error.
 */
export function accessibleCluster(
  cluster: Record<string, unknown> = {},
  environment: unknown = "dev",
): Record<string, unknown> {
  const deployer = (cluster.deployer ?? {}) as Record<string, unknown>;
  const mode = deployer.mode ?? (environment === "prod" ? "in-network" : "egress-cidrs");
  const out: Record<string, unknown> = { ...cluster };
  if (mode === "egress-cidrs" && deployer.egressCidrs === undefined)
    out.deployer = { ...deployer, egressCidrs: STAND_IN_CIDRS };
  if (environment === "prod") out.access = { ...STAND_IN_ACCESS, ...((cluster.access ?? {}) as object) };
  // A prod runner names the maintainers whose runs start it (a stand-in GitHub id unless the test set some).
  const runner = deployer.runner as Record<string, unknown> | undefined;
  if (environment === "prod" && runner?.githubRepository !== undefined && runner.actorAccountIds === undefined)
    out.deployer = { ...(out.deployer as object), runner: { ...runner, actorAccountIds: ["1000001"] } };
  return out;
}

/** Flat `platform:` config (JSON-encoded values) with `platform:cluster` completed by accessibleCluster. */
export function standInFlat(flat: Record<string, string>): Record<string, string> {
  // Some specs JSON-encode every value ("\"prod\""), as `pulumi config set --path` may.
  const env = flat["platform:environment"]?.replace(/^"(.*)"$/, "$1");
  let cluster: unknown = {};
  try {
    if (flat["platform:cluster"] !== undefined) cluster = JSON.parse(flat["platform:cluster"]);
  } catch {
    return flat; // not JSON: the test is about that, leave it to the loader
  }
  if (typeof cluster !== "object" || cluster === null || Array.isArray(cluster)) return flat;
  const out: Record<string, string> = {
    ...flat,
    "platform:cluster": JSON.stringify(accessibleCluster(cluster as Record<string, unknown>, env)),
  };
  // A prod stack needs an alarm destination: a stand-in address unless the test set alarmEmails.
  if (env === "prod") {
    let obs: unknown = {};
    try {
      if (flat["platform:observability"] !== undefined) obs = JSON.parse(flat["platform:observability"]);
    } catch {
      return out;
    }
    if (typeof obs === "object" && obs !== null && !Array.isArray(obs) && !("alarmEmails" in obs))
      out["platform:observability"] = JSON.stringify({ ...obs, alarmEmails: ["oncall@example.com"] });
    // ... and its own account: a stand-in (AWS's documentation account) unless the test set one.
    let sec: unknown = {};
    try {
      if (flat["platform:security"] !== undefined) sec = JSON.parse(flat["platform:security"]);
    } catch {
      return out;
    }
    if (typeof sec === "object" && sec !== null && !Array.isArray(sec) && !("accountId" in sec))
      out["platform:security"] = JSON.stringify({ ...sec, accountId: "111122223333" });
    // ... and a digest for every image it renders, unless the test set digests (prod pulls digests only).
    const withDigests = standInDigests(flat, JSON.parse(out["platform:security"] ?? "{}"));
    if (withDigests) out["platform:security"] = JSON.stringify(withDigests);
  }
  return out;
}

/**
 * `platform:security` for a prod test that builds its own flat config: the stand-in account and a
 * stand-in digest for every image it renders.
 */
export function standInSecurity(flat: Record<string, string>): string {
  return JSON.stringify(standInDigests(flat, { accountId: "111122223333" }));
}

/** Stand-in digests (sha256 of the image reference) for the images a prod stand-in renders. */
function standInDigests(flat: Record<string, string>, sec: unknown): Record<string, unknown> | undefined {
  if (typeof sec !== "object" || sec === null || Array.isArray(sec)) return undefined;
  const images = ((sec as { images?: unknown }).images ?? {}) as Record<string, unknown>;
  if (typeof images !== "object" || images === null || "digests" in images) return undefined;
  const parse = (key: "services" | "gateway" | "jenkins" | "batch") => {
    try {
      return CONFIG_SECTIONS[key].safeParse(
        flat[`platform:${key}`] === undefined ? undefined : JSON.parse(flat[`platform:${key}`]),
      );
    } catch {
      return undefined;
    }
  };
  const [services, gateway] = [parse("services"), parse("gateway")];
  if (!gateway?.success) return undefined;
  // A services section with a shape error: the images it names, beside the catalogue's own.
  const raw = (() => {
    try {
      const v = JSON.parse(flat["platform:services"] ?? "[]");
      return Array.isArray(v) ? v.map((e) => ({ image: String(e?.image ?? "") })).filter((e) => e.image) : [];
    } catch {
      return [];
    }
  })();
  const catalogue = CONFIG_SECTIONS.services.safeParse(undefined);
  const list = services?.success ? services.data : [...raw, ...(catalogue.success ? catalogue.data : [])];
  const [jenkins, batch] = [parse("jenkins"), parse("batch")];
  const more = { jenkins: jenkins?.success ? jenkins.data : undefined, batch: batch?.success ? batch.data : undefined };
  const refs = Object.values(platformImages(list as never, gateway.data as never, more as never));
  const digests = Object.fromEntries(refs.map((r) => [r, `sha256:${createHash("sha256").update(r).digest("hex")}`]));
  return { ...sec, images: { ...images, digests } };
}

/** A validated config from plain section values, the way a stack file would give them. */
export function testConfig(raw: Record<string, unknown>, stack = "test"): PlatformConfig {
  const flat = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [`platform:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  return loadConfig(standInFlat(flat), { project: "platform", stack });
}

/** The problems config validation reports for plain section values ([] when they load). */
export function configIssues(raw: Record<string, unknown>, stack = "test"): readonly ConfigIssue[] {
  try {
    testConfig(raw, stack);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
}

/**
 * A ClusterHandle without EKS, for running one component alone on the mock
 * engine. Call inside a program: it registers a k8s provider and a stand-in
 * add-on that `workloadDependencies` points at.
 */
export function standInCluster(name: string): ClusterHandle {
  const k8sProvider = new k8s.Provider(`${name}-k8s`, { kubeconfig: "{}" });
  const addon = new k8s.core.v1.ConfigMap(
    "addons",
    { metadata: { name: "addons", namespace: "kube-system" } },
    { provider: k8sProvider },
  );
  return { name, k8sProvider, clusterSecurityGroupId: pulumi.output("sg-1"), workloadDependencies: [addon] };
}

/**
 * A RegionContext without a Region component, for running one component alone on the mock
 * engine. Call inside a program: it registers the region's aws.Provider (`usw2` style name from
 * `providerName`), a stand-in cluster, the real alarm topic (`<short>-alarms`, with `emails`
 * subscribed) and a stand-in NodePool.
 */
export function standInRegion(
  opts: { name?: string; short?: string; physicalName?: string; emails?: string[]; vpcCidr?: string } = {},
): RegionContext {
  const name = opts.name ?? "us-west-2";
  const short = opts.short ?? "usw2";
  const physicalName = opts.physicalName ?? `platform-test-${short}`;
  const vpcCidr = opts.vpcCidr ?? "10.1.0.0/16";
  const provider = new aws.Provider(short, { region: name as aws.Region });
  const cluster = standInCluster(physicalName);
  const nodePool = new k8s.apiextensions.CustomResource(
    "nodepool",
    { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "general-purpose" }, spec: {} },
    { provider: cluster.k8sProvider },
  );
  const alarmTopic = createAlarmTopic(short, { physicalName, emails: opts.emails ?? [] }, { provider });
  return {
    name,
    config: {
      name,
      vpcCidr,
      availabilityZones: [`${name}a`, `${name}b`],
      isPrimary: true,
      timeZone: "America/Los_Angeles",
    },
    physicalName,
    provider,
    vpc: {
      vpcId: pulumi.output("vpc-1"),
      cidrBlock: vpcCidr,
      publicSubnetIds: [pulumi.output("subnet-a"), pulumi.output("subnet-b")],
      privateSubnetIds: [pulumi.output("subnet-c"), pulumi.output("subnet-d")],
      databaseSubnetIds: [pulumi.output("subnet-e"), pulumi.output("subnet-f")],
      peeredRouteTables: [{ role: "private-0", id: pulumi.output("rtb-1") }],
      publicSubnetCidrs: ["10.1.0.0/24", "10.1.1.0/24"],
      privateSubnetCidrs: ["10.1.32.0/19", "10.1.64.0/19"],
    },
    cluster,
    nodePools: [nodePool],
    alarmTopic,
    parent: new pulumi.ComponentResource("platform:test:Region", short),
  };
}

/** The one resource with this Pulumi name; fails the test if absent. */
export function named(resources: readonly PlanResource[], name: string): PlanResource {
  const found = resources.find((r) => r.name === name);
  assert.ok(found, `no resource named ${name}`);
  return found;
}

/** Engine settings for running one component alone: `runProgram({ ...ALONE, program })`. */
export const ALONE = { project: "platform", stack: "test", config: {} as Record<string, string> };

/** loadConfig over standInFlat: a flat stand-in config whose cluster section passes the access rules. */
export function loadStandIn(flat: Record<string, string>, ctx: { project: string; stack: string }): PlatformConfig {
  return loadConfig(standInFlat(flat), ctx);
}
