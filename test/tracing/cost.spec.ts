import { strict as assert } from "node:assert";
import { badgerClaim } from "../../components/tracing/plan";
import { estimateCost } from "../../tools/cost/estimate";
import { plan, res } from "../cost/fixtures";

const claimIn = (region: string, storageGiB: number) =>
  res("kubernetes:core/v1:PersistentVolumeClaim", region, badgerClaim({ storageGiB }) as never, "badger");

describe("tracing cost: Jaeger's volume", () => {
  it("prices the Badger claim as gp3 of its requested size in its region", () => {
    const [line] = estimateCost(plan([claimIn("us-east-1", 50)])).lines;
    assert.equal(line.line, "volume jaeger-badger");
    // 50 GiB x $0.08 per GB-month (gp3, us-east-1)
    assert.equal(line.monthly, 4);
    const eu = estimateCost(plan([claimIn("eu-west-1", 50)])).lines[0];
    // 50 GiB x $0.088 per GB-month (gp3, eu-west-1, https://aws.amazon.com/ebs/pricing/)
    assert.equal(eu.monthly, 4.4);
  });

  it("follows the configured size", () => {
    assert.equal(estimateCost(plan([claimIn("us-east-1", 20)])).lines[0].monthly, 1.6);
  });
});
