import type { PlanResource, Violation } from "../../policies/lib/offline";
import { at, finding, isUnknown, k8sMeta, label, PlanGraph, SECOND_UP_POLICY } from "./graph";
import SECOND_UP from "./drift.json";

type Row = (typeof SECOND_UP.rows)[number] & {
  when?: string;
  whenScaledBy?: string;
  whenChart?: string;
  ownedWhen?: string;
  owned?: string;
};

export const SINGLE_OWNER_POLICY = "platform-single-owner";

export function secondUpRows(): readonly Row[] {
  return SECOND_UP.rows as Row[];
}

/** Is `path` (or a parent of it) in the resource's ignoreChanges? */
function ignored(r: PlanResource, path: string): boolean {
  // Stryker disable next-line ArrayDeclaration: no row's input path is a placeholder string, so a stand-in entry ignores nothing
  return (r.options?.ignoreChanges ?? []).some((p) => p === path || path.startsWith(`${p}.`));
}

/** The autoscaler that owns the input, when the row applies only under one. */
function scaler(g: PlanGraph, row: Row, r: PlanResource): PlanResource | undefined {
  const types = (row.whenScaledBy ?? "").split("|");
  if (r.type === "aws:rds/cluster:Cluster")
    return g.resources.find(
      (t) => types.includes(t.type) && t.inputs.resourceId === `cluster:${String(r.inputs.clusterIdentifier)}`,
    );
  const { name, namespace } = k8sMeta(r);
  return g.resources.find(
    (x) =>
      types.includes(x.type) &&
      x.provider === r.provider &&
      k8sMeta(x).namespace === namespace &&
      at(x.inputs, "spec.scaleTargetRef.name") === name,
  );
}

/** Resources that set an input AWS or a controller changes, without ignoring or owning it. */
export function secondUpFindings(g: PlanGraph): Violation[] {
  const out: Violation[] = [];
  for (const row of secondUpRows()) {
    if (row.owned) continue;
    if (row.whenChart && !g.resources.some((x) => x.inputs.chart === row.whenChart)) continue;
    for (const r of g.ofType(row.type)) {
      if (row.when && at(r.inputs, row.when) === undefined) continue;
      const by = row.whenScaledBy ? scaler(g, row, r) : undefined;
      if (row.whenScaledBy && !by) continue;
      const value = at(r.inputs, row.input);
      if (value === undefined || isUnknown(value) || ignored(r, row.input)) continue;
      if (row.ownedWhen && typeof value === "string" && new RegExp(row.ownedWhen).test(value)) continue;
      const who = by ? `${label(by)}: ${row.changedBy}` : row.changedBy;
      out.push(
        finding(
          SECOND_UP_POLICY,
          r,
          `${label(r)} sets ${row.input} = ${JSON.stringify(value)}, which ${who}; every later up would set it back. Add "${row.input}" to ignoreChanges or stop setting it (${row.id}). Source: ${row.source}`,
        ),
      );
    }
  }
  return [...out, ...dnsOwners(g)];
}

/**
 * One DNS record, one owner: Route53 records with the same zone, name, type and set identifier
 * are one record set. Each owner deletes it when it is removed (allowOverwrite only matters at
 * creation), so the others keep serving a name that no longer exists.
 */
function dnsOwners(g: PlanGraph): Violation[] {
  const groups = new Map<string, PlanResource[]>();
  for (const r of g.ofType("aws:route53/record:Record")) {
    const { zoneId, name, type, setIdentifier } = r.inputs as Record<string, unknown>;
    if (typeof name !== "string" || typeof zoneId !== "string" || isUnknown(name) || isUnknown(zoneId)) continue;
    // Stryker disable next-line MethodExpression: upper or lower case, both names of one record fold alike (DNS names are case-insensitive)
    const key = [zoneId, name.replace(/\.$/, "").toLowerCase(), type, setIdentifier ?? ""].join("|");
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()]
    .filter((rs) => rs.length > 1)
    .map((rs) =>
      finding(
        SINGLE_OWNER_POLICY,
        rs[1],
        `${label(rs[1])} and ${rs.slice(0, 1).concat(rs.slice(2)).map(label).join(", ")} own one DNS record (${String(rs[0].inputs.type)} ${String(rs[0].inputs.name)}); removing one owner deletes the record the others rely on. Give it a single owner. Source: https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html (DELETE removes the record set); https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_record (allow_overwrite applies only at creation)`,
      ),
    );
}
