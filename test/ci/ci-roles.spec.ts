import { strict as assert } from "assert";
import * as fc from "fast-check";
import {
  GLOBAL_SERVICE_ACTIONS,
  githubSubject,
  parseCiRolesInput,
  planCiRoles,
  PREVIEW_DENIED_DATA_READS,
  PREVIEW_READ_ACTIONS,
  trustPolicy,
  type CiRolePlan,
} from "../../components/bootstrap/ci-roles";
import { planFor } from "../helpers/plan";
import { actions, byKey, plans, PROVIDER } from "./ci-roles-fixture";

describe("CI roles (bootstrap planner): trust", () => {
  it("one preview and one deploy role per stack, each named for its repository variable", () => {
    assert.deepEqual(
      plans.map((p) => [p.roleName, p.variable, p.subject]),
      [
        ["platform-dev-preview", "AWS_DEV_PREVIEW_ROLE_ARN", "repo:example-org/platform:pull_request"],
        ["platform-dev-deploy", "AWS_DEV_DEPLOY_ROLE_ARN", "repo:example-org/platform:environment:dev"],
        ["platform-prod-preview", "AWS_PROD_PREVIEW_ROLE_ARN", "repo:example-org/platform:environment:prod-preview"],
        ["platform-prod-deploy", "AWS_PROD_DEPLOY_ROLE_ARN", "repo:example-org/platform:environment:prod"],
      ],
    );
  });

  it("each trust policy: GitHub's provider, audience sts.amazonaws.com, exactly the one subject (StringEquals)", () => {
    assert.deepEqual(trustPolicy(PROVIDER, byKey("prod-deploy").subject), {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: PROVIDER },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": "repo:example-org/platform:environment:prod",
            },
          },
        },
      ],
    });
  });

  it("deploy roles need their environment; prod's preview needs prod-preview (approval), dev's none", () => {
    assert.deepEqual(
      plans.map((p) => [p.key, p.environment]),
      [
        ["dev-preview", undefined],
        ["dev-deploy", "dev"],
        ["prod-preview", "prod-preview"],
        ["prod-deploy", "prod"],
      ],
    );
  });

  it("pullRequestPreviewStacks decides which preview roles trust pull_request; the rest fail closed", () => {
    const subjects = (raw: object) =>
      planCiRoles(parseCiRolesInput({ repository: "o/r", ...raw }))
        .filter((p) => p.kind === "preview")
        .map((p) => [p.stack, p.subject]);
    assert.deepEqual(subjects({ stacks: ["prod"] }), [["prod", "repo:o/r:environment:prod-preview"]]);
    // A misspelt entry leaves dev gated (closed), it does not open prod.
    assert.deepEqual(subjects({ pullRequestPreviewStacks: ["dve"] }), [
      ["dev", "repo:o/r:environment:dev-preview"],
      ["prod", "repo:o/r:environment:prod-preview"],
    ]);
    assert.deepEqual(subjects({ pullRequestPreviewStacks: ["dev", "prod"] }), [
      ["dev", "repo:o/r:pull_request"],
      ["prod", "repo:o/r:pull_request"],
    ]);
    assert.throws(
      () => planCiRoles(parseCiRolesInput({ repository: "o/r", stacks: ["prod", "prod-preview"] })),
      (e: Error) =>
        e.message === `stack "prod-preview" shares its GitHub environment with prod's preview: rename the stack`,
    );
  });

  it("wildcards in a subject are refused, by the planner and by the config parser", () => {
    assert.throws(() => githubSubject("example-org/*", "pull_request"), /wildcards are refused/);
    assert.throws(() => githubSubject("example-org/platform", { environment: "*" }), /wildcards are refused/);
    assert.throws(
      () => trustPolicy(PROVIDER, "repo:example-org/platform:*"),
      /^Error: OIDC subject "repo:example-org\/platform:\*": wildcards are refused \(exact subjects only\)$/,
    );
    assert.throws(
      () => parseCiRolesInput({ repository: "example-org/*", stacks: ["dev", "pr?d"] }),
      (e: Error) =>
        e.message ===
        [
          "Invalid bootstrap config:",
          '  platform-ci:repository = "example-org/*": expected a GitHub repository as "owner/name" (no wildcards)',
          "  platform-ci:stacks[1] = \"pr?d\": expected letters, digits, '.', '_' or '-' (no wildcards)",
        ].join("\n"),
    );
  });

  it("a role name over IAM's 64 characters fails before AWS would", () => {
    assert.equal(
      planCiRoles(parseCiRolesInput({ repository: "o/r", namePrefix: "p".repeat(52), stacks: ["dev"] })).length,
      2,
    );
    const long = parseCiRolesInput({ repository: "o/r", namePrefix: "p".repeat(53) });
    assert.throws(
      () => planCiRoles(long),
      (e: Error) =>
        e.message ===
        `IAM role name "${"p".repeat(53)}-dev-preview" is 65 characters; IAM allows 64 (shorten namePrefix or the stack name)`,
    );
  });

  it("property: any repository and stacks give exact, distinct subjects and unique names", () => {
    const seg = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/);
    fc.assert(
      fc.property(
        seg,
        seg,
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/), { minLength: 1, maxLength: 4 }),
        (o, r, stacks) => {
          const ps = planCiRoles(parseCiRolesInput({ repository: `${o}/${r}`, stacks }));
          assert.equal(ps.length, 2 * stacks.length);
          assert.equal(new Set(ps.map((p) => p.roleName)).size, ps.length);
          assert.equal(new Set(ps.map((p) => p.variable)).size, ps.length);
          for (const p of ps) {
            const context =
              p.kind === "deploy"
                ? { environment: p.stack }
                : p.stack === "dev"
                  ? "pull_request"
                  : { environment: `${p.stack}-preview` };
            assert.equal(p.subject, githubSubject(`${o}/${r}`, context));
            assert.equal(p.environment, typeof context === "string" ? undefined : context.environment);
            assert.doesNotMatch(p.subject, /[*?]/);
          }
          const deploySubjects = ps.filter((p) => p.kind === "deploy").map((p) => p.subject);
          assert.equal(new Set(deploySubjects).size, stacks.length, "no two stacks' deploy roles share a subject");
          const gated = ps.filter((p) => p.environment).map((p) => p.subject);
          assert.equal(new Set(gated).size, gated.length, "no two environment-gated roles share a subject");
        },
      ),
    );
  });
});

describe("CI roles (bootstrap planner): permissions and boundaries", () => {
  const previews = plans.filter((p) => p.kind === "preview");
  const deploys = plans.filter((p) => p.kind === "deploy");

  it("preview roles: only describe/list/get-configuration reads, no managed policy, explicit deny on data reads", () => {
    for (const p of previews) {
      assert.deepEqual(p.managedPolicyArns, []);
      const [allow, deny] = p.inlinePolicy!.Statement;
      for (const a of actions(allow)) assert.match(a, /^[a-z0-9-]+:(Describe|List|Get|BatchGet)[A-Za-z0-9]*\*?$/, a);
      assert.ok(!actions(allow).some((a) => /^(\*|[a-z0-9-]+:\*)$/.test(a)), "no service-wide or global wildcard");
      for (const forbidden of ["secretsmanager:Get*", "s3:Get*", "kms:Get*", "ssm:Get*"])
        assert.ok(!actions(allow).includes(forbidden), `${forbidden} would read data`);
      assert.equal(deny.Effect, "Deny");
      // ec2:Get* is allowed (prefix lists, launch template data); what it would read from instances is not.
      for (const d of [
        "secretsmanager:GetSecretValue",
        "kms:Decrypt",
        "s3:GetObject*",
        "ssm:GetParameter*",
        "ec2:GetPasswordData",
      ])
        assert.ok(actions(deny).includes(d), d);
    }
  });

  it("a preview role's boundary allows no more than its policy (the same read set, the same denies)", () => {
    for (const p of previews) {
      assert.deepEqual(actions(p.boundary.Statement[0]), [...PREVIEW_READ_ACTIONS]);
      assert.deepEqual(actions(p.boundary.Statement[1]), [...PREVIEW_DENIED_DATA_READS]);
      assert.equal(p.boundary.Statement.length, 2);
    }
  });

  it("the preview read set covers every AWS service the prod plan creates (preview reads what it diffs)", async () => {
    const { plan } = await planFor("prod");
    // Pulumi AWS module -> IAM service prefix (IAM "Service Authorization Reference").
    const prefix: Record<string, string[]> = {
      amp: ["aps"],
      appautoscaling: ["application-autoscaling"],
      cfg: ["config"],
      cloudwatch: ["cloudwatch", "logs"],
      lb: ["elasticloadbalancing"],
      efs: ["elasticfilesystem"],
      msk: ["kafka"],
      vpc: ["ec2"],
    };
    const modules = new Set(plan.resources.map((r) => /^aws:([^/]+)\//.exec(r.type)?.[1]).filter(Boolean) as string[]);
    const covered = new Set(PREVIEW_READ_ACTIONS.map((a) => a.split(":")[0]));
    for (const m of modules)
      for (const svc of prefix[m] ?? [m])
        assert.ok(covered.has(svc), `plan creates aws:${m}/..., preview cannot read ${svc}`);
  }).timeout(120_000);

  it("deploy roles: admin inside a boundary that pins regions, protects the CI trust and forbids IAM users", () => {
    for (const p of deploys) {
      assert.deepEqual(p.managedPolicyArns, ["arn:aws:iam::aws:policy/AdministratorAccess"]);
      const sid = (s: string) => p.boundary.Statement.find((x) => x.Sid === s)!;
      assert.deepEqual(sid("OnlyAllowedRegions").Condition, {
        StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "us-west-2", "eu-west-1"] },
      });
      assert.deepEqual(sid("OnlyAllowedRegions").NotAction, [...GLOBAL_SERVICE_ACTIONS]);
      assert.deepEqual(sid("ProtectCiTrust").Resource, [
        ...plans.map((x: CiRolePlan) => `arn:aws:iam::*:role/${x.roleName}`),
        ...plans.map((x: CiRolePlan) => `arn:aws:iam::*:policy/${x.boundaryName}`),
        ...deploys.map((x: CiRolePlan) => `arn:aws:iam::*:policy/platform-${x.stack}-workload-boundary`),
        "arn:aws:iam::*:oidc-provider/token.actions.githubusercontent.com",
      ]);
      assert.equal(sid("ProtectCiTrust").Effect, "Deny");
      assert.ok(actions(sid("NoLongLivedCredentials")).includes("iam:CreateAccessKey"));
    }
  });

  it("requires the workload boundary on created roles only when the bootstrap opts in; a boundary never goes", () => {
    const sids = (require: boolean | undefined) =>
      planCiRoles(
        parseCiRolesInput({
          repository: "acme/platform",
          stacks: ["prod"],
          ...(require === undefined ? {} : { requireWorkloadBoundary: require }),
        }),
      )
        .filter((p) => p.kind === "deploy")
        .flatMap((p) => p.boundary.Statement.map((st) => st.Sid));
    assert.ok(!sids(undefined).includes("CreatedRolesCarryTheWorkloadBoundary"), "off by default");
    assert.ok(sids(undefined).includes("BoundariesStay"));
    const on = planCiRoles(
      parseCiRolesInput({ repository: "acme/platform", stacks: ["prod"], requireWorkloadBoundary: true }),
    )
      .find((p) => p.kind === "deploy")!
      .boundary.Statement.find((st) => st.Sid === "CreatedRolesCarryTheWorkloadBoundary")!;
    assert.deepEqual(on.Condition, {
      ArnNotLike: { "iam:PermissionsBoundary": "arn:aws:iam::*:policy/platform-prod-workload-boundary" },
    });
    assert.throws(() => parseCiRolesInput({ repository: "acme/platform", requireWorkloadBoundary: "yes" }), {
      message: /platform-ci:requireWorkloadBoundary = "yes": expected/,
    });
  });

  it("deploy sessions last as long as the longest deploy job (deploy.yml up-prod: 120 min)", () => {
    for (const p of deploys) assert.equal(p.maxSessionDuration, 7200);
    for (const p of previews) assert.equal(p.maxSessionDuration, 3600);
  });
});
