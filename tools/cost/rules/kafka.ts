import { usd } from "../context";
import { MSK_BROKER_PRICES, MSK_PRICES } from "../prices/kafka";
import { HOURS_PER_MONTH as H } from "../prices/types";
import { type Rule, num, obj, str } from "./common";

/**
 * A provisioned MSK cluster: every broker's hours at its type's rate, and the EBS storage each
 * broker is given (billed provisioned, used or not). Replication between brokers is free; client
 * traffic across AZs (EC2 regional transfer) is not estimated.
 */
const cluster: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const info = obj(r.inputs.brokerNodeGroupInfo);
  const type = str(info.instanceType) ?? "?";
  const brokers = num(r.inputs.numberOfBrokerNodes) ?? 0;
  const family = MSK_BROKER_PRICES[type];
  if (!family) return ctx.noPrice(r, `MSK broker type ${type} has no pinned price`);
  const hourly = family.usd[region];
  const storage = MSK_PRICES.storage.usd[region];
  // One gap per cluster: a region without MSK prices has neither its broker nor its storage rate.
  if (hourly === undefined || storage === undefined)
    return ctx.noPrice(r, `no pinned MSK broker (${type}) or storage price in ${region} (see ${family.source})`);
  ctx.add(r, `MSK brokers ${type}`, brokers * hourly * H, `${brokers} brokers x ${usd(hourly)}/h x ${H} h`);
  const gib = num(obj(obj(info.storageInfo).ebsStorageInfo).volumeSize) ?? 0;
  ctx.add(
    r,
    "MSK broker storage",
    brokers * gib * storage,
    `${brokers} brokers x ${gib} GB x ${usd(storage)}/GB-month`,
  );
};

export const KAFKA_RULES: Record<string, Rule> = {
  "aws:msk/cluster:Cluster": cluster,
};
