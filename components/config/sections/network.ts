import { z } from "zod";
import { ipv4Cidr, positiveInt } from "../primitives";

export const MIN_AZS = 2;
/** Subnet slots are reserved for this many AZs so adding an AZ never moves a subnet. */
export const MAX_AZS = 6;

const prefix = (tier: string) =>
  z
    .number({ error: `a subnet prefix length for ${tier} subnets (16..28)` })
    .int()
    .min(16, { error: "a prefix length between 16 and 28" })
    .max(28, { error: "a prefix length between 16 and 28" });

/** `platform:network` */
export const networkSchema = z
  .strictObject({
    /** AZs used per region (2..6). Default 3 (seed 002). */
    azCount: z
      .number({ error: `an integer between ${MIN_AZS} and ${MAX_AZS}` })
      .int({ error: `an integer between ${MIN_AZS} and ${MAX_AZS}` })
      .min(MIN_AZS, { error: `an integer between ${MIN_AZS} and ${MAX_AZS}` })
      .max(MAX_AZS, { error: `an integer between ${MIN_AZS} and ${MAX_AZS}` })
      .default(3),
    /** "perAz" (HA, prod) or "single" (cheap, dev: one NAT gateway shared by all AZs). */
    natGateways: z.enum(["perAz", "single"], { error: '"perAz" or "single"' }).default("perAz"),
    /** Prefix lengths of the per-AZ subnets. Private subnets hold nodes and pods (VPC CNI). */
    subnetPrefixes: z
      .strictObject({
        public: prefix("public").default(24),
        private: prefix("private").default(19),
        database: prefix("database").default(24),
      })
      .prefault({}),
    /** Kubernetes service CIDR; must not overlap any VPC. */
    serviceCidr: ipv4Cidr.default("172.20.0.0/16"),
    flowLogs: z
      .strictObject({
        retentionDays: positiveInt.default(90),
        trafficType: z.enum(["ALL", "ACCEPT", "REJECT"], { error: '"ALL", "ACCEPT" or "REJECT"' }).default("ALL"),
      })
      .prefault({}),
  })
  .prefault({});
