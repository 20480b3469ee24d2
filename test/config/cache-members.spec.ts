import { strict as assert } from "assert";
import { ConfigError, formatIssue, loadConfig } from "../../components/config";
import { standInFlat } from "../helpers/stand-in";

const ctx = { project: "platform", stack: "test" };
const FOUR = [
  { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
  { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
  { name: "eu-central-1", vpcCidr: "10.3.0.0/16" },
];

function problems(regions: typeof FOUR, cache?: object): string[] {
  try {
    loadConfig(
      standInFlat({
        "platform:environment": "dev",
        "platform:allowedRegions": JSON.stringify(regions.map((r) => r.name)),
        "platform:regions": JSON.stringify(regions),
        "platform:cluster": JSON.stringify({ deployer: { egressCidrs: ["203.0.113.0/24"] } }),
        ...(cache ? { "platform:cache": JSON.stringify(cache) } : {}),
      }),
      ctx,
    );
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.issues.map(formatIssue);
  }
}

describe("regions beyond the Global Datastore's two secondaries are an explicit choice", () => {
  it("four regions: the fourth has no member, and the plan refuses until the stack says what it does", () => {
    assert.deepEqual(problems(FOUR), [
      'platform:cache.regionsWithoutMember: got (missing); expected a choice for eu-central-1, which has no Global Datastore member (at most 2 secondaries: us-west-2, eu-west-1): "use-writer" (their pods read and write the writer region\'s cache over the peering, a cross-region round trip on every call)',
    ]);
    assert.deepEqual(problems(FOUR, { regionsWithoutMember: "use-writer" }), []);
  });

  it("explicit secondaries decide who is left out; three regions need no choice", () => {
    assert.match(
      problems(FOUR, { secondaryRegions: ["eu-central-1"] })[0],
      /a choice for us-west-2, eu-west-1, which have no/,
    );
    assert.deepEqual(problems(FOUR.slice(0, 3)), []);
  });

  it("an unknown choice names the one that exists", () => {
    assert.match(
      problems(FOUR, { regionsWithoutMember: "replicate" })[0],
      /platform:cache\.regionsWithoutMember: got "replicate"; expected "use-writer"/,
    );
  });
});
