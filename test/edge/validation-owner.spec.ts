import { strict as assert } from "assert";
import { planFor, planWith } from "../helpers/plan";
import type { Plan } from "../../tools/plan-lib";

const RECORD = "aws:route53/record:Record";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";

/**
 * The origin name every regional ALB certificate covers has one validation record, owned by the edge
 * tier (not by a region), so removing a region leaves the record the others renew with.
 */
describe("edge: one owner for the shared origin name's validation record", () => {
  let prod: Plan;
  let dev: Plan;
  before(async () => {
    [prod, dev] = [(await planFor("prod")).plan, (await planFor("dev")).plan];
  });

  it("prod: one record for origin.example.com, parented by the Platform, reading its own us-east-1 certificate", () => {
    const origin = prod.resources.filter(
      (r) => r.type === RECORD && String(r.inputs.name).endsWith(".origin.example.com."),
    );
    assert.deepEqual(
      origin.map((r) => r.name),
      ["platform-origin-cert-validation"],
    );
    const [owner] = origin;
    assert.match(owner.parent!, /\$platform:index:Platform::platform$/);
    const byUrn = new Map(prod.resources.map((r) => [r.urn, r]));
    assert.deepEqual(
      owner.dependencies.map((u) => byUrn.get(u)!.name),
      ["platform-origin-cert"],
    );
    const cert = prod.resources.find((r) => r.name === "platform-origin-cert")!;
    assert.deepEqual(
      [cert.region, cert.inputs.domainName, cert.inputs.subjectAlternativeNames],
      ["us-east-1", "origin.example.com", undefined],
    );
  });

  it("prod: it takes over us-east-1's former record by alias (same provider), so it is updated, not recreated", () => {
    const owner = prod.resources.find((r) => r.name === "platform-origin-cert-validation")!;
    assert.deepEqual(owner.options!.aliases, [
      "urn:pulumi:prod::platform::platform:index:Platform$platform:region:Region$platform:edge:RegionalEdge$aws:route53/record:Record::us-east-1-edge-cert-validation-1",
    ]);
  });

  it("every regional certificate's validation waits for the shared record and for its own regional one", () => {
    const owner = prod.resources.find((r) => r.name === "platform-origin-cert-validation")!;
    for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) {
      const v = prod.resources.find((r) => r.type === VALIDATION && r.name === `${region}-edge-cert-validation`)!;
      assert.ok(v.dependencies.includes(owner.urn), region);
      const own = prod.resources.find((r) => r.name === `${region}-edge-cert-validation-0`)!;
      assert.ok(v.dependencies.includes(own.urn), region);
      assert.equal((v.inputs.validationRecordFqdns as string[]).length, 2);
      assert.equal(
        prod.resources.find((r) => r.name === `${region}-edge-cert-validation-1`),
        undefined,
      );
    }
  });

  it("dev (us-east-1 only) keeps its URNs: the owner aliases the region's former record", () => {
    const owner = dev.resources.find((r) => r.name === "platform-origin-cert-validation")!;
    assert.equal(owner.options!.aliases!.length, 1);
    assert.match(
      owner.options!.aliases![0],
      /RegionalEdge\$aws:route53\/record:Record::us-east-1-edge-cert-validation-1$/,
    );
  });
});

describe("edge: the shared validation record survives removing a region", () => {
  it("prod without eu-west-1: the same owner, same URN and same record; no regional copy appears", async () => {
    const full = (await planFor("prod")).plan;
    const { plan: two, error } = await planWith("prod", {
      "platform:regions": [
        { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
        { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
      ],
    });
    assert.equal(error, undefined);
    const owner = (p: Plan) =>
      p.resources.filter((r) => r.type === RECORD && String(r.inputs.name).includes(".origin.example.com."));
    const [before] = owner(full);
    const after = owner(two!);
    assert.deepEqual(
      after.map((r) => r.urn),
      [before.urn],
    );
    assert.deepEqual(after[0].inputs, before.inputs);
    assert.equal(two!.resources.filter((r) => r.name.startsWith("eu-west-1-")).length, 0);
  }).timeout(120_000);
});
