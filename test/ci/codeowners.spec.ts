import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../helpers/plan";

/** CODEOWNERS rules in file order: a pattern and its owners (comments and blank lines dropped). */
function rules(text: string): { pattern: string; owners: string[] }[] {
  return text
    .split("\n")
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter(Boolean)
    .map((l) => {
      const [pattern, ...owners] = l.split(/\s+/);
      return { pattern, owners };
    });
}

/**
 * The owners GitHub would request for a path: the last matching rule wins. Only the pattern forms this
 * file uses are modelled: an anchored directory ("/dir/") matches everything below it, an anchored
 * file ("/file") matches that file.
 */
function ownersOf(text: string, file: string): string[] {
  let owners: string[] = [];
  for (const r of rules(text)) {
    if (!r.pattern.startsWith("/")) throw new Error(`unmodelled CODEOWNERS pattern ${r.pattern}`);
    const p = r.pattern.slice(1);
    if (p.endsWith("/") ? file.startsWith(p) : file === p) owners = r.owners;
  }
  return owners;
}

/** What a pull request must not change without a maintainer (the CI-trust review's list). */
const GUARDED = [
  "policies/index.ts",
  "policies/config/prod.json",
  "tools/plan-lib.ts",
  "tools/review/render.ts",
  ".github/workflows/deploy.yml",
  ".github/workflows/pull-request.yml",
  ".github/CODEOWNERS",
  ".ci/run",
  "bootstrap/index.ts",
  "Pulumi.prod.yaml",
];

describe("CODEOWNERS", () => {
  const text = fs.readFileSync(path.join(ROOT, ".github", "CODEOWNERS"), "utf8");

  it("asks a maintainer for every guarded path", () => {
    for (const f of GUARDED) assert.deepEqual(ownersOf(text, f), ["@example-org/platform-maintainers"], f);
  });

  it("fails when a guarded rule goes, or a later rule takes a path away (owners none)", () => {
    const without = text.replace(/^\/Pulumi\.prod\.yaml.*$/m, "");
    assert.deepEqual(ownersOf(without, "Pulumi.prod.yaml"), []);
    assert.deepEqual(ownersOf(`${text}\n/tools/\n`, "tools/plan-lib.ts"), []);
  });

  it("leaves the rest to ordinary review (components, the dev stack)", () => {
    assert.deepEqual(ownersOf(text, "components/platform.ts"), []);
    assert.deepEqual(ownersOf(text, "Pulumi.dev.yaml"), []);
  });
});
