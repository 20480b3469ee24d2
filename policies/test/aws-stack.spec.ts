import { strict as assert } from "node:assert";
import type { PolicyProviderResource } from "@pulumi/policy";
import { awsAllowedRegions } from "../stack/aws-allowed-regions";
import { awsNoDefaultProvider } from "../stack/aws-no-default-provider";
import { awsRequiredTags } from "../stack/aws-required-tags";
import { PLATFORM_TAGS, awsProvider, runStack, stackResource, urnOf } from "./harness";

const VPC = "aws:ec2/vpc:Vpc";
const VPC_URN = urnOf(VPC, "vpc");
const HINT = (region: string) =>
  `; to use ${region}, add it to platform:allowedRegions and pass \`npm run policy-config -- --stack <stack>\` as --policy-pack-config`;
const vpc = (provider?: PolicyProviderResource | null, props: Record<string, unknown> = { cidrBlock: "10.0.0.0/16" }) =>
  stackResource(VPC, "vpc", props, { provider });
const defaultProvider: PolicyProviderResource = {
  type: "pulumi:providers:aws",
  name: "default_7_48_0",
  urn: urnOf("pulumi:providers:aws", "default_7_48_0"),
  props: { region: "us-east-1" },
};

describe("policies: AWS stack-wide", () => {
  describe("aws-no-default-provider", () => {
    let policy: ReturnType<typeof awsNoDefaultProvider>;
    beforeEach(() => {
      policy = awsNoDefaultProvider();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes resources on the regional provider, and ignores non-AWS resources", () =>
      assert.deepEqual(runStack(policy, [vpc(), stackResource("kubernetes:core/v1:Namespace", "ns", {})]), []));
    it("reports a resource on the engine's default provider", () =>
      assert.deepEqual(runStack(policy, [vpc(defaultProvider)]), [
        {
          message: 'aws:ec2/vpc:Vpc "vpc" uses the default provider default_7_48_0; pass the regional aws.Provider',
          urn: VPC_URN,
        },
      ]));
    it("reports a resource without any provider (offline plan)", () =>
      assert.deepEqual(runStack(policy, [vpc(null)]), [
        { message: 'aws:ec2/vpc:Vpc "vpc" uses no explicit provider; pass the regional aws.Provider', urn: VPC_URN },
      ]));
  });

  describe("aws-allowed-regions", () => {
    let policy: ReturnType<typeof awsAllowedRegions>;
    beforeEach(() => {
      policy = awsAllowedRegions();
    });
    it("is mandatory with the seeds' regions as default", () => {
      assert.equal(policy.enforcementLevel, "mandatory");
      assert.deepEqual(policy.configSchema?.properties.allowedRegions.default, ["us-east-1", "us-west-2", "eu-west-1"]);
    });
    it("passes the default regions", () =>
      assert.deepEqual(runStack(policy, [vpc(awsProvider("us-west-2")), vpc(awsProvider("eu-west-1"))]), []));
    it("reports a region outside the default set", () =>
      assert.deepEqual(runStack(policy, [vpc(awsProvider("ap-south-1"))]), [
        {
          message: `aws:ec2/vpc:Vpc "vpc" is in region ap-south-1, allowed: us-east-1, us-west-2, eu-west-1${HINT("ap-south-1")}`,
          urn: VPC_URN,
        },
      ]));
    it("honours allowedRegions from config", () =>
      assert.deepEqual(runStack(policy, [vpc(awsProvider("us-west-2"))], { allowedRegions: ["us-east-1"] }), [
        {
          message: `aws:ec2/vpc:Vpc "vpc" is in region us-west-2, allowed: us-east-1${HINT("us-west-2")}`,
          urn: VPC_URN,
        },
      ]));
    it("uses an aws v7 resource-level region over the provider's", () =>
      assert.deepEqual(runStack(policy, [vpc(awsProvider("us-east-1"), { region: "sa-east-1" })]), [
        {
          message: `aws:ec2/vpc:Vpc "vpc" is in region sa-east-1, allowed: us-east-1, us-west-2, eu-west-1${HINT("sa-east-1")}`,
          urn: VPC_URN,
        },
      ]));
    it("reports each disallowed region once, however many resources are in it", () => {
      const many = ["a", "b", "c"].map((n) => stackResource(VPC, n, {}, { provider: awsProvider("ap-south-1") }));
      assert.deepEqual(runStack(policy, [...many, vpc(awsProvider("us-east-1"))]), [
        {
          message: `3 AWS resources (first: aws:ec2/vpc:Vpc "a") are in region ap-south-1, allowed: us-east-1, us-west-2, eu-west-1${HINT("ap-south-1")}`,
          urn: urnOf(VPC, "a"),
        },
      ]);
    });
    it("reports a provider without region", () =>
      assert.deepEqual(runStack(policy, [vpc({ ...awsProvider(), props: {} })]), [
        { message: 'aws:ec2/vpc:Vpc "vpc" has no region pinned on its provider', urn: VPC_URN },
      ]));
  });

  describe("aws-required-tags", () => {
    let policy: ReturnType<typeof awsRequiredTags>;
    beforeEach(() => {
      policy = awsRequiredTags();
    });
    const bare = { ...awsProvider(), props: { region: "us-east-1" } };
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("counts the provider's defaultTags", () =>
      assert.deepEqual(runStack(policy, [vpc()], { environment: "dev" }), []));
    it("counts the resource's own tags", () =>
      assert.deepEqual(runStack(policy, [vpc(bare, { tags: { ...PLATFORM_TAGS } })]), []));
    it("reads defaultTags serialised as JSON by the engine", () =>
      assert.deepEqual(
        runStack(policy, [
          vpc({ ...bare, props: { region: "us-east-1", defaultTags: JSON.stringify({ tags: PLATFORM_TAGS }) } }),
        ]),
        [],
      ));
    it("ignores types outside the taggable list", () =>
      assert.deepEqual(runStack(policy, [stackResource("aws:ec2/route:Route", "r", {}, { provider: bare })]), []));
    it("counts a tag whose value is unknown during preview as present, without comparing it", () => {
      const preview = new Proxy(
        { ...PLATFORM_TAGS, environment: "?" },
        {
          get: (t, k) => {
            if (k === "environment") throw new (class UnknownValueError extends Error {})("unknown");
            return (t as Record<string | symbol, unknown>)[k];
          },
        },
      );
      assert.deepEqual(runStack(policy, [vpc(bare, { tags: preview })], { environment: "prod" }), []);
    });
    it("reports missing tags", () =>
      assert.deepEqual(runStack(policy, [vpc(bare, { tags: { project: "platform", stack: "dev" } })]), [
        { message: 'aws:ec2/vpc:Vpc "vpc" is missing tags: environment, region, managed-by', urn: VPC_URN },
      ]));
    it("treats an empty tag value as missing", () =>
      assert.deepEqual(runStack(policy, [vpc(undefined, { tags: { "managed-by": "" } })]), [
        { message: 'aws:ec2/vpc:Vpc "vpc" is missing tags: managed-by', urn: VPC_URN },
      ]));
    it("reports an environment tag that differs from the configured environment", () =>
      assert.deepEqual(runStack(policy, [vpc()], { environment: "prod" }), [
        { message: 'aws:ec2/vpc:Vpc "vpc" has tag environment=dev, expected prod', urn: VPC_URN },
      ]));
    it("reports a region tag that differs from the provider's region", () =>
      assert.deepEqual(runStack(policy, [vpc(awsProvider("us-west-2", { ...PLATFORM_TAGS, region: "us-east-1" }))]), [
        { message: 'aws:ec2/vpc:Vpc "vpc" has tag region=us-east-1 but is in us-west-2', urn: VPC_URN },
      ]));
  });
});
