/**
 * The writer promotion's access: each promotion document's role may promote exactly the global
 * cluster, cluster and cache members its document names, and nothing destructive or elsewhere;
 * EventBridge may start only that document and pass only that role. Derived from the planned
 * documents (their content names the targets) and decided against the planned role policies.
 */
import type { PlanResource } from "../../policies/lib/offline";
import type { Need } from "./model";
import type { World } from "./world";

export const FAILOVER_REQUIREMENTS: Readonly<Record<string, { why: string; source: string }>> = {
  "writer-promotion": {
    why: "the promotion document fails the Aurora global cluster and the Global Datastore over to its region as its role",
    source:
      "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html",
  },
  "writer-promotion-assume-role": {
    why: "SSM Automation assumes the document's AutomationAssumeRole",
    source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-setup-iam.html",
  },
  "writer-promotion-no-harm": {
    why: "the promotion role may not delete or promote anything its document does not name",
    source: "docs/failover.md",
  },
  "writer-promotion-start": {
    why: "EventBridge starts the promotion document on the standby's writer-lost alarm, passing the document's role",
    source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-cwe-target.html",
  },
  "writer-promotion-start-only": {
    why: "the EventBridge role may start no other document and pass no other role",
    source: "docs/failover.md",
  },
};

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

interface Targets {
  role: string;
  globalCluster: string;
  cluster: string;
  globalCache?: string;
  cacheMember?: string;
}

/** What a promotion document names, read from its content. */
function targetsOf(doc: PlanResource, account: string): Targets | undefined {
  let content: {
    parameters?: Record<string, { default?: unknown }>;
    mainSteps?: { inputs?: Record<string, unknown> }[];
  };
  try {
    content = JSON.parse(str(doc.inputs.content) ?? "");
  } catch {
    return undefined;
  }
  const role = str(content.parameters?.AutomationAssumeRole?.default);
  const inputs = (api: string) => content.mainSteps?.find((s) => s.inputs?.Api === api)?.inputs ?? {};
  const db = inputs("FailoverGlobalCluster");
  const cache = inputs("FailoverGlobalReplicationGroup");
  const cluster = str(db.TargetDbClusterIdentifier);
  const global = str(db.GlobalClusterIdentifier);
  if (!role || !cluster || !global) return undefined;
  const groupId = str(cache.PrimaryReplicationGroupId);
  const globalGroupId = str(cache.GlobalReplicationGroupId);
  return {
    role,
    globalCluster: `arn:aws:rds::${account}:global-cluster:${global}`,
    cluster,
    globalCache: globalGroupId && `arn:aws:elasticache::${account}:globalreplicationgroup:${globalGroupId}`,
    cacheMember: groupId && `arn:aws:elasticache:${str(cache.PrimaryRegion)}:${account}:replicationgroup:${groupId}`,
  };
}

const need = (requirement: string, kind: Need["kind"], role: string, action: string, resource: string, urn: string) =>
  ({ requirement, kind, asker: { role }, action, resource, urn }) satisfies Need;

function promotionNeeds(world: World, docs: PlanResource[]): Need[] {
  const all = docs.map((d) => ({ d, t: targetsOf(d, world.account) })).filter((x) => x.t);
  return all.flatMap(({ d, t }): Need[] => {
    const { role, globalCluster, cluster, globalCache, cacheMember } = t!;
    const ok = (action: string, resource: string) =>
      need("writer-promotion", "required", role, action, resource, d.urn);
    const no = (action: string, resource: string) =>
      need("writer-promotion-no-harm", "forbidden", role, action, resource, d.urn);
    const out: Need[] = [
      {
        requirement: "writer-promotion-assume-role",
        kind: "required",
        asker: { service: "ssm.amazonaws.com" },
        action: "sts:AssumeRole",
        resource: role,
        context: { "aws:SourceAccount": world.account },
        urn: d.urn,
      },
      ...["rds:FailoverGlobalCluster", "rds:SwitchoverGlobalCluster"].flatMap((a) => [
        ok(a, globalCluster),
        ok(a, cluster),
      ]),
      ok("rds:DescribeGlobalClusters", globalCluster),
      no("rds:DeleteGlobalCluster", globalCluster),
      no("rds:DeleteDBCluster", cluster),
      no("rds:RemoveFromGlobalCluster", globalCluster),
      no("route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/ANY"),
      no("iam:PassRole", role),
    ];
    // Another document's target: this role promotes only its own region.
    for (const other of all)
      if (other.t!.cluster !== cluster) out.push(no("rds:FailoverGlobalCluster", other.t!.cluster));
    if (globalCache && cacheMember)
      out.push(
        ok("elasticache:FailoverGlobalReplicationGroup", globalCache),
        ok("elasticache:FailoverGlobalReplicationGroup", cacheMember),
        ok("elasticache:DescribeReplicationGroups", cacheMember),
        no("elasticache:DeleteGlobalReplicationGroup", globalCache),
        no("elasticache:DeleteReplicationGroup", cacheMember),
        no("elasticache:DisassociateGlobalReplicationGroup", globalCache),
      );
    return out;
  });
}

/** EventBridge's role on a promotion target: start that document, pass that role. */
function startNeeds(world: World, docs: PlanResource[]): Need[] {
  const roles = new Map(docs.map((d) => [d, targetsOf(d, world.account)?.role]));
  return world.ofType("aws:cloudwatch/eventTarget:EventTarget").flatMap((t): Need[] => {
    const arn = str(t.inputs.arn);
    const role = str(t.inputs.roleArn);
    if (!arn?.includes(":automation-definition/") || !role) return [];
    const name = arn.split("automation-definition/")[1].split(":")[0];
    const doc = docs.find((d) => d.inputs.name === name);
    const automationRole = doc && roles.get(doc);
    if (!automationRole) return [];
    const asker = { role };
    const others = docs.filter((d) => d !== doc);
    return [
      {
        requirement: "writer-promotion-assume-role",
        kind: "required",
        asker: { service: "events.amazonaws.com" },
        action: "sts:AssumeRole",
        resource: role,
        context: { "aws:SourceAccount": world.account },
        urn: t.urn,
      },
      {
        requirement: "writer-promotion-start",
        kind: "required",
        asker,
        action: "ssm:StartAutomationExecution",
        resource: `${arn}:$DEFAULT`,
        urn: t.urn,
      },
      {
        requirement: "writer-promotion-start",
        kind: "required",
        asker,
        action: "iam:PassRole",
        resource: automationRole,
        context: { "iam:PassedToService": "ssm.amazonaws.com" },
        urn: t.urn,
      },
      {
        requirement: "writer-promotion-start-only",
        kind: "forbidden",
        asker,
        action: "ssm:StartAutomationExecution",
        resource: arn.replace(/automation-definition\/.*$/, "automation-definition/AWS-RunShellScript:$DEFAULT"),
        urn: t.urn,
      },
      ...others.flatMap((o): Need[] => {
        const r = roles.get(o);
        return r
          ? [
              {
                requirement: "writer-promotion-start-only",
                kind: "forbidden",
                asker,
                action: "iam:PassRole",
                resource: r,
                context: { "iam:PassedToService": "ssm.amazonaws.com" },
                urn: t.urn,
              },
            ]
          : [];
      }),
    ];
  });
}

export function failoverNeeds(world: World): Need[] {
  const docs = world
    .ofType("aws:ssm/document:Document")
    .filter((d) => (d.inputs.tags as Record<string, unknown> | undefined)?.["platform.io/role"] === "writer-promotion");
  return [...promotionNeeds(world, docs), ...startNeeds(world, docs)];
}
