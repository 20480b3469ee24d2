import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import { planDataTier, dataNames } from "../data/plan";
import type { DataRegionInput } from "../data/regional";
import { serviceTrustPolicy } from "../iam-trust";
import { physicalName, regionCode } from "../naming";
import { nameTags } from "../tags";
import {
  automationDefinitionArn,
  operatorCommand,
  policyDocument,
  promotionDocument,
  promotionGrants,
  type PromotionTarget,
  writerLostAlarmName,
} from "./promotion-plan";

/** Tag values the failover view reads from the plan. */
export const PROMOTION_ROLE_TAG = "platform.io/role";
export const PROMOTION_DOCUMENT_ROLE = "writer-promotion";
export const PROMOTION_TRIGGER_ROLE = "writer-promotion-trigger";

export interface WriterPromotionArgs {
  config: Pick<PlatformConfig, "name" | "stack" | "primaryRegion" | "database" | "cache" | "failover">;
  regions: Readonly<Record<string, DataRegionInput>>;
  /** The Global Datastore's AWS id (AWS prefixes the suffix); undefined without a global cache. */
  globalCacheId?: pulumi.Input<string>;
}

/**
 * The regions a promotion can move the writer to: every database member but the writer
 * (`database.writerRegion`) that also holds a cache member when the cache is global (promoting the
 * database alone would leave cache writes on the lost region). The standby (the alarm's target) is
 * the configured one or the first of them.
 */
export function promotionRegions(config: WriterPromotionArgs["config"]): { targets: string[]; standby?: string } {
  const plan = planDataTier(config);
  if (!plan.database.global) return { targets: [] };
  const targets = plan.database.regions.filter(
    (r) => r !== config.database.writerRegion && (!plan.cache.global || plan.cache.regions.includes(r)),
  );
  const wanted = config.failover.promotion.standbyRegion;
  return { targets, standby: wanted && targets.includes(wanted) ? wanted : targets[0] };
}

/**
 * One SSM Automation document per promotable region (run there: a region's promotion needs no API of
 * the lost region), its least-access role, and in the standby region the replication-lag alarm that
 * starts it through EventBridge when `failover.promotion.trigger` is "alarm".
 */
export class WriterPromotion extends pulumi.ComponentResource {
  /** Per region: the command that promotes it. */
  public readonly commands: Readonly<Record<string, string>>;
  /** The region the alarm promotes, and its writer-lost alarm (the cache writer name's health signal). */
  public readonly standby?: string;
  public readonly standbyAlarm?: aws.cloudwatch.MetricAlarm;

  constructor(name: string, args: WriterPromotionArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:failover:WriterPromotion", name, {}, opts);
    const { config, regions } = args;
    const prefix = physicalName([config.name, config.stack]);
    const { targets, standby } = promotionRegions(config);
    const commands: Record<string, string> = {};
    for (const r of targets) {
      const region = regions[r];
      if (!region) throw new Error(`WriterPromotion: region ${r} is not among the platform's regions`);
      const child = { parent: this, provider: region.provider };
      const account = aws.getCallerIdentityOutput({}, child).accountId;
      const code = regionCode(r);
      const documentName = physicalName([prefix, code, "promote-writer"], 128);
      const role = new aws.iam.Role(
        `${name}-${r}-role`,
        {
          name: physicalName([prefix, code, "writer-promotion"], 64),
          description: `Runs the writer promotion to ${r} (SSM Automation)`,
          assumeRolePolicy: account.apply((a) => serviceTrustPolicy("ssm.amazonaws.com", a)),
          tags: nameTags(`${prefix}-${code}-writer-promotion`),
        },
        child,
      );
      const target = pulumi
        .all([account, role.arn, args.globalCacheId ?? ""])
        .apply(([a, roleArn, globalGroupId]): PromotionTarget => ({
          region: r,
          account: a,
          globalClusterId: dataNames(config, config.primaryRegion).globalCluster,
          clusterId: dataNames(config, r).cluster,
          cache: globalGroupId ? { globalGroupId, groupId: dataNames(config, r).replicationGroup } : undefined,
          automationRoleArn: roleArn,
        }));
      new aws.iam.RolePolicy(
        `${name}-${r}-policy`,
        { role: role.id, policy: target.apply((t) => policyDocument(promotionGrants(t))) },
        child,
      );
      const doc = new aws.ssm.Document(
        `${name}-${r}-document`,
        {
          name: documentName,
          documentType: "Automation",
          documentFormat: "JSON",
          content: target.apply((t) => JSON.stringify(promotionDocument(t))),
          tags: nameTags(documentName, { [PROMOTION_ROLE_TAG]: PROMOTION_DOCUMENT_ROLE, "platform.io/region": r }),
        },
        child,
      );
      commands[r] = operatorCommand(r, documentName, "failover");
      if (r === standby) {
        this.standby = r;
        this.standbyAlarm = this.trigger(name, r, { config, region, doc, role, prefix, account });
      }
    }
    this.commands = commands;
    this.registerOutputs({ commands });
  }

  /**
   * The standby's writer-lost alarm (always: it pages, and the cache writer name follows it) and,
   * with trigger "alarm", EventBridge -> StartAutomationExecution (Mode=failover).
   */
  private trigger(name: string, r: string, a: TriggerArgs): aws.cloudwatch.MetricAlarm {
    const { config, region, doc, prefix, account } = a;
    const automationRole = a.role;
    const f = config.failover.promotion;
    const child = { parent: this, provider: region.provider };
    const clusterId = dataNames(config, r).cluster;
    const alarmName = writerLostAlarmName(prefix, regionCode(r));
    const alarm = new aws.cloudwatch.MetricAlarm(
      `${name}-${r}-trigger`,
      {
        name: alarmName,
        alarmDescription:
          `Aurora replication to ${clusterId} is ${f.lagThresholdSeconds} s behind for ${f.periods} minutes: ` +
          `the writer region is treated as lost and ${r} is promoted`,
        namespace: "AWS/RDS",
        metricName: "AuroraGlobalDBReplicationLag",
        dimensions: { DBClusterIdentifier: clusterId },
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: f.lagThresholdSeconds * 1000,
        period: 60,
        evaluationPeriods: f.periods,
        datapointsToAlarm: f.periods,
        // Missing data keeps the state: a fresh or paused secondary must never promote itself.
        treatMissingData: "missing",
        alarmActions: [region.alarmTopic.arn],
        okActions: [region.alarmTopic.arn],
        tags: nameTags(alarmName, { [PROMOTION_ROLE_TAG]: PROMOTION_TRIGGER_ROLE }),
      },
      child,
    );
    if (f.trigger !== "alarm") return alarm;
    const rule = new aws.cloudwatch.EventRule(
      `${name}-${r}-rule`,
      {
        name: physicalName([prefix, regionCode(r), "writer-lost"], 64),
        description: `Starts the writer promotion to ${r} when ${alarmName} goes to ALARM`,
        eventPattern: alarm.arn.apply((arn) =>
          JSON.stringify({
            source: ["aws.cloudwatch"],
            "detail-type": ["CloudWatch Alarm State Change"],
            resources: [arn],
            detail: { state: { value: ["ALARM"] } },
          }),
        ),
      },
      child,
    );
    const definition = pulumi.all([account, doc.name]).apply(([a, n]) => automationDefinitionArn(r, a, n));
    const eventsRole = new aws.iam.Role(
      `${name}-${r}-events-role`,
      {
        name: physicalName([prefix, regionCode(r), "writer-promotion-start"], 64),
        description: `Lets EventBridge start the writer promotion to ${r}`,
        assumeRolePolicy: account.apply((a) => serviceTrustPolicy("events.amazonaws.com", a)),
        inlinePolicies: [
          {
            name: "start-promotion",
            policy: pulumi.all([definition, automationRole.arn]).apply(([d, roleArn]) =>
              JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                  { Effect: "Allow", Action: ["ssm:StartAutomationExecution"], Resource: [d] },
                  {
                    Effect: "Allow",
                    Action: ["iam:PassRole"],
                    Resource: [roleArn],
                    Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
                  },
                ],
              }),
            ),
          },
        ],
        tags: nameTags(`${prefix}-${regionCode(r)}-writer-promotion-start`),
      },
      child,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-${r}-target`,
      {
        rule: rule.name,
        arn: definition.apply((d) => d.replace(/:\$DEFAULT$/, "")),
        roleArn: eventsRole.arn,
        input: JSON.stringify({ Mode: ["failover"] }),
      },
      child,
    );
    return alarm;
  }
}

interface TriggerArgs {
  config: WriterPromotionArgs["config"];
  region: DataRegionInput;
  doc: aws.ssm.Document;
  /** The automation role the events role passes. */
  role: aws.iam.Role;
  prefix: string;
  account: pulumi.Output<string>;
}
