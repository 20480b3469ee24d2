import { onThirdParty } from "./readings";
import type { Price } from "./types";

const MSK = "https://aws.amazon.com/msk/pricing/";

/** The US regions share MSK's list prices; eu-west-1 is not pinned (see `note`). */
const us = (usd: number): Record<string, number> => ({ "us-east-1": usd, "us-east-2": usd, "us-west-2": usd });

const NOT_READ =
  "US list price as known when the table was pinned; the stored copies of the MSK pricing page searched on " +
  "2026-12-07 held no readable figure, so it is NOT re-read: confirm it on the source. eu-west-1 is left unpinned " +
  "rather than guessed (its lines show as unpriced).";

/** Standard brokers, USD per broker-hour, by instance type (MSK Provisioned, Standard brokers). */
export const MSK_BROKER_PRICES: Readonly<Record<string, Price>> = {
  "kafka.t3.small": { unit: "broker-hour", usd: us(0.0456), source: MSK, note: NOT_READ },
  "kafka.m5.large": { unit: "broker-hour", usd: us(0.21), source: MSK, note: NOT_READ },
  "kafka.m5.xlarge": { unit: "broker-hour", usd: us(0.42), source: MSK, note: NOT_READ },
  "kafka.m5.2xlarge": { unit: "broker-hour", usd: us(0.84), source: MSK, note: NOT_READ },
  "kafka.m7g.large": { unit: "broker-hour", usd: us(0.204), source: MSK, note: NOT_READ },
  "kafka.m7g.xlarge": { unit: "broker-hour", usd: us(0.408), source: MSK, note: NOT_READ },
  "kafka.m7g.2xlarge": { unit: "broker-hour", usd: us(0.816), source: MSK, note: NOT_READ },
};

const GIST = "https://gist.github.com/EverettBerry/d24aa940ad43c313803248cea6366682";

/** Broker storage (EBS, provisioned per broker), and MSK Serverless for the mode comparison in docs/kafka.md. */
export const MSK_PRICES = {
  storage: { unit: "GB-month", usd: us(0.1), source: MSK, note: NOT_READ },
  serverlessClusterHour: {
    unit: "cluster-hour",
    usd: us(0.75),
    source: MSK,
    seen: [
      onThirdParty(
        GIST,
        "unnamed",
        0.75,
        "MSK Serverless table: compute $0.75 per hour (2022-10-03 gist; no region named).",
      ),
    ],
  },
  serverlessPartitionHour: {
    unit: "partition-hour",
    usd: us(0.0015),
    source: MSK,
    seen: [onThirdParty(GIST, "unnamed", 0.0015, "MSK Serverless table: $0.0015 per partition per hour.")],
  },
  serverlessDataIn: {
    unit: "GB",
    usd: us(0.1),
    source: MSK,
    seen: [onThirdParty(GIST, "unnamed", 0.1, "MSK Serverless table: data in $0.10 per GiB.")],
  },
  serverlessDataOut: {
    unit: "GB",
    usd: us(0.05),
    source: MSK,
    seen: [onThirdParty(GIST, "unnamed", 0.05, "MSK Serverless table: data out $0.05 per GiB.")],
  },
} satisfies Record<string, Price>;
