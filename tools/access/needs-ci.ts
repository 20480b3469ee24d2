/**
 * The CI identities (the bootstrap program's preview and deploy roles for this stack) and the
 * cluster access entries: previews read no secret value anywhere and write nothing in a cluster;
 * a deploy can set up WAF logging, creates roles only under a boundary and cannot drop one.
 * Also the two deliveries decided outside IAM policies: CloudFront standard logs (bucket ACL).
 */
import {
  parseCiRolesInput,
  planCiRoles,
  workloadBoundaryName,
  type CiRolePlan,
} from "../../components/bootstrap/ci-roles";
import type { Need } from "./model";
import { ciAsker, stackOf } from "./ci-identity";
import { clusterAccess, previewNeeds } from "./needs-preview";
import type { World } from "./world";

function deployNeeds(world: World, plan: CiRolePlan): Need[] {
  const asker = ciAsker(world, plan);
  const role = `arn:aws:iam::${world.account}:role/platform-service-role`;
  const region = { "aws:RequestedRegion": "us-east-1" };
  const boundary = `arn:aws:iam::${world.account}:policy/${workloadBoundaryName("platform", plan.stack)}`;
  const waf = world.ofType("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration").map((w): Need => ({
    // WAF creates the log group's resource policy with the caller's permissions
    // (https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html, read 2026-12-07).
    requirement: "waf-logging-setup",
    kind: "required",
    asker,
    action: "logs:PutResourcePolicy",
    resource: "*",
    context: region,
    urn: w.urn,
  }));
  return [
    ...waf,
    {
      requirement: "deploy-role-boundary",
      kind: "required",
      asker,
      action: "iam:CreateRole",
      resource: role,
      context: { ...region, "iam:PermissionsBoundary": boundary },
    },
    // Only when the bootstrap requires the boundary (requireWorkloadBoundary; off by default).
    ...(plan.boundary.Statement.some((st) => st.Sid === "CreatedRolesCarryTheWorkloadBoundary")
      ? [
          {
            requirement: "deploy-role-boundary",
            kind: "forbidden" as const,
            asker,
            action: "iam:CreateRole",
            resource: role,
            context: region,
          },
        ]
      : []),
    {
      requirement: "deploy-role-boundary",
      kind: "forbidden",
      asker,
      action: "iam:DeleteRolePermissionsBoundary",
      resource: role,
      context: region,
    },
    {
      requirement: "deploy-role-boundary",
      kind: "forbidden",
      asker,
      action: "iam:PutRolePermissionsBoundary",
      resource: role,
      context: { ...region, "iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess" },
    },
    ...[...world.roles.values()].map((r): Need => ({
      requirement: "deploy-creates-planned-role",
      kind: "required",
      asker,
      action: "iam:CreateRole",
      resource: r.arn,
      context: { ...region, ...(r.boundaryArn ? { "iam:PermissionsBoundary": r.boundaryArn } : {}) },
      urn: r.urn,
    })),
  ];
}

/** CloudFront standard logging writes through the bucket ACL: awslogsdelivery needs FULL_CONTROL. */
const CLOUDFRONT_LOG_DELIVERY = "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0";

function cloudfrontLogs(world: World): Need[] {
  return world.ofType("aws:cloudfront/distribution:Distribution").flatMap((d): Need[] => {
    const bucket = (d.inputs.loggingConfig as { bucket?: string } | undefined)?.bucket?.replace(
      /\.s3\.amazonaws\.com$/,
      "",
    );
    if (!bucket) return [];
    const b = world.ofType("aws:s3/bucket:Bucket").find((x) => world.out(x).bucket === bucket);
    const acl = b && world.ofType("aws:s3/bucketAcl:BucketAcl").find((a) => a.inputs.bucket === world.out(b).id);
    const grants =
      (acl?.inputs.accessControlPolicy as { grants?: { grantee: { id?: string }; permission: string }[] })?.grants ??
      [];
    const i = grants.findIndex((g) => g.grantee.id === CLOUDFRONT_LOG_DELIVERY && g.permission === "FULL_CONTROL");
    return [
      {
        requirement: "cloudfront-standard-logs",
        kind: "required",
        asker: { service: "awslogsdelivery (CloudFront standard logs)" },
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${bucket}/*`,
        urn: d.urn,
        decided:
          i >= 0
            ? { allowed: true, decidedBy: [`${acl!.urn}#grants[${i}]`], reason: "bucket ACL" }
            : {
                allowed: false,
                decidedBy: [],
                reason: `no bucket ACL of ${bucket} grants FULL_CONTROL to the awslogsdelivery account (canonical id ${CLOUDFRONT_LOG_DELIVERY})`,
              },
      },
    ];
  });
}

/** An administrator of another account, e.g. the dev deploy role with its own account (documentation id). */
const OTHER_ACCOUNT = "210987654321";

/**
 * Data-bearing actions on this stack's resources, tried from another account by dev's deploy role
 * (administrator there) and dev's preview role (trusted for every pull request): with one account
 * per environment, no resource policy may admit either (docs/security.md, Accounts).
 */
function otherAccount(world: World): Need[] {
  const [devPreview, devDeploy] = planCiRoles(parseCiRolesInput({ repository: "owner/repository", stacks: ["dev"] }));
  const other = { ...world, account: OTHER_ACCOUNT };
  const askers = [ciAsker(other, devDeploy), ciAsker(other, devPreview)];
  const arn = (type: string) => world.ofType(type).map((r) => [String(world.out(r).arn), r.urn] as const);
  const tries: [string, string, string][] = [
    ...arn("aws:secretsmanager/secret:Secret").map(
      ([a, u]) => ["secretsmanager:GetSecretValue", a, u] as [string, string, string],
    ),
    ...arn("aws:kms/key:Key").map(([a, u]) => ["kms:Decrypt", a, u] as [string, string, string]),
    ...arn("aws:s3/bucket:Bucket").map(([a, u]) => ["s3:GetObject", `${a}/object`, u] as [string, string, string]),
    ...arn("aws:sqs/queue:Queue").flatMap(([a, u]) =>
      ["sqs:SendMessage", "sqs:ReceiveMessage"].map((x) => [x, a, u] as [string, string, string]),
    ),
    ...arn("aws:sns/topic:Topic").map(([a, u]) => ["sns:Publish", a, u] as [string, string, string]),
    ...world
      .ofType("aws:dynamodb/table:Table")
      .map(
        (t) =>
          [
            "dynamodb:GetItem",
            `arn:aws:dynamodb:${t.region}:${world.account}:table/${t.inputs.name ?? t.name}`,
            t.urn,
          ] as [string, string, string],
      ),
  ];
  const reads: [string, string, string][] = [
    ...arn("aws:cloudfront/distribution:Distribution").map(
      ([a, u]) => ["cloudfront:GetDistributionConfig", a, u] as [string, string, string],
    ),
    ...arn("aws:wafv2/webAcl:WebAcl").map(([a, u]) => ["wafv2:GetSampledRequests", a, u] as [string, string, string]),
  ];
  return askers.flatMap((asker) =>
    [...tries, ...reads].map(([action, resource, urn]): Need => ({
      requirement: "other-account-no-access",
      kind: "forbidden",
      asker,
      action,
      resource,
      urn,
    })),
  );
}

export function ciNeeds(world: World): Need[] {
  const stack = stackOf(world);
  const plans = planCiRoles(parseCiRolesInput({ repository: "owner/repository", stacks: [stack] }));
  return [
    ...plans.filter((p) => p.kind === "preview").flatMap((p) => previewNeeds(world, p)),
    ...plans.filter((p) => p.kind === "deploy").flatMap((p) => deployNeeds(world, p)),
    ...clusterAccess(world),
    ...cloudfrontLogs(world),
    ...otherAccount(world),
  ];
}
