import type { PlanResource, Violation } from "../../policies/lib/offline";
import { at, finding, isUnknown, label, ORDER_POLICY, PlanGraph } from "./graph";
import AWS_STATE from "./aws-state.json";

type Rule = (typeof AWS_STATE.rules)[number] & {
  types?: string[];
  when?: { path: string; equals?: string; present?: boolean };
  users?: { type: string; roleVia?: string; grants?: string[] }[];
  grants?: string[];
  actions?: string[];
  evidenceTag?: string;
  evidenceValue?: string;
  nextStep?: string;
};

const ROLE = "aws:iam/role:Role";
const BUCKET = "aws:s3/bucket:Bucket";
const CONNECTION = "aws:codeconnections/connection:Connection";

export function awsRules(): readonly Rule[] {
  return AWS_STATE.rules as Rule[];
}

export function awsFindings(g: PlanGraph): Violation[] {
  return awsRules().flatMap((rule) => {
    const check = CHECKS[rule.check];
    if (!check) throw new Error(`tools/order/aws-state.json: rule ${rule.id} names unknown check "${rule.check}"`);
    return check(g, rule);
  });
}

const cite = (rule: Rule) => `Source: ${rule.source}`;
const needs = (r: PlanResource, p: PlanResource, rule: Rule) =>
  finding(
    ORDER_POLICY,
    r,
    `${label(r)} must depend on ${label(p)} (${rule.id}: ${rule.state}; ${rule.why}). ${cite(rule)}`,
  );

function subjects(g: PlanGraph, rule: Rule): PlanResource[] {
  // Stryker disable next-line ArrayDeclaration: no planned resource has a placeholder type, so a non-empty stand-in finds nothing either
  return (rule.types ?? [])
    .flatMap((t) => g.ofType(t))
    .filter((r) => {
      if (!rule.when) return true;
      const v = at(r.inputs, rule.when.path);
      return rule.when.present ? v !== undefined && v !== null && v !== "" : v === rule.when.equals;
    });
}

const CHECKS: Record<string, (g: PlanGraph, rule: Rule) => Violation[]> = {
  /** The certificate a listener or distribution serves must come through its CertificateValidation. */
  issuedCertificate(g, rule) {
    return subjects(g, rule).flatMap((r) => {
      const closure = g.closure(r);
      const validations = g.ofType("aws:acm/certificateValidation:CertificateValidation");
      if (validations.some((v) => closure.has(v.urn))) return [];
      const cert = g.ofType("aws:acm/certificate:Certificate").find((c) => closure.has(c.urn));
      const validation = cert && validations.find((v) => v.dependencies.includes(cert.urn));
      if (validation) return [needs(r, validation, rule)];
      return [
        finding(
          ORDER_POLICY,
          r,
          `${label(r)}: ${rule.id}: no CertificateValidation in the plan waits for its certificate${cert ? ` ${label(cert)}` : ""} to be ${rule.state}. ${cite(rule)}`,
        ),
      ];
    });
  },

  /** A webhook through a connection this plan creates needs the handshake attested on the connection. */
  availableConnection(g, rule) {
    const out: Violation[] = [];
    const attested = (c: PlanResource) =>
      (at(c.inputs, "tags") as Record<string, unknown> | undefined)?.[rule.evidenceTag!] === rule.evidenceValue;
    for (const r of subjects(g, rule))
      for (const c of g.ofType(CONNECTION).filter((x) => g.before(x, r) && !attested(x)))
        out.push(
          finding(
            ORDER_POLICY,
            r,
            `${label(r)} needs ${label(c)} ${rule.state}, but the plan creates the connection in the same update, where it stays PENDING (${rule.why}). ${cite(rule)}`,
          ),
        );
    const webhooks = subjects(g, rule);
    for (const c of g.ofType(CONNECTION).filter((x) => !webhooks.some((w) => g.before(x, w))))
      out.push(
        finding(
          ORDER_POLICY,
          c,
          `runner webhook held back: next step: ${rule.nextStep!.replace("{connection}", String(c.inputs.name ?? c.name))}`,
          "advisory",
        ),
      );
    return out;
  },

  /** A secondary Aurora cluster waits for a writer instance of the primary cluster. */
  primaryWriter(g, rule) {
    const clusters = subjects(g, rule).filter((c) => c.inputs.globalClusterIdentifier !== undefined);
    const globalOf = (c: PlanResource) => g.directOfType(c, "aws:rds/globalCluster:GlobalCluster")[0]?.urn;
    return clusters
      .filter((c) => c.inputs.masterUsername === undefined)
      .flatMap((secondary) => {
        const primary = clusters.find(
          (c) => c.inputs.masterUsername !== undefined && globalOf(c) === globalOf(secondary),
        );
        if (!primary) return [];
        const writers = g.dependents(primary, ["aws:rds/clusterInstance:ClusterInstance"]);
        if (writers.some((w) => g.before(w, secondary))) return [];
        return [needs(secondary, writers[0] ?? primary, rule)];
      });
  },

  /** Every policy attached to the role a service uses is in place before the service is created. */
  rolePermissions(g, rule) {
    const out: Violation[] = [];
    for (const user of rule.users ?? []) {
      const { type, roleVia } = user;
      for (const r of g.ofType(type)) {
        const holders = roleVia ? g.directOfType(r, roleVia) : [r];
        const roles = holders.flatMap((h) => g.directOfType(h, ROLE));
        for (const role of roles)
          // Stryker disable next-line ArrayDeclaration: no planned resource has a placeholder type, so a non-empty stand-in finds nothing either
          for (const grant of g.dependents(role, rule.grants ?? []).filter((x) => !g.before(x, r)))
            out.push(needs(r, grant, rule));
      }
    }
    return out;
  },

  /** Config's recorder role may put objects into the delivery bucket and read its ACL. */
  configDeliveryGrant(g, rule) {
    return subjects(g, rule).flatMap((channel) => {
      // Stryker disable next-line StringLiteral: s3BucketName is a required input of aws.cfg.DeliveryChannel, so the fallback never applies
      const bucket = String(channel.inputs.s3BucketName ?? "");
      const roles = g.directOfType(channel, "aws:cfg/recorder:Recorder").flatMap((rec) => g.directOfType(rec, ROLE));
      return roles.flatMap((role) => {
        const policies = g.dependents(role, ["aws:iam/rolePolicy:RolePolicy"]);
        if (isUnknown(bucket) || policies.some((p) => isUnknown(p.inputs.policy)))
          return [
            finding(
              ORDER_POLICY,
              channel,
              `cannot check until known: ${label(channel)} needs ${label(role)} to allow ${(rule.actions ?? []).join(", ")} on its bucket, and the bucket or the role's policies are unknown in a preview (${rule.id})`,
              "advisory",
            ),
          ];
        const missing = (rule.actions ?? []).filter((a) => !policies.some((p) => grants(p, a, bucket)));
        if (missing.length === 0) return [];
        return [
          finding(
            ORDER_POLICY,
            channel,
            `${label(channel)} needs ${label(role)} to allow ${missing.join(", ")} on bucket ${bucket} (${rule.id}: ${rule.why}). ${cite(rule)}`,
          ),
        ];
      });
    });
  },

  /** Services that log into a bucket test its permissions when configured: the grants come first. */
  bucketGrants(g, rule) {
    const out: Violation[] = [];
    for (const { type, grants: kinds } of rule.users as { type: string; grants: string[] }[])
      for (const r of g.ofType(type))
        for (const bucket of g.directOfType(r, BUCKET))
          for (const grant of g.dependents(bucket, kinds).filter((x) => !g.before(x, r)))
            out.push(needs(r, grant, rule));
    return out;
  },
};

/** Does a role policy (plan input: JSON text) allow `action` on the bucket or its objects? */
function grants(policy: PlanResource, action: string, bucket: string): boolean {
  let doc: { Statement?: unknown };
  try {
    doc =
      typeof policy.inputs.policy === "string" ? JSON.parse(policy.inputs.policy) : (policy.inputs.policy as object);
  } catch {
    return false;
  }
  const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  return list(doc?.Statement as Record<string, unknown>[]).some(
    (s) =>
      s.Effect === "Allow" &&
      list(s.Action as string | string[]).some((a) => a === action || a === "s3:*") &&
      list(s.Resource as string | string[]).some((res) => res.includes(`:::${bucket}`)),
  );
}
