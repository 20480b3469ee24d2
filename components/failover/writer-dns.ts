import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../tags";

/**
 * A name for the cache writer that follows the writer. Global Datastore has no global endpoint
 * (each member keeps its own primary endpoint; FailoverGlobalReplicationGroup only swaps roles), so
 * every region writes to `cache-writer.<private zone>`: a failover record pair, PRIMARY the
 * writer's primary endpoint, SECONDARY the standby's. The PRIMARY's health is the standby's
 * writer-lost alarm (a CloudWatch-alarm health check), so the name moves on the same signal that
 * starts the promotion, through Route53's data plane only: no ChangeResourceRecordSets call, whose
 * control plane lives in us-east-1 (AWS Fault Isolation Boundaries, "Global services"), the region
 * that may be lost. Nothing here changes after a promotion, so the next `pulumi up` has nothing to
 * undo.
 */
export interface WriterDnsArgs {
  /** Private zone name, plain: the name services resolve must be known at plan time. */
  zoneName: string;
  /** Every region's VPC: the zone resolves in each of them. */
  vpcs: readonly { region: string; vpcId: pulumi.Input<string> }[];
  /** The writer's and the standby's primary endpoints. */
  writerEndpoint: pulumi.Input<string>;
  standbyEndpoint: pulumi.Input<string>;
  /** The standby's writer-lost alarm (components/failover/promotion.ts): name, region, resource. */
  alarm: { name: string; region: string; resource: pulumi.Resource };
  /** TTL, seconds: how long resolvers keep the old answer after the name moves. */
  ttlSeconds: number;
  /** The primary region's provider (Route53 is global; the zone needs one provider). */
  provider: aws.Provider;
}

/** The record's fully qualified name, plain (services get it in their ConfigMap). */
export function cacheWriterName(zoneName: string): string {
  return `cache-writer.${zoneName}`;
}

/** The private zone of a stack's writer names, e.g. `platform-prod.internal`. */
export function writerZoneName(physicalPrefix: string): string {
  return `${physicalPrefix}.internal`;
}

export class WriterDns extends pulumi.ComponentResource {
  public readonly zoneId: pulumi.Output<string>;
  /** `cache-writer.<zone>`: where every region writes the cache. */
  public readonly cacheWriterHost: string;

  constructor(name: string, args: WriterDnsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:failover:WriterDns", name, {}, opts);
    if (args.vpcs.length === 0) throw new Error(`${name}: at least one VPC must resolve the writer names`);
    const child = { parent: this, provider: args.provider };
    const zone = new aws.route53.Zone(
      `${name}-zone`,
      {
        name: args.zoneName,
        comment: "Writer names that follow a promotion (the cache writer)",
        vpcs: args.vpcs.map((v) => ({ vpcId: v.vpcId, vpcRegion: v.region })),
        tags: nameTags(args.zoneName),
      },
      child,
    );
    const health = new aws.route53.HealthCheck(
      `${name}-writer-health`,
      {
        type: "CLOUDWATCH_METRIC",
        cloudwatchAlarmName: args.alarm.name,
        cloudwatchAlarmRegion: args.alarm.region,
        // After a promotion the standby stops reporting lag: keep the last status (unhealthy) until
        // a switchback makes it report again.
        insufficientDataHealthStatus: "LastKnownStatus",
        tags: nameTags(`${args.zoneName}-cache-writer`),
      },
      // Route53 refuses a health check on an alarm that does not exist yet.
      { ...child, dependsOn: [args.alarm.resource] },
    );
    // The standby answers exactly when the writer does not (Route53 needs a check on every routed
    // record; a calculated, inverted copy of the writer's keeps the two from disagreeing).
    const standbyHealth = new aws.route53.HealthCheck(
      `${name}-standby-health`,
      {
        type: "CALCULATED",
        childHealthchecks: [health.id],
        childHealthThreshold: 1,
        invertHealthcheck: true,
        tags: nameTags(`${args.zoneName}-cache-standby`),
      },
      child,
    );
    this.cacheWriterHost = cacheWriterName(args.zoneName);
    const record = (role: "writer" | "standby", target: pulumi.Input<string>) =>
      new aws.route53.Record(
        `${name}-cache-${role}`,
        {
          zoneId: zone.id,
          name: this.cacheWriterHost,
          type: "CNAME",
          ttl: args.ttlSeconds,
          records: [target],
          setIdentifier: role,
          failoverRoutingPolicies: [{ type: role === "writer" ? "PRIMARY" : "SECONDARY" }],
          healthCheckId: role === "writer" ? health.id : standbyHealth.id,
        },
        child,
      );
    record("writer", args.writerEndpoint);
    record("standby", args.standbyEndpoint);
    this.zoneId = zone.id;
    this.registerOutputs({ zoneId: this.zoneId });
  }
}
