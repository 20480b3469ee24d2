import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
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
    const config = { "platform-ci:repository": "example-org/platform", "platform-ci:stacks": '["prod"]' };
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
  });

  it("a missing repository is a config error naming the key", async () => {
    await assert.rejects(
      run({}),
      /^Error: Invalid bootstrap config:\n {2}platform-ci:repository = undefined: expected a GitHub repository as "owner\/name" \(required: pulumi config set repository <owner>\/<repo>\)$/,
    );
  });
});
