import { later, onAws, onThirdParty } from "./readings";
import { type Price, uniform } from "./types";

const DYNAMODB = "https://aws.amazon.com/dynamodb/pricing/on-demand/";
const LAMBDA = "https://aws.amazon.com/lambda/pricing/";
const GLOBAL_TABLES_BILLING =
  "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/global-tables-billing.html";

/** US regions share DynamoDB's list prices; no EU figure was found on a page, so EU tables are unpriced. */
const us = (usd: number) => ({ "us-east-1": usd, "us-east-2": usd, "us-west-2": usd });

/**
 * DynamoDB on-demand, Standard table class. Only the US regions are pinned: the pages read give
 * us-east-1 (the two other US regions are the same list price, not re-read); no page in reach gave an
 * EU figure, so a replica in Europe is counted unpriced rather than guessed.
 */
export const DYNAMODB_PRICES = {
  writeUnits: {
    unit: "1M write request units",
    usd: us(0.625),
    source: DYNAMODB,
    seen: [
      onThirdParty(
        "https://airbyte.com/data-engineering-resources/dynamodb-pricing",
        ["us-east-1"],
        0.625,
        "US East, after the 50 % on-demand price cut of November 2024: $0.625 per million write request units " +
          "(page of 2025-07-21).",
      ),
    ].map(later),
    note: "One WRU writes an item up to 1 KB; a transactional write takes two.",
  },
  readUnits: {
    unit: "1M read request units",
    usd: us(0.125),
    source: DYNAMODB,
    seen: [
      onThirdParty(
        "https://airbyte.com/data-engineering-resources/dynamodb-pricing",
        ["us-east-1"],
        0.125,
        "US East, after the November 2024 cut: $0.125 per million read request units (page of 2025-07-21).",
      ),
    ].map(later),
    note: "An eventually consistent read of up to 4 KB takes half an RRU, a strongly consistent one a whole RRU.",
  },
  replicatedWriteUnits: {
    unit: "1M replicated write request units",
    usd: us(0.625),
    source: DYNAMODB,
    seen: [
      onAws(
        GLOBAL_TABLES_BILLING,
        "unnamed",
        0.625,
        "DynamoDB developer guide, global tables billing: one rWRU per replica table for each write up to 1 KB; " +
          "replicated write units are priced the same as single-Region write units (so $0.625 where the WRU is); " +
          "GSI updates are billed as ordinary WRUs; cross-Region data transfer applies.",
      ),
    ].map(later),
  },
  storage: {
    unit: "GB-month",
    usd: us(0.25),
    source: "https://aws.amazon.com/dynamodb/pricing/",
    seen: [
      onAws(
        "https://aws.amazon.com/dynamodb/pricing/",
        "unnamed",
        0.25,
        "Pricing at a glance: the first 25 GB consumed per month is free, prices start from $0.25 per GB-month " +
          "thereafter (the lowest regional figure: US East). The free 25 GB are not subtracted here.",
      ),
    ].map(later),
    note: "Table and index storage (items plus 100 bytes of overhead each); the always-free 25 GB not subtracted.",
  },
  pitr: {
    unit: "GB-month",
    usd: us(0.2),
    source: DYNAMODB,
    note: "Continuous backups (point-in-time recovery), billed on the table's size; list price not re-read.",
  },
} satisfies Record<string, Price>;

/**
 * Lambda on-demand, first pricing tier (the first 6 billion x86 / 7.5 billion Arm GB-seconds a
 * month), in every priced region: the same figures in the US and EU regions priced here, as known at
 * the price date; us-east-1 was read.
 */
export const LAMBDA_PRICES = {
  requests: {
    unit: "1M requests",
    usd: uniform(0.2),
    source: LAMBDA,
    seen: [
      onThirdParty(
        "https://cloudchipr.com/blog/aws-lambda-pricing",
        ["us-east-1"],
        0.2,
        "US East (N. Virginia): $0.20 per 1M requests (2024 guide); the 1M free requests a month not subtracted.",
      ),
    ].map(later),
  },
  gbSecondX86: {
    unit: "GB-second",
    usd: uniform(0.0000166667),
    source: LAMBDA,
    seen: [
      onThirdParty(
        "https://cloudchipr.com/blog/aws-lambda-pricing",
        ["us-east-1"],
        0.0000166667,
        "x86, US East: first 6 billion GB-seconds a month $0.0000166667 per GB-second.",
      ),
    ].map(later),
  },
  gbSecondArm: {
    unit: "GB-second",
    usd: uniform(0.0000133334),
    source: LAMBDA,
    seen: [
      onThirdParty(
        "https://cloudchipr.com/blog/aws-lambda-pricing",
        ["us-east-1"],
        0.0000133334,
        "Arm (Graviton2), US East: first 7.5 billion GB-seconds a month $0.0000133334 per GB-second.",
      ),
    ].map(later),
  },
} satisfies Record<string, Price>;
