import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createMetricAlarms } from "../cloudwatch-alarms";
import type { BurstProcessorConfig } from "../config/sections/lambda";
import { serviceTrustPolicy } from "../iam-trust";
import type { RegionContext } from "../region-context";
import { nameTags } from "../tags";
import { burstAlarms, burstFunctionName, burstRoleStatements, eventSourceSettings } from "./plan";

/** The handler's directory: the files Lambda runs, zipped as they are in the repository. */
export const HANDLER_DIR = path.join(__dirname, "burst-processor");
/** Files of the deployment package; the handler imports nothing, so there is nothing to install. */
export const HANDLER_FILES = ["index.js"] as const;

/**
 * The deployment package: the handler's files read from the repository at plan and deploy time.
 * Pulumi hashes the archive's contents, so an unchanged handler never updates the function, and
 * nothing is fetched from a registry.
 */
export function handlerArchive(): pulumi.asset.AssetArchive {
  return new pulumi.asset.AssetArchive(
    Object.fromEntries(HANDLER_FILES.map((f) => [f, new pulumi.asset.FileAsset(path.join(HANDLER_DIR, f))])),
  );
}

export interface BurstProcessorArgs {
  /** `platform:burstProcessor` (batching, concurrency, runtime, alarms). */
  config: BurstProcessorConfig;
  /** The region: physical name prefix, provider, alarm topic. */
  region: Pick<RegionContext, "name" | "physicalName" | "provider" | "alarmTopic">;
  /**
   * The region's job queue. Its redrive policy (the Workloads component) sends a record that
   * failed maxReceiveCount times to the queue's DLQ: that is the function's dead-letter path
   * (an SQS-triggered function's own DLQ setting is never used).
   */
  queue: { arn: pulumi.Input<string>; name: string };
}

/**
 * Seed 002's burst processor in one region: a Lambda function (code from this repository, no
 * build step, no network at plan or deploy time) on the region's job queue, its role, log group,
 * SQS event source mapping and alarms. Outside the VPC: it reaches no data-tier endpoint.
 */
export class BurstProcessor extends pulumi.ComponentResource {
  public readonly functionName: string;
  public readonly functionArn: pulumi.Output<string>;

  constructor(name: string, args: BurstProcessorArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:lambda:BurstProcessor", name, {}, opts);
    const { config: b, region } = args;
    const child = { parent: this, provider: region.provider };
    const functionName = burstFunctionName(region.physicalName);

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/lambda/${functionName}`, retentionInDays: b.logRetentionDays, tags: nameTags(functionName) },
      child,
    );
    const accountId = aws.getCallerIdentityOutput({}, child).accountId;
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        assumeRolePolicy: accountId.apply((account) => serviceTrustPolicy("lambda.amazonaws.com", account)),
        description: `Burst processor ${functionName}: its job queue and its log group only`,
        tags: nameTags(`${functionName}-role`),
      },
      child,
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.name,
        policy: pulumi
          .all([args.queue.arn, logGroup.arn])
          .apply(([queueArn, logArn]) =>
            JSON.stringify({ Version: "2012-10-17", Statement: burstRoleStatements(queueArn, logArn) }),
          ),
      },
      child,
    );
    const fn = new aws.lambda.Function(
      `${name}-function`,
      {
        name: functionName,
        description: "Seed 002 burst processor: jobs from the region's queue, partial batch responses",
        runtime: b.runtime,
        architectures: ["arm64"],
        handler: "index.handler",
        code: handlerArchive(),
        memorySize: b.memoryMiB,
        timeout: b.timeoutSeconds,
        reservedConcurrentExecutions: b.reservedConcurrency,
        role: role.arn,
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        tags: nameTags(functionName),
      },
      // The role's permissions and the log group exist before the first invocation.
      { ...child, dependsOn: [policy, logGroup] },
    );
    new aws.lambda.EventSourceMapping(
      `${name}-source`,
      { eventSourceArn: args.queue.arn, functionName: fn.arn, enabled: true, ...eventSourceSettings(b) },
      // Lambda checks the role can read the queue when the mapping is created.
      { ...child, dependsOn: [policy] },
    );
    createMetricAlarms(name, burstAlarms(b, functionName, args.queue.name), region.alarmTopic.arn, child);

    this.functionName = functionName;
    this.functionArn = fn.arn;
    this.registerOutputs({ functionArn: this.functionArn });
  }
}
