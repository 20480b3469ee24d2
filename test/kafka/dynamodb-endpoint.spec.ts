import { strict as assert } from "assert";
import { endpointPolicy } from "../../components/dynamodb/endpoint";
import type { Plan } from "../../tools/plan-lib";
import { ofType, planFor } from "../helpers/plan";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/platform-dev-app";

describe("DynamoDB gateway endpoint", () => {
  it("admits only the stack's table and its indexes, with the pods' item actions", () => {
    const [s] = endpointPolicy(TABLE).Statement as Record<string, unknown>[];
    assert.deepEqual(s.Resource, [TABLE, `${TABLE}/index/*`]);
    assert.equal(s.Effect, "Allow");
    const actions = s.Action as string[];
    assert.ok(actions.includes("dynamodb:Query") && actions.includes("dynamodb:PutItem"));
    // Deny side: nothing that manages, scans or streams a table passes the endpoint.
    for (const a of [
      "dynamodb:Scan",
      "dynamodb:DeleteTable",
      "dynamodb:CreateTable",
      "dynamodb:GetRecords",
      "dynamodb:*",
    ])
      assert.ok(!actions.includes(a), a);
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
      assert.deepEqual(policy.Statement[0].Resource, [items, `${items}/index/*`]);
    });
  });
});
