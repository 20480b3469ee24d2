import { strict as assert } from "assert";
import { readdirSync, readFileSync, statSync } from "fs";
import { builtinModules } from "module";
import { dirname, join, relative, resolve } from "path";
import { noForeignAccess } from "../../policies/aws/access/foreign-access";
import { evaluatePolicies } from "../../policies/lib/offline";
import { resourceArgs, runResource } from "../../policies/test/harness";
import { planFor } from "../helpers/plan";

// The policy pack is a package of its own (policies/package.json): what it ships (policies/tsconfig.json
// "include") imports nothing outside policies/ and no package its package.json does not declare.

const PACK = resolve(__dirname, "../../policies");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === "node_modules" || f === "test" ? [] : sources(p);
    return /\.(ts|mjs|js|json)$/.test(f) && !f.endsWith(".d.ts") ? [p] : [];
  });
}

/** Every module a file imports or requires (static, dynamic, `export ... from`), as written. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const re =
    /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)|import\s*["']([^"']+)["']/g;
  return [...text.matchAll(re)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

/** Files the pack ships: tsconfig's include (index.ts, lib, aws, kubernetes, stack) and what they load. */
const shipped = () => {
  const include = (JSON.parse(readFileSync(join(PACK, "tsconfig.json"), "utf8")) as { include: string[] }).include;
  const roots = [...new Set(include.map((g) => g.split("/")[0]))];
  return roots.flatMap((r) => (r.endsWith(".ts") ? [join(PACK, r)] : sources(join(PACK, r))));
};

/** Imports that leave policies/, or packages policies/package.json does not declare. */
function outside(files: readonly string[]): string[] {
  const pkg = JSON.parse(readFileSync(join(PACK, "package.json"), "utf8")) as Record<string, Record<string, string>>;
  const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
  const bad: string[] = [];
  for (const f of files)
    for (const s of specifiers(f)) {
      if (s.startsWith(".")) {
        const target = resolve(dirname(f), s);
        if (relative(PACK, target).startsWith("..")) bad.push(`${relative(PACK, f)} -> ${s}`);
      } else {
        const name = s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0];
        if (!builtinModules.includes(name.replace(/^node:/, "")) && !declared.has(name))
          bad.push(`${relative(PACK, f)} -> ${s} (not in policies/package.json)`);
      }
    }
  return bad;
}

describe("access: the policy pack stands alone", () => {
  it("nothing the pack ships imports outside policies/ or an undeclared package", () => {
    const files = shipped();
    assert.ok(files.length > 50, `${files.length} files`);
    assert.ok(files.some((f) => f.endsWith("lib/access/evaluate.ts")));
    assert.deepEqual(outside(files), []);
  });

  it("the scan finds an import that leaves the pack, and one of an undeclared package", () => {
    assert.deepEqual(
      outside([join(__dirname, "fixtures", "pack-leak.ts.txt")]).map((l) => l.replace(/^.*-> /, "")),
      ["../../../tools/access", "left-pad (not in policies/package.json)"],
    );
  });
});

const run = (props: Record<string, unknown>, type = "aws:s3/bucketPolicy:BucketPolicy") =>
  runResource(noForeignAccess(), resourceArgs(type, props, { name: "p" })).messages;
const doc = (statement: Record<string, unknown>) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Resource: "arn:aws:s3:::b/*", ...statement }],
  });

describe("access: aws-no-foreign-access (a pack policy on the pack's own IAM evaluator)", () => {
  it("passes the stack's own account, AWS services and conditions an outsider cannot meet", () => {
    assert.deepEqual(
      run({ policy: doc({ Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject" }) }),
      [],
    );
    assert.deepEqual(
      run({ policy: doc({ Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject" }) }),
      [],
    );
    assert.deepEqual(
      run({
        policy: doc({
          Principal: "*",
          Action: "s3:PutObject",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        }),
      }),
      [],
    );
  });

  it("reports a policy admitting everyone, or naming another account", () => {
    assert.deepEqual(run({ policy: doc({ Sid: "Everyone", Principal: "*", Action: "s3:GetObject" }) }), [
      'policy of "p" lets another account\'s identity s3:GetObject (p#Everyone)',
    ]);
    assert.deepEqual(
      run(
        {
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "Partner",
                Effect: "Allow",
                Principal: { AWS: "210987654321" },
                Action: "kms:Decrypt",
                Resource: "*",
              },
            ],
          }),
        },
        "aws:kms/key:Key",
      ),
      ['policy of "p" lets another account\'s identity kms:Decrypt (p#Partner)'],
    );
  });

  for (const stack of ["dev", "prod"])
    it(`${stack}: no resource policy of the plan admits another account`, async () => {
      const { plan } = await planFor(stack);
      const v = evaluatePolicies(plan.resources, { environment: stack, policies: [noForeignAccess()] });
      assert.deepEqual(
        v.map((x) => x.message),
        [],
      );
      assert.ok(plan.resources.filter((r) => r.type === "aws:kms/key:Key").length > 2);
    }).timeout(120_000);
});
