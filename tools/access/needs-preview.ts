/**
 * What a preview role may and may not do: the AWS reads `pulumi preview` makes, no secret-bearing
 * read anywhere, and in every cluster read-only access without Secrets (the EKS access policy of
 * the previewers' access entries).
 */
import type { CiRolePlan } from "../../components/bootstrap/ci-roles";
import { ciAsker } from "./ci-identity";
import { k8sAllows } from "./eks-access-policies";
import type { Need } from "./model";
import type { World } from "./world";

/**
 * Secret-bearing reads: Secrets Manager values, SSM parameters, CloudFront configs with origin
 * headers, the listener rule matching that header, WAF samples, table items, function environments.
 */
function secretReads(world: World): [action: string, resource: string, urn?: string][] {
  const arn = (r: { urn: string }) => String(world.out(world.resources.find((x) => x.urn === r.urn)!).arn);
  const regions = [...new Set(world.resources.map((r) => r.region).filter((r): r is string => !!r))];
  return [
    ...world
      .ofType("aws:secretsmanager/secret:Secret")
      .map((s) => ["secretsmanager:GetSecretValue", arn(s), s.urn] as [string, string, string]),
    ...world
      .ofType("aws:cloudfront/distribution:Distribution")
      .flatMap((d) =>
        ["cloudfront:GetDistributionConfig", "cloudfront:GetDistribution"].map(
          (a) => [a, arn(d), d.urn] as [string, string, string],
        ),
      ),
    ...world
      .ofType("aws:wafv2/webAcl:WebAcl")
      .map((w) => ["wafv2:GetSampledRequests", arn(w), w.urn] as [string, string, string]),
    ...world
      .ofType("aws:dynamodb/table:Table")
      .map((t) => ["dynamodb:Scan", arn(t), t.urn] as [string, string, string]),
    ...world
      .ofType("aws:lambda/function:Function")
      .map((f) => ["lambda:GetFunctionConfiguration", arn(f), f.urn] as [string, string, string]),
    ...world
      .ofType("aws:lb/listenerRule:ListenerRule")
      .map((l) => ["elasticloadbalancing:DescribeRules", "*", l.urn] as [string, string, string]),
    ...(world.ofType("aws:cloudfront/distribution:Distribution").length
      ? [["cloudfront:ListDistributions", "*"] as [string, string]]
      : []),
    ...regions.map(
      (r) => ["ssm:GetParameter", `arn:aws:ssm:${r}:${world.account}:parameter/platform/any`] as [string, string],
    ),
  ];
}

/**
 * What a preview reads from AWS: the data sources the program calls for the resources it plans
 * (caller identity always; the CloudFront prefix list behind an ALB rule; the hosted zone of the
 * records; add-on versions; the canonical user id of a bucket ACL).
 */
function previewReads(world: World): [action: string, resource: string, region: string][] {
  const text = JSON.stringify(world.resources.map((r) => r.inputs));
  const home = world.resources.find((r) => r.region)?.region ?? "us-east-1";
  const zones = new Set(world.ofType("aws:route53/record:Record").map((r) => String(r.inputs.zoneId)));
  return [
    ["sts:GetCallerIdentity", "*", home],
    ...(text.includes("pl-") && world.ofType("aws:lb/loadBalancer:LoadBalancer").length
      ? [["ec2:DescribeManagedPrefixLists", "*", home] as [string, string, string]]
      : []),
    ...(zones.size ? [["route53:ListHostedZones", "*", home] as [string, string, string]] : []),
    ...[...zones].map(
      (z) => ["route53:GetHostedZone", `arn:aws:route53:::hostedzone/${z}`, home] as [string, string, string],
    ),
    ...[...new Set(world.ofType("aws:eks/addon:Addon").map((a) => a.region ?? home))].map(
      (r) => ["eks:DescribeAddonVersions", "*", r] as [string, string, string],
    ),
    ...(world.ofType("aws:s3/bucketAcl:BucketAcl").length
      ? [["s3:ListAllMyBuckets", "*", home] as [string, string, string]]
      : []),
  ];
}

export function previewNeeds(world: World, plan: CiRolePlan): Need[] {
  const asker = ciAsker(world, plan);
  const reads = previewReads(world).map(([action, resource, region]): Need => ({
    requirement: "preview-reads-aws",
    kind: "required",
    asker,
    action,
    resource,
    context: { "aws:RequestedRegion": region },
  }));
  return [...reads, ...previewSecretNeeds(world, asker)];
}

function previewSecretNeeds(world: World, asker: Need["asker"]): Need[] {
  return secretReads(world).map(([action, resource, urn]) => ({
    requirement: "preview-no-secret-values",
    kind: "forbidden",
    asker,
    action,
    resource,
    context: { "aws:RequestedRegion": resource.split(":")[3] || "us-east-1" },
    urn,
  }));
}

/** Kubernetes access of the stack's access entries, by the EKS access policy each is associated with. */
export function clusterAccess(world: World): Need[] {
  const ask = (verb: string, group: string, resource: string) => `kubernetes:${verb} ${group || "core"}/${resource}`;
  return world.ofType("eks:index:Cluster").flatMap((c) => {
    const clusterArn = `arn:aws:eks:${c.region}:${world.account}:cluster/${c.inputs.name}`;
    const entries = Object.values(
      (c.inputs.accessEntries ?? {}) as Record<
        string,
        { principalArn: string; accessPolicies: Record<string, { policyArn: string }> }
      >,
    );
    return entries.flatMap((e) =>
      Object.entries(e.accessPolicies).flatMap(([role, p]): Need[] => {
        if (role !== "previewers") return [];
        const k8s = (kind: Need["kind"], verb: string, group: string, resource: string): Need => {
          const v = k8sAllows(p.policyArn, verb, group, resource);
          const by = `${p.policyArn}#rule[${v.rule}]`;
          return {
            requirement: kind === "required" ? "preview-reads-cluster" : "preview-no-cluster-writes-or-secrets",
            kind,
            asker: { external: e.principalArn, account: e.principalArn.split(":")[4] },
            action: ask(verb, group, resource),
            resource: clusterArn,
            urn: c.urn,
            decided: v.allowed
              ? { allowed: true, decidedBy: [by], reason: "access policy allows" }
              : { allowed: false, decidedBy: [], reason: `${p.policyArn} grants no ${verb} on ${resource}` },
          };
        };
        return [
          k8s("required", "get", "apps", "deployments"),
          k8s("required", "list", "", "configmaps"),
          k8s("forbidden", "get", "", "secrets"),
          k8s("forbidden", "list", "", "secrets"),
          k8s("forbidden", "patch", "apps", "deployments"),
          k8s("forbidden", "create", "", "pods"),
          k8s("forbidden", "create", "", "pods/exec"),
        ];
      }),
    );
  });
}
