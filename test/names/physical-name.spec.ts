import { strict as assert } from "node:assert";
import fc from "fast-check";
import { physicalName, regionCode } from "../../components/naming";
import { DNS_LABEL_RE } from "../../components/config/primitives";

/** The limits components ask physicalName for (grep `physicalName(` in components/). */
const LIMITS = [32, 40, 63, 64, 80, 100, 255, 256] as const;
/** What every AWS name built from it needs: the strictest rows of policies/aws/names/limits.ts. */
const CLEAN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2", "eu-central-1", "ap-northeast-3"];
/** Config `name`: a DNS label of at most 20 characters (components/config/sections/core.ts). */
const projectName = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,18}[a-z0-9])?$/).filter((s) => DNS_LABEL_RE.test(s));
/**
 * A Pulumi stack name: "stack names are limited to 100 characters and may only contain alphanumeric,
 * hyphens, underscores, or periods" (the CLI's error, github.com/pulumi/pulumi-aws-static-website/issues/13).
 */
const stackName = fc.stringMatching(/^[A-Za-z0-9_.-]{1,100}$/);
const role = fc.constantFrom("alb", "gw", "aurora", "aurora-global", "cache", "karpenter-node", "deployer", "logs");

const partsArb = fc
  .tuple(projectName, stackName, fc.constantFrom(...REGIONS), role)
  .map(([p, s, r, x]) => [p, s, regionCode(r), x]);

describe("naming: physicalName()", () => {
  for (const max of LIMITS) {
    it(`never exceeds ${max}, never ends with or doubles a hyphen, only a-z 0-9 - (any Pulumi stack name)`, () =>
      fc.assert(
        fc.property(partsArb, (parts) => {
          const name = physicalName(parts, max);
          assert.ok(name.length <= max, `${name} (${name.length}) > ${max}`);
          assert.match(name, CLEAN);
        }),
        { numRuns: 300 },
      ));
  }

  it("leaves clean names within the limit unchanged (no existing resource is renamed)", () =>
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...LIMITS),
        (parts, max) => {
          const joined = parts.join("-");
          fc.pre(joined.length <= max);
          assert.equal(physicalName(parts, max), joined);
        },
      ),
    ));

  it("is stable and keeps distinct long names apart with a hash", () => {
    const long = (s: string) => physicalName(["platform", s, "use1", "karpenter-scheduled-change"], 32);
    assert.equal(long("staging"), long("staging"));
    assert.notEqual(long("staging-a"), long("staging-b"));
    assert.equal(long("staging").length, 32);
  });

  it("cleans a stack name AWS names cannot hold", () => {
    assert.equal(physicalName(["platform", "Feature_X.1", "use1", "alb"], 32), "platform-feature-x-1-use1-alb");
    assert.equal(physicalName(["platform", "-dev-", "use1", "aurora"]), "platform-dev-use1-aurora");
    assert.equal(physicalName(["my--app", "prod", "cache"], 40), "my-app-prod-cache");
  });
});
