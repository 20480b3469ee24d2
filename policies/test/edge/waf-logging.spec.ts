import { strict as assert } from "node:assert";
import { wafLogging } from "../../aws/edge/waf-logging";
import { runStack, stackResource } from "../harness";

const acl = stackResource("aws:wafv2/webAcl:WebAcl", "edge-waf", { name: "platform-prod-edge" });
const logging = (redactedFields: unknown[]) =>
  stackResource(
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    "edge-waf-logging",
    { redactedFields },
    { dependencies: [acl], propertyDependencies: { resourceArn: [acl] } },
  );

describe("aws-waf-logging", () => {
  let policy: ReturnType<typeof wafLogging>;
  beforeEach(() => {
    policy = wafLogging();
  });
  it("is advisory (the registry makes it mandatory in prod)", () => assert.equal(policy.enforcementLevel, "advisory"));

  it("passes a web ACL whose logging redacts the origin-verify header", () =>
    assert.deepEqual(runStack(policy, [acl, logging([{ singleHeader: { name: "x-origin-verify" } }])]), []));

  it("reports a web ACL without logging, and logging that redacts nothing", () => {
    assert.deepEqual(
      runStack(policy, [acl]).map((v) => v.message),
      [
        'WAF web ACL "platform-prod-edge" has no logging configuration: set platform:edge.waf.logging (default on in staging and prod)',
      ],
    );
    assert.deepEqual(
      runStack(policy, [acl, logging([])]).map((v) => v.message),
      ['WAF logging "edge-waf-logging" redacts no field: the origin-verify header would be written to the logs'],
    );
  });
});
