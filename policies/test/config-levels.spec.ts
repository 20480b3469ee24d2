import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { allPolicies } from "../lib/registry";

/**
 * The committed pack configs (config/<env>.json, what `pulumi preview --policy-pack-config` reads)
 * against what the project documents, written out here, not against the code that generates them.
 */
const ROOT = join(__dirname, "..");
const config = (env: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(ROOT, "config", `${env}.json`), "utf8"));

/** Advisory in dev, mandatory in staging and prod; where each is documented. */
const ESCALATED = [
  "aws-alarm-subscriptions", // policies/README.md
  "aws-detection-services", // policies/README.md
  "aws-rds-iam-auth",
  "aws-rds-performance-insights",
  "aws-s3-encryption", // policies/README.md
  "aws-s3-log-bucket-versioning", // policies/README.md
  "aws-security-group-descriptions", // policies/README.md
  "aws-waf-logging", // docs/security.md: mandatory in prod
  "cost-budget", // docs/cost.md: advisory, mandatory in prod and staging
  "k8s-image-digest", // docs/security.md: advisory in dev, mandatory in staging and prod
  "k8s-pdb-for-replicated",
  "k8s-probes",
  "k8s-read-only-root-filesystem", // policies/README.md
  "mesh-mtls-strict", // docs/mesh.md: mandatory in staging and prod
];
/** The seeds' regions: us-east-1 primary, us-west-2 and eu-west-1 secondaries (seed 002). */
const SEED_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

/** Rows of policies/README.md "How levels are chosen": name -> [dev level, staging/prod level]. */
const documented = new Map<string, [string, string]>();
for (const line of readFileSync(join(ROOT, "README.md"), "utf8").split("\n")) {
  const cells = line.split("|").map((c) => c.trim());
  const name = /^`([a-z0-9-]+)`/.exec(cells[1] ?? "")?.[1];
  if (name && /^(stack|resource)$/.test(cells[2])) documented.set(name, [cells[3], cells[4]]);
}

describe("policies: pack config files hold the documented levels", () => {
  let policies: ReturnType<typeof allPolicies>;
  beforeEach(() => {
    policies = allPolicies();
  });
  const levelIn = (cfg: Record<string, unknown>, name: string, own: string | undefined) =>
    (cfg[name] as { enforcementLevel?: string } | undefined)?.enforcementLevel ?? own;

  it("each environment's file carries its environment tag, the seed regions and its detection services", () => {
    const expected = (env: string, required: string[]) => ({
      "aws-allowed-regions": { allowedRegions: SEED_REGIONS },
      "aws-required-tags": { environment: env },
      "aws-detection-services": { required },
    });
    assert.deepEqual(config("dev"), expected("dev", []));
    const strip = (cfg: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(cfg)
          .map(([k, v]) => [
            k,
            Object.fromEntries(Object.entries(v as object).filter(([f]) => f !== "enforcementLevel")),
          ])
          .filter(([, v]) => Object.keys(v).length > 0),
      );
    assert.deepEqual(strip(config("staging")), expected("staging", []));
    assert.deepEqual(strip(config("prod")), expected("prod", ["guardDuty", "awsConfig", "securityHub"]));
  });

  it("escalates exactly the listed advisory policies to mandatory in staging and prod, none in dev", () => {
    for (const env of ["staging", "prod"]) {
      const cfg = config(env);
      const escalated = policies.filter(
        (p) => p.enforcementLevel === "advisory" && levelIn(cfg, p.name, "") === "mandatory",
      );
      assert.deepEqual(escalated.map((p) => p.name).sort(), ESCALATED, env);
    }
    const dev = config("dev");
    assert.deepEqual(
      policies.filter((p) => levelIn(dev, p.name, p.enforcementLevel) !== p.enforcementLevel),
      [],
    );
  });

  it("the levels policies/README.md states hold in the pack and in every file", () => {
    assert.ok(documented.size >= 30, `${documented.size} rows read`);
    const byName = new Map(policies.map((p) => [p.name, p]));
    const wrong: string[] = [];
    for (const [name, [dev, strict]] of documented) {
      const p = byName.get(name);
      if (!p) {
        wrong.push(`${name}: documented, not in the pack`);
        continue;
      }
      if (levelIn(config("dev"), name, p.enforcementLevel) !== dev) wrong.push(`${name}: dev is not ${dev}`);
      for (const env of ["staging", "prod"])
        if (levelIn(config(env), name, p.enforcementLevel) !== strict) wrong.push(`${name}: ${env} is not ${strict}`);
    }
    assert.deepEqual(wrong, []);
  });
});
