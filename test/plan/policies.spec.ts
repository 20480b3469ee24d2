import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as path from "path";
import { buildPlan, mandatoryViolations } from "../../tools/plan-lib";
import { planFor, ROOT } from "../helpers/plan";

describe("offline plan: policy evaluation", () => {
  for (const stack of ["dev", "prod"]) {
    it(`${stack} has no mandatory violations`, async () => {
      const { plan } = await planFor(stack);
      assert.deepEqual(
        mandatoryViolations(plan).map((v) => `${v.policy}: ${v.message} (${v.urn})`),
        [],
      );
    });
  }

  it("a planted world-open SSH security group on a default provider fails the plan", async () => {
    const entry = path.join(ROOT, "index.ts");
    const result = await buildPlan({
      stack: "dev",
      rootDir: ROOT,
      program: () => {
        delete require.cache[require.resolve(entry)];
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- re-runs the program on a fresh module
        const outputs = require(entry);
        // Deliberately no provider: lands on the default provider.
        new aws.ec2.SecurityGroup("planted-ssh", {
          vpcId: "vpc-123",
          description: "planted",
          ingress: [
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "ssh from anywhere" },
          ],
        });
        return outputs;
      },
    });
    assert.ok(result.ok);
    const found = mandatoryViolations(result.plan).filter((v) => v.urn.endsWith("::planted-ssh"));
    assert.deepEqual(found.map((v) => v.policy).sort(), [
      "aws-allowed-regions",
      "aws-no-default-provider",
      "aws-no-world-ingress",
      "aws-required-tags",
    ]);
    for (const v of found) assert.ok(v.message.length > 20, v.message);
  });
});
