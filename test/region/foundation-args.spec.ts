import { strict as assert } from "assert";
import type * as aws from "@pulumi/aws";
import { ADDONS } from "../../components/addons";
import { foundationArgs } from "../../components/region";
import { loadStandIn } from "../helpers/stand-in";

const flat = (env: string) => ({
  "platform:environment": env,
  "platform:regions": JSON.stringify([
    { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
    { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  ]),
});
const provider = {} as aws.Provider;

describe("foundationArgs: one region's foundation from the validated config", () => {
  const prod = loadStandIn(flat("prod"), { project: "platform", stack: "test" });
  const west = prod.regions.find((r) => r.name === "us-west-2")!;
  const args = foundationArgs(prod, west, provider);

  it("names the region's resources from project, stack and region code", () => {
    assert.equal(args.physicalName, "platform-test-usw2");
    // The same form the prod plan gives its clusters (platform-prod-usw2).
    assert.equal(args.clusterName, "platform-test-usw2");
    assert.equal(args.region, west);
    assert.equal(args.provider, provider);
  });

  it("gives a secondary region the primary's VPC range (where an in-network deployer runs)", () => {
    assert.equal(args.primaryVpcCidr, "10.0.0.0/16");
    assert.equal(args.region.isPrimary, false);
  });

  it("tags what EC2 launches with the required tags of this region", () => {
    assert.equal(args.nodeTags.environment, "prod");
    assert.equal(args.nodeTags.stack, "test");
    assert.equal(args.nodeTags.project, "platform");
  });

  it("protects the alarm topic in prod only, and hands on the add-on registry", () => {
    assert.equal(args.protect, true);
    const dev = loadStandIn(flat("dev"), { project: "platform", stack: "test" });
    assert.equal(foundationArgs(dev, dev.regions[0], provider).protect, false);
    assert.equal(args.addons, ADDONS);
  });
});
