import { strict as assert } from "assert";
import { endpointPolicy } from "../../components/dynamodb/endpoint";
import type { Plan } from "../../tools/plan-lib";
import { ofType, planFor } from "../helpers/plan";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/platform-dev-app";

describe("DynamoDB gateway endpoint", () => {
  it("admits the stack's table (indexes, stream) and account-level reads, no other table", () => {
    const [table, account] = endpointPolicy(TABLE).Statement as Record<string, unknown>[];
    assert.deepEqual(table.Resource, [TABLE, `${TABLE}/index/*`, `${TABLE}/stream/*`]);
    // Deny side: every statement that names a resource names this table only.
    assert.deepEqual(account.Resource, "*");
    assert.deepEqual(account.Action, ["dynamodb:ListTables", "dynamodb:DescribeLimits", "dynamodb:DescribeEndpoints"]);
    assert.ok(!(account.Action as string[]).some((a) => /Item|Query|Scan|Table$|Records/.test(a.split(":")[1])));
  });

  describe("dev", () => {
    let plan: Plan;
    before(async () => ({ plan } = await planFor("dev")));

    it("puts one gateway endpoint on the private route tables of the table's region, beside S3's", () => {
      const endpoints = ofType(plan, ENDPOINT).filter((e) => String(e.inputs.serviceName).endsWith(".dynamodb"));
      assert.equal(endpoints.length, 1);
      const [e] = endpoints;
      assert.equal(e.region, "us-east-1");
      assert.equal(e.inputs.serviceName, "com.amazonaws.us-east-1.dynamodb");
      assert.equal(e.inputs.vpcEndpointType, "Gateway");
      assert.deepEqual(e.inputs.routeTableIds, [
        "us-east-1-network-private-rt-0-id",
        "us-east-1-network-private-rt-1-id",
      ]);
      // The same table ARN the pods' role policy names (activity-service declares uses.dynamodb).
      const role = plan.resources.find((r) => r.name === "us-east-1-workloads-activity-service-pi-policy");
      const items = (
        JSON.parse(String(role?.inputs.policy)) as { Statement: { Sid: string; Resource: string[] }[] }
      ).Statement.find((x) => x.Sid === "TableItems")!.Resource[0];
      const policy = JSON.parse(String(e.inputs.policy)) as { Statement: { Resource: string[] }[] };
      assert.deepEqual(policy.Statement[0].Resource, [items, `${items}/index/*`, `${items}/stream/*`]);
    });
  });
});
