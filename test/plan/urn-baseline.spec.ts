import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { mockFormUrn } from "../../tools/engine/aliases";
import { checkBaseline } from "../../tools/plan/baseline";
import { planFor, ROOT } from "../helpers/plan";
import type { Plan } from "../../tools/plan-lib";

/**
 * No code move replaces a resource of an existing stack: every URN the dev and prod plans held when the
 * baseline was taken (test/fixtures/urns) is still planned or named in a successor's aliases.
 * `<stack>.txt` holds the plan's URNs (mock monitor form), `<stack>.engine.txt` the same resources in
 * the engine's form (full parent type chain), which is what a real stack's state holds.
 */
const fixture = (file: string): string[] =>
  fs
    .readFileSync(path.join(ROOT, "test", "fixtures", "urns", file), "utf8")
    .trim()
    .split("\n")
    .filter((u) => !REMOVED.has(mockFormUrn(u)) && !INERT_UNDER_AMBIENT.test(u));

/** Resources removed on purpose (not code moves), each with why and what an existing stack does first. */
const REMOVED_ON_PURPOSE: Record<string, string> = {
  "urn:pulumi:prod::platform::platform:edge:RegionalEdge$aws:route53/record:Record::us-west-2-edge-cert-validation-1":
    "the origin name's validation record has one owner (docs/first-deploy.md: pulumi state delete it first)",
  "urn:pulumi:prod::platform::platform:edge:RegionalEdge$aws:route53/record:Record::eu-west-1-edge-cert-validation-1":
    "the origin name's validation record has one owner (docs/first-deploy.md: pulumi state delete it first)",
  "urn:pulumi:prod::platform::platform:cluster:EksCluster$aws:codebuild/webhook:Webhook::us-east-1-cluster-deployer-webhook":
    "held back until runner.connectionAvailable says the created connection is AVAILABLE (docs/first-deploy.md)",
};
const REMOVED = new Set(Object.keys(REMOVED_ON_PURPOSE));
/**
 * App-port NetworkPolicies between pods of the ambient mesh, removed on purpose: the traffic meets them
 * as HBONE on 15008, so they admitted nothing (docs/network.md); deleting a NetworkPolicy loses no data.
 */
const INERT_UNDER_AMBIENT =
  /NetworkPolicy::[a-z0-9-]+-workloads-netpol-allow-(gateway-egress|gateway-to-[a-z0-9-]+|monitoring-scrape)$/;

for (const stack of ["dev", "prod"]) {
  describe(`URN baseline: ${stack}`, () => {
    let plan: Plan;
    before(async () => {
      plan = (await planFor(stack)).plan;
    });

    it("the two fixtures name the same resources", () => {
      assert.deepEqual(fixture(`${stack}.engine.txt`).map(mockFormUrn).sort(), fixture(`${stack}.txt`).sort());
    });

    it("keeps every URN of the baseline (planned, or in a successor's options.aliases)", () => {
      const check = checkBaseline(plan, fixture(`${stack}.engine.txt`));
      assert.deepEqual(check.lost, [], `${check.lost.length} URN(s) would be deleted and created again`);
      assert.deepEqual(check.claimedTwice, []);
    });

    it("keeps every URN in the plan's own form too", () => {
      const have = new Set(plan.resources.map((r) => r.urn));
      for (const r of plan.resources) for (const a of r.options?.aliases ?? []) have.add(mockFormUrn(a));
      assert.deepEqual(
        fixture(`${stack}.txt`).filter((u) => !have.has(u)),
        [],
      );
    });

    it("excuses as inert only the app-port policies docs/network.md counts (6 per region), none of them planned", () => {
      const all = fs
        .readFileSync(path.join(ROOT, "test", "fixtures", "urns", `${stack}.txt`), "utf8")
        .trim()
        .split("\n");
      const inert = all.filter((u) => INERT_UNDER_AMBIENT.test(u));
      assert.equal(inert.length, { dev: 6, prod: 18 }[stack]);
      const planned = new Set(plan.resources.map((r) => r.urn));
      assert.deepEqual(
        inert.filter((u) => planned.has(u)),
        [],
      );
    });

    it("fails when a resource of the baseline is planted out of the plan", () => {
      const vpc = plan.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
      const removed = { ...plan, resources: plan.resources.filter((r) => r !== vpc) };
      const check = checkBaseline(removed, fixture(`${stack}.engine.txt`));
      assert.equal(check.lost.length, 1);
      assert.equal(mockFormUrn(check.lost[0]), vpc.urn);
      // A successor naming the old URN in its aliases keeps it.
      const successor = { ...vpc, urn: `${vpc.urn}-moved`, name: `${vpc.name}-moved` };
      successor.options = { ...vpc.options!, aliases: [check.lost[0]] };
      assert.deepEqual(
        checkBaseline({ ...removed, resources: [...removed.resources, successor] }, [check.lost[0]]).lost,
        [],
      );
    });
  });
}
