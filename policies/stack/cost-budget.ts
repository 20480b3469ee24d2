import type { StackValidationPolicy } from "@pulumi/policy";
import { readConfig } from "../lib/policy";

/** What the offline plan (tools/plan-lib.ts) and `npm run cost -- --policy-config FILE` pass in. */
export interface CostBudgetConfig {
  /** USD per month, from `platform:cost.monthlyBudget`; unset: nothing to check. */
  monthlyBudget?: number;
  /** The stack's estimate (tools/cost estimateCost): total and its largest lines. */
  estimate?: { monthly: number; top?: string[]; priceDate?: string };
}

const usd = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * Advisory; mandatory in strict environments (prod, staging) through the registry. The pack cannot
 * price resources itself (prices and usage live in tools/cost), so the estimate arrives in the
 * policy config: the offline plan computes it from the planned resources; for `pulumi preview`,
 * `npm run cost -- --stack <name> --policy-config FILE` writes a --policy-pack-config with it.
 * Without a budget (the checked-in policies/config/*.json) the policy checks nothing.
 */
export function costBudget(): StackValidationPolicy {
  return {
    name: "cost-budget",
    description: "The stack's estimated monthly cost (npm run cost) stays within platform:cost.monthlyBudget.",
    enforcementLevel: "advisory",
    configSchema: {
      properties: {
        monthlyBudget: { type: "number" },
        estimate: { type: "object" },
      },
    },
    validateStack: (args, reportViolation) => {
      const { monthlyBudget, estimate } = readConfig<CostBudgetConfig>(args, {});
      if (monthlyBudget === undefined) return;
      if (!estimate || typeof estimate.monthly !== "number") {
        reportViolation(
          `platform:cost.monthlyBudget is ${usd(monthlyBudget)} but the policy config carries no cost estimate; ` +
            `write it with: npm run cost -- --stack <name> --policy-config FILE`,
        );
        return;
      }
      if (estimate.monthly <= monthlyBudget) return;
      const top = estimate.top?.length ? `; largest lines: ${estimate.top.join(", ")}` : "";
      reportViolation(
        `estimated monthly cost ${usd(estimate.monthly)} exceeds platform:cost.monthlyBudget ${usd(monthlyBudget)} ` +
          `by ${usd(estimate.monthly - monthlyBudget)}${top} (list prices of ${estimate.priceDate ?? "?"}; npm run cost for every line)`,
      );
    },
  };
}
