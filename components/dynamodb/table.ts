import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createMetricAlarms } from "../cloudwatch-alarms";
import type { DynamodbConfig } from "../config/sections/dynamodb";
import type { RegionContext } from "../region-context";
import { nameTags } from "../tags";
import { BILLING_MODE, GSI1, KEY, planGlobalTable, STREAM_VIEW_TYPE } from "./plan";
import { tableEndpoint, type EndpointVpc } from "./endpoint";

/** What the table reads from each region's context. */
export type TableRegionInput = Pick<RegionContext, "name" | "provider" | "alarmTopic"> & {
  /** The region's VPC: a DynamoDB gateway endpoint on its private route tables (none without one). */
  vpc?: EndpointVpc;
};

export interface GlobalTableArgs {
  /** Resolved `platform:dynamodb` (replica regions, protection and alarm thresholds). */
  dynamodb: DynamodbConfig;
  /** Physical name prefix parts: `platform:name` and the stack. */
  name: string;
  stack: string;
  /** Holds the aws.dynamodb.Table; every other region of `dynamodb.replicaRegions` gets a TableReplica. */
  primaryRegion: string;
  /** Every region the table lives in, by name (provider and alarm topic). */
  regions: Readonly<Record<string, TableRegionInput>>;
}

/**
 * A DynamoDB global table (version 2019.11.21): the table in the primary region, then one
 * aws.dynamodb.TableReplica per other region, each created with that region's provider and its
 * own customer-managed KMS key. Replicas are separate resources rather than the table's inline
 * `replicas` list so each is planned, priced, checked by policy and alarmed in its own region,
 * and adding a region creates one resource instead of updating the table (the provider's
 * TableReplica docs: the table then ignores `replicas`).
 */
export class GlobalTable extends pulumi.ComponentResource {
  public readonly tableName: string;
  /** The table's ARN in each region (the local replica's), straight from its resource. */
  public readonly tableArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** Each region's table key (pod roles decrypt through DynamoDB with it). */
  public readonly keyArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** The primary table's stream (replication source; consumers attach here). */
  public readonly streamArn: pulumi.Output<string>;

  constructor(name: string, args: GlobalTableArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:dynamodb:GlobalTable", name, {}, opts);
    const d = args.dynamodb;
    const plan = planGlobalTable({ ...d, name: args.name, stack: args.stack, primaryRegion: args.primaryRegion });
    const regionOf = (r: string) => {
      const input = args.regions[r];
      if (!input) throw new Error(`GlobalTable: region ${r} is not among the platform's regions`);
      return input;
    };
    const child = (r: string): pulumi.CustomResourceOptions => ({
      parent: this,
      provider: regionOf(r).provider,
      ...(d.protect ? { protect: true } : {}),
    });

    const keys: Record<string, aws.kms.Key> = {};
    for (const r of plan.regions)
      keys[r] = new aws.kms.Key(
        `${name}-${r}-key`,
        {
          description: `DynamoDB ${plan.tableName} in ${r}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          tags: nameTags(`${plan.tableName}-${r}`),
        },
        child(r),
      );

    const primary = args.primaryRegion;
    const table = new aws.dynamodb.Table(
      `${name}-table`,
      {
        name: plan.tableName,
        billingMode: BILLING_MODE,
        hashKey: KEY.hash,
        rangeKey: KEY.range,
        attributes: [...plan.attributes],
        globalSecondaryIndexes: [{ name: GSI1.name, hashKey: GSI1.hash, rangeKey: GSI1.range, projectionType: "ALL" }],
        streamEnabled: true,
        streamViewType: STREAM_VIEW_TYPE,
        serverSideEncryption: { enabled: true, kmsKeyArn: keys[primary].arn },
        pointInTimeRecovery: { enabled: d.pointInTimeRecovery },
        deletionProtectionEnabled: d.deletionProtection,
        tags: nameTags(plan.tableName),
      },
      // Replicas are TableReplica resources; the table's own list is what AWS reports, not ours.
      { ...child(primary), ignoreChanges: ["replicas"] },
    );

    const arns: Record<string, pulumi.Output<string>> = { [primary]: table.arn };
    for (const r of plan.regions.slice(1)) {
      const replica = new aws.dynamodb.TableReplica(
        `${name}-${r}-replica`,
        {
          globalTableArn: table.arn,
          kmsKeyArn: keys[r].arn,
          pointInTimeRecovery: d.pointInTimeRecovery,
          deletionProtectionEnabled: d.deletionProtection,
          tags: nameTags(plan.tableName),
        },
        child(r),
      );
      arns[r] = replica.arn;
    }
    // Pods reach their region's replica through a gateway endpoint limited to this table.
    for (const r of plan.regions) {
      const vpc = regionOf(r).vpc;
      if (vpc)
        tableEndpoint(`${name}-${r}-endpoint`, r, vpc, arns[r], { parent: this, provider: regionOf(r).provider });
    }
    for (const r of plan.regions)
      createMetricAlarms(`${name}-${r}`, plan.alarms[r], regionOf(r).alarmTopic.arn, {
        parent: this,
        provider: regionOf(r).provider,
      });

    this.tableName = plan.tableName;
    this.tableArns = arns;
    this.keyArns = Object.fromEntries(Object.entries(keys).map(([r, k]) => [r, k.arn]));
    this.streamArn = table.streamArn;
    this.registerOutputs({ tableName: this.tableName });
  }
}
