import type { ConfigIssue } from "../errors";
import type { ParsedSections } from "../schema";
import { GLOBAL_EDGE_REGION, isKnownRegion } from "../regions";
import { MAX_AZS } from "./network";
import { duplicates } from "../primitives";
import { capacityProblem, cidrsOverlap, requiredVpcPrefix } from "../../network/subnets";
import { regionProblem } from "../domain-checks";
import { VPC_PREFIX } from "../aws-domains";

type Sections = { [K in keyof ParsedSections]?: ParsedSections[K] };
type Add = (path: string, value: unknown, expected: string) => void;
const key = (section: string, rest = "") => `platform:${section}${rest}`;

/** Cross-field rules of `platform:regions` and `platform:allowedRegions` (and the account), beside ./core.ts. */
export function regionIssues(c: Sections): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add: Add = (path, value, expected) => issues.push({ path, value, expected });
  accountIssues(c, add);
  if (c.regions) checkRegions(c, add);
  c.allowedRegions?.forEach((r, i) => {
    const problem = regionProblem(r) ?? (isKnownRegion(r) ? undefined : "a known AWS region name like us-east-1");
    if (problem) add(key("allowedRegions", `[${i}]`), r, problem);
  });
  if (c.allowedRegions && c.edge?.enabled && !c.allowedRegions.includes(GLOBAL_EDGE_REGION))
    add(
      key("allowedRegions"),
      c.allowedRegions,
      `a list including ${GLOBAL_EDGE_REGION} while edge is enabled (CloudFront's certificate and WAF live there)`,
    );
  return issues;
}

function checkRegions(c: Sections, add: Add): void {
  const regions = c.regions!;
  const seen = new Set<string>();
  regions.forEach((r, i) => {
    const at = key("regions", `[${i}]`);
    const partition = regionProblem(r.name);
    if (partition) add(`${at}.name`, r.name, partition);
    else if (!isKnownRegion(r.name))
      add(`${at}.name`, r.name, "a known AWS region name like us-east-1, us-west-2 or eu-west-1");
    else if (c.allowedRegions && !c.allowedRegions.includes(r.name))
      add(
        `${at}.name`,
        r.name,
        `a region in platform:allowedRegions (${c.allowedRegions.join(", ")}); to deploy there, add it to platform:allowedRegions (the aws-allowed-regions policy checks the same list)`,
      );
    if (seen.has(r.name)) add(`${at}.name`, r.name, "each region listed once");
    seen.add(r.name);
    if (c.network) {
      const azCount = c.network.azCount;
      // When the prefixes cannot fit any VPC AWS allows, domainIssues names network.subnetPrefixes instead.
      const fits = requiredVpcPrefix(c.network.subnetPrefixes, MAX_AZS) >= VPC_PREFIX.largest;
      const problem = fits ? capacityProblem(r.vpcCidr, c.network.subnetPrefixes, MAX_AZS) : undefined;
      if (problem)
        add(`${at}.vpcCidr`, r.vpcCidr, `${problem} (or set longer network.subnetPrefixes, i.e. smaller subnets)`);
      if (r.availabilityZones) {
        if (r.availabilityZones.length < azCount)
          add(`${at}.availabilityZones`, r.availabilityZones, `at least network.azCount (${azCount}) AZ names`);
        if (r.availabilityZones.length > MAX_AZS)
          add(`${at}.availabilityZones`, r.availabilityZones, `at most ${MAX_AZS} AZ names`);
        // Unknown zone names are reported by domainIssues, against the region's zone list.
        duplicates(r.availabilityZones).forEach((az) => add(`${at}.availabilityZones`, az, "each AZ listed once"));
      }
      if (cidrsOverlap(r.vpcCidr, c.network.serviceCidr))
        add(`${at}.vpcCidr`, r.vpcCidr, `a range disjoint from network.serviceCidr (${c.network.serviceCidr})`);
    }
    for (let j = 0; j < i; j++) {
      if (cidrsOverlap(r.vpcCidr, regions[j].vpcCidr)) {
        add(
          `${at}.vpcCidr`,
          r.vpcCidr,
          `a range disjoint from regions[${j}] (${regions[j].name} ${regions[j].vpcCidr}); cross-region VPC ranges must not overlap`,
        );
      }
    }
  });
}

/**
 * A prod stack names its account: the providers accept no credentials of another one, so a prod
 * deploy run with dev's (or anyone else's) credentials stops before its first call.
 */
function accountIssues(c: Sections, add: Add): void {
  if (c.environment === "prod" && c.security && c.security.accountId === undefined)
    add(
      key("security", ".accountId"),
      undefined,
      "the 12-digit id of prod's own AWS account (prod refuses to run in any other; docs/security.md, Accounts)",
    );
}

/**
 * The stack name decides the environment, so a pull request cannot lower a stack's rules by
 * editing its stack file: a stack named after an environment (`prod`, or `prod-` and more) must
 * say that environment. Other stack names keep the environment they set.
 */
export const ENVIRONMENT_STACK_RE = /^(dev|staging|prod)(?:-.*)?$/;

export function stackEnvironmentIssues(stack: string, environment: unknown, ns = "platform:"): ConfigIssue[] {
  const decided = ENVIRONMENT_STACK_RE.exec(stack)?.[1];
  if (decided === undefined || environment === undefined || environment === decided) return [];
  return [
    {
      path: `${ns}environment`,
      value: environment,
      expected: `"${decided}": the stack "${stack}" is a ${decided} stack by its name, and its name decides the environment`,
    },
  ];
}
