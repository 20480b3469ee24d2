import { strict as assert } from "assert";
import { planWith } from "../helpers/plan";
import { mandatoryReport } from "../../tools/plan-report";
import type { Violation } from "../../policies/lib/offline";

describe("allowed regions: config and the mandatory policy read one list", function () {
  this.timeout(120_000);

  it("a stack that allows eu-central-1 plans there with no aws-allowed-regions violation", async () => {
    const { plan, error } = await planWith("dev", {
      allowedRegions: ["us-east-1", "eu-central-1"],
      regions: [{ name: "eu-central-1", vpcCidr: "10.10.0.0/16" }],
    });
    assert.equal(error, undefined, error?.message);
    assert.ok(
      plan!.resources.some((r) => r.region === "eu-central-1"),
      "resources planned in eu-central-1",
    );
    assert.deepEqual(
      plan!.violations.filter((v) => v.policy === "aws-allowed-regions").map((v) => v.message),
      [],
    );
  });

  it("a region outside the list fails config validation once, naming platform:allowedRegions", async () => {
    const { error } = await planWith("dev", { regions: [{ name: "eu-central-1", vpcCidr: "10.10.0.0/16" }] });
    assert.deepEqual(
      error?.issues.filter((i) => i.path.startsWith("platform:regions")).map((i) => `${i.path}: ${i.expected}`),
      [
        "platform:regions[0].name: a region in platform:allowedRegions (us-east-1, us-west-2, eu-west-1); to deploy there, add it to platform:allowedRegions (the aws-allowed-regions policy checks the same list)",
      ],
    );
  });
});

describe("plan --quiet", () => {
  const v = (policy: string, message: string): Violation => ({
    policy,
    enforcementLevel: "mandatory",
    urn: `urn:pulumi:dev::platform::x::${policy}`,
    message,
  });

  it("lists the mandatory violations itself instead of pointing at a summary it did not print", () => {
    const report = mandatoryReport([v("aws-required-tags", "missing tags: stack"), v("k8s-probes", "no probe")], true);
    assert.equal(
      report,
      [
        "2 mandatory policy violations:",
        "  [mandatory] aws-required-tags: missing tags: stack",
        "      urn:pulumi:dev::platform::x::aws-required-tags",
        "  [mandatory] k8s-probes: no probe",
        "      urn:pulumi:dev::platform::x::k8s-probes",
      ].join("\n"),
    );
    assert.equal(mandatoryReport([v("a", "b")], false), "1 mandatory policy violation; listed in the summary above");
  });
});
