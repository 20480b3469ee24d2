import { strict as assert } from "assert";
import { Region } from "@pulumi/aws/types/enums";
import { KNOWN_REGIONS, REGION_FACTS, regionFacts } from "../../components/config/region-facts";
import { AWS_REGIONS, isKnownRegion } from "../../components/config/regions";
import { availabilityZonesOf, azCountOf } from "../../components/config/aws-domains";
import { isIanaZone, REGION_TIME_ZONES } from "../../components/config/timezones";
import { configIssues } from "../helpers/stand-in";

describe("region facts: one table keyed by @pulumi/aws's Region", () => {
  it("holds each fact once, and the per-kind views read it", () => {
    const enumValues = new Set<string>(Object.values(Region));
    for (const r of KNOWN_REGIONS) assert.ok(enumValues.has(r), `${r} is a Region of @pulumi/aws`);
    assert.deepEqual(AWS_REGIONS, KNOWN_REGIONS);
    for (const r of KNOWN_REGIONS) {
      const f = regionFacts(r)!;
      assert.equal(REGION_TIME_ZONES[r], f.timeZone);
      assert.ok(isIanaZone(f.timeZone), `${r}: ${f.timeZone}`);
      assert.equal(availabilityZonesOf(r)!.length, f.azLetters.length);
      assert.ok(azCountOf(r)! <= f.azLetters.length && azCountOf(r)! >= 2, r);
      if (f.elbLogDelivery !== "service") assert.match(f.elbLogDelivery.account, /^\d{12}$/, r);
    }
  });

  it("carries what the AWS pages say (read 2026-12-02)", () => {
    // aws-availability-zones.html: us-east-1 a..f; us-west-1 offers two of its three letters per account.
    assert.deepEqual(
      availabilityZonesOf("us-east-1"),
      ["a", "b", "c", "d", "e", "f"].map((l) => `us-east-1${l}`),
    );
    assert.deepEqual([availabilityZonesOf("us-west-1")!.length, azCountOf("us-west-1")], [3, 2]);
    assert.deepEqual(availabilityZonesOf("ap-northeast-1"), ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]);
    // enable-access-logging.html: eu-west-1's ELB account; il-central-1 (opened after August 2022) uses the service principal.
    assert.deepEqual(regionFacts("eu-west-1")!.elbLogDelivery, { account: "156460612806" });
    assert.equal(regionFacts("il-central-1")!.elbLogDelivery, "service");
    assert.equal(regionFacts("ap-southeast-2")!.timeZone, "Australia/Sydney");
    for (const kind of ["availabilityZones", "timeZone", "elbLogDelivery"] as const)
      assert.match(REGION_FACTS.source[kind].url, /^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it("refuses a region of the provider's enum that has no facts", () => {
    assert.equal(isKnownRegion(Region.APSoutheast6), false);
    const issues = configIssues({ environment: "dev", regions: [{ name: "ap-southeast-6", vpcCidr: "10.0.0.0/16" }] });
    assert.ok(
      issues.some((i) => i.path === "platform:regions[0].name" && i.value === "ap-southeast-6"),
      JSON.stringify(issues),
    );
  });
});
