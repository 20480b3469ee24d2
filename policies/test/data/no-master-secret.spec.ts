import { strict as assert } from "node:assert";
import { noMasterSecretGrant } from "../../aws/data/no-master-secret-grant";
import { runStack, stackResource } from "../harness";

const master = stackResource(
  "aws:secretsmanager/secret:Secret",
  "database-master-secret",
  { name: "platform-prod-aurora-master" },
  { parents: ["platform:index:Platform", "platform:data:GlobalDatabase"] },
);
const cacheSecret = stackResource(
  "aws:secretsmanager/secret:Secret",
  "cache-auth-secret",
  { name: "platform-prod-cache-auth" },
  { parents: ["platform:index:Platform", "platform:data:GlobalCache"] },
);
const doc = (resource: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [resource] }],
  });
const rolePolicy = (policy: string, dependencies = [] as (typeof master)[]) =>
  stackResource("aws:iam/rolePolicy:RolePolicy", "use1-workloads-user-service-pi-policy", { policy }, { dependencies });

describe("aws-no-master-secret-grant", () => {
  let policy: ReturnType<typeof noMasterSecretGrant>;
  beforeEach(() => {
    policy = noMasterSecretGrant();
  });
  it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));

  it("passes a service that reads the cache secret and connects as its own database user", () => {
    const own = "arn:aws:rds-db:us-east-1:123456789012:dbuser:cluster-ABC/user_service";
    const p = rolePolicy(doc("arn:aws:secretsmanager:us-east-1:123456789012:secret:platform-prod-cache-auth-AbCdEf"));
    assert.deepEqual(runStack(policy, [master, cacheSecret, p, rolePolicy(doc(own))]), []);
  });

  it("reports a policy naming a replica of the master secret, and one depending on it while ARNs are unknown", () => {
    const message =
      'IAM RolePolicy "use1-workloads-user-service-pi-policy" grants the Aurora master secret "platform-prod-aurora-master": ' +
      "services connect as their own database user (rds-db:connect), never with the master credentials";
    const named = rolePolicy(
      doc("arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform-prod-aurora-master-AbCdEf"),
    );
    assert.deepEqual(
      runStack(policy, [master, named]).map((v) => v.message),
      [message],
    );
    const unknown = rolePolicy("unknown", [master]);
    assert.deepEqual(
      runStack(policy, [master, unknown]).map((v) => v.message),
      [message],
    );
  });
});
