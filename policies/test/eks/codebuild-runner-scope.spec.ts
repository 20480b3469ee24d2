import { strict as assert } from "node:assert";
import { codebuildRunnerScope } from "../../aws/eks/codebuild-runner-scope";
import { resourceArgs, runResource } from "../harness";

const QUEUED = { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" };
const NAMES = { type: "WORKFLOW_NAME", pattern: "^(deploy|pull-request)$" };
const LABEL = 'CodeBuild runner webhook for project "platform-prod-use1-deployer"';

const run = (props: Record<string, unknown>) =>
  runResource(
    codebuildRunnerScope(),
    resourceArgs("aws:codebuild/webhook:Webhook", { projectName: "platform-prod-use1-deployer", ...props }),
  ).messages;

describe("policies: aws-codebuild-runner-scope", () => {
  it("is mandatory", () => assert.equal(codebuildRunnerScope().enforcementLevel, "mandatory"));

  it("passes the planned runner webhook: one repository, queued jobs of the named workflows", () =>
    assert.deepEqual(run({ buildType: "BUILD", filterGroups: [{ filters: [QUEUED, NAMES] }] }), []));

  it("reports an organization webhook", () =>
    assert.deepEqual(
      run({
        filterGroups: [{ filters: [QUEUED, NAMES] }],
        scopeConfiguration: { name: "example-org", scope: "GITHUB_ORGANIZATION" },
      }),
      [
        `${LABEL} has scopeConfiguration (organization or global webhook): every repository in scope could run jobs on the in-network runner; drop it and keep the project's repository as its source`,
      ],
    ));

  it("reports a filter group that admits every workflow, or every workflow but some", () =>
    assert.deepEqual(
      run({
        filterGroups: [
          { filters: [QUEUED, NAMES] },
          { filters: [QUEUED] },
          { filters: [QUEUED, { ...NAMES, excludeMatchedPattern: true }] },
        ],
      }),
      [
        `${LABEL}: filterGroups[1] has no WORKFLOW_NAME filter, so it admits every workflow of the repository; name the workflows that run on the runner (e.g. ^(deploy|pull-request)$)`,
        `${LABEL}: filterGroups[2] excludes workflow names (excludeMatchedPattern), so it admits every other workflow; name the allowed ones instead`,
      ],
    ));

  it("leaves webhooks that are not runners (push builds) alone", () =>
    assert.deepEqual(run({ filterGroups: [{ filters: [{ type: "EVENT", pattern: "PUSH" }] }] }), []));
});
