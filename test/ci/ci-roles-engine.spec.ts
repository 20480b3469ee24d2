import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import { githubSubject, parseCiRolesInput, planCiRoles, trustPolicy } from "../../components/bootstrap/ci-roles";
import { CiRoles } from "../../components/bootstrap/ci-roles-component";
import { MOCK_ACCOUNT } from "../../tools/engine/mock-state";
import { runProgram } from "../../tools/engine/run";
import { ALONE } from "../helpers/stand-in";
import { input, PROVIDER } from "./ci-roles-fixture";

describe("CiRoles component (mock engine)", () => {
  const run = (existingProviderArn?: string) =>
    runProgram({
      ...ALONE,
      program: () => {
        const provider = new aws.Provider("iam", { region: "us-east-1" });
        new CiRoles("ci", { input, existingProviderArn, provider });
        return {};
      },
    });

  it("creates the OIDC provider (audience sts.amazonaws.com), 4 roles with boundaries, admin only on deploy", async () => {
    const r = await run();
    const of = (t: string) => r.resources.filter((x) => x.type === t);
    const [oidc] = of("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
    assert.deepEqual(oidc.inputs.clientIdLists, ["sts.amazonaws.com"]);
    assert.equal(oidc.inputs.url, "https://token.actions.githubusercontent.com");
    assert.equal(of("aws:iam/role:Role").length, 4);
    assert.equal(of("aws:iam/policy:Policy").length, 6); // 4 role boundaries, 2 workload boundaries
    for (const role of of("aws:iam/role:Role"))
      assert.equal(role.inputs.permissionsBoundary, `arn:aws:iam::${MOCK_ACCOUNT}:policy/${role.inputs.name}-boundary`);
    assert.deepEqual(
      of("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.role),
      ["platform-dev-deploy", "platform-prod-deploy"],
    );
  });

  it("with an existing provider, creates none and every trust names it", async () => {
    const r = await run(PROVIDER);
    assert.equal(r.resources.filter((x) => x.type.includes("openIdConnectProvider")).length, 0);
    for (const role of r.resources.filter((x) => x.type === "aws:iam/role:Role"))
      assert.equal(JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0].Principal.Federated, PROVIDER);
  });
});

describe("bootstrap program (bootstrap/index.ts on the mock engine)", () => {
  const program = () => {
    const file = require.resolve("../../bootstrap/index");
    delete require.cache[file];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file);
  };
  const run = (config: Record<string, string>) =>
    runProgram({ project: "platform-ci", stack: "ci-prod", config, program });

  it("prints the repository variables to set, one per role; pullRequestPreviewStacks reaches the trust", async () => {
    const config = {
      "platform-ci:repository": "example-org/platform",
      "platform-ci:stacks": '["prod"]',
      "platform-ci:accounts": '{"dev":"111111111111","prod":"222222222222"}',
      "platform-ci:workflowSubjects": "false",
    };
    const r = await run(config);
    assert.deepEqual(r.outputs.repositoryVariables, {
      AWS_PROD_PREVIEW_ROLE_ARN: `arn:aws:iam::${MOCK_ACCOUNT}:role/platform-prod-preview`,
      AWS_PROD_DEPLOY_ROLE_ARN: `arn:aws:iam::${MOCK_ACCOUNT}:role/platform-prod-deploy`,
    });
    const subject = (res: typeof r) =>
      JSON.parse(String(res.resources.find((x) => x.inputs.name === "platform-prod-preview")!.inputs.assumeRolePolicy))
        .Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"];
    assert.equal(subject(r), "repo:example-org/platform:environment:prod-preview");
    const open = await run({ ...config, "platform-ci:pullRequestPreviewStacks": '["prod"]' });
    assert.equal(subject(open), "repo:example-org/platform:pull_request");
    // The run's provider accepts only the account its stacks live in.
    const provider = r.resources.find((x) => x.type === "pulumi:providers:aws")!;
    assert.deepEqual(provider.inputs.allowedAccountIds, ["222222222222"]);
  });

  it("dev and prod in one run: refused unless sharedAccount, and refused across two accounts", async () => {
    const base = { "platform-ci:repository": "example-org/platform", "platform-ci:stacks": '["dev","prod"]' };
    await assert.rejects(
      run({ ...base, "platform-ci:accounts": '{"dev":"111111111111","prod":"222222222222"}' }),
      /live in 2 accounts \(111111111111, 222222222222\): run the bootstrap once per account/,
    );
    const one = { ...base, "platform-ci:accounts": '{"dev":"222222222222","prod":"222222222222"}' };
    await assert.rejects(run(one), /share account 222222222222: .*set platform-ci:sharedAccount true/);
    const shared = await run({ ...one, "platform-ci:sharedAccount": "true" });
    assert.equal(shared.resources.filter((x) => x.type === "aws:iam/role:Role").length, 4);
  });

  it("a missing repository is a config error naming the key", async () => {
    await assert.rejects(
      run({ "platform-ci:accounts": '{"prod":"222222222222"}' }),
      /^Error: Invalid bootstrap config:\n {2}platform-ci:repository = undefined: expected a GitHub repository as "owner\/name" \(required: pulumi config set repository <owner>\/<repo>\)$/,
    );
  });
});

describe("trust names the workflow (job_workflow_ref in the subject)", () => {
  const plans = planCiRoles(
    parseCiRolesInput({ repository: "example-org/platform", stacks: ["prod"], workflowSubjects: true }),
  );
  const subject = (key: string) => plans.find((p) => p.key === key)!.subject;

  it("the prod deploy role trusts deploy.yml on main only; the prod preview role pull-request.yml only", () => {
    assert.equal(
      subject("prod-deploy"),
      "repo:example-org/platform:environment:prod:job_workflow_ref:example-org/platform/.github/workflows/deploy.yml@refs/heads/main",
    );
    assert.equal(
      subject("prod-preview"),
      "repo:example-org/platform:environment:prod-preview:job_workflow_ref:example-org/platform/.github/workflows/pull-request.yml@refs/pull/*/merge",
    );
  });

  it("exact match except the pull request number: another workflow or branch declaring the environment is refused", () => {
    const deploy = trustPolicy(PROVIDER, subject("prod-deploy")).Statement[0].Condition!;
    assert.deepEqual(Object.keys(deploy), ["StringEquals"]);
    const preview = trustPolicy(PROVIDER, subject("prod-preview")).Statement[0].Condition!;
    assert.deepEqual(Object.keys(preview).sort(), ["StringEquals", "StringLike"]);
    // A planted wildcard anywhere else is refused.
    assert.throws(
      () => trustPolicy(PROVIDER, subject("prod-deploy").replace("deploy.yml", "*.yml")),
      /wildcards are refused/,
    );
    assert.throws(
      () => githubSubject("example-org/platform", { environment: "prod" }, { file: "*.yml", ref: "main" }),
      /a file name under .github\/workflows/,
    );
  });
});
