import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkArea, globRegExp, hasRuntimeCode, score, selected, tally } from "../../tools/mutation/check";

// The score as StrykerJS defines it (stryker-mutator.io, "Mutant states and metrics"):
// detected (killed + timeout) / valid (detected + survived + no coverage); ignored, static-ignored and
// compile errors do not count.
describe("mutation:check", () => {
  it("scores as Stryker does: timeouts count as detected, ignored and compile errors do not count", () => {
    const report = {
      files: {
        "a.ts": {
          source: "",
          mutants: ["Killed", "Killed", "Timeout", "Survived", "NoCoverage", "Ignored", "CompileError"].map(
            (status) => ({ status }),
          ),
        },
      },
    };
    const t = tally(report);
    assert.deepEqual(t, { killed: 3, survived: 1, noCoverage: 1, ignored: 2 });
    assert.equal(score(t), 60);
  });

  it("selects files as the config's mutate list does: later `!` patterns remove", () => {
    const files = [
      "policies/aws/a.ts",
      "policies/lib/access/b.ts",
      "policies/test/c.spec.ts",
      "policies/index.ts",
      "tools/x.ts",
    ];
    const mutate = ["policies/**/*.ts", "!policies/test/**", "!policies/index.ts", "!policies/lib/access/**"];
    assert.deepEqual(selected(mutate, files), ["policies/aws/a.ts"]);
    assert.deepEqual(selected(["src/**/*.ts", "!src/cli.ts", "src/cli.ts:1-45"], ["src/cli.ts"]), ["src/cli.ts"]);
    assert.ok(globRegExp("tools/**/*.ts").test("tools/a.ts"), "** also matches no directory");
    assert.ok(!globRegExp("tools/*.ts").test("tools/flows/a.ts"), "* stays within one directory");
    assert.ok(!globRegExp("tools/a.ts").test("tools/aXts"), "a dot is literal");
  });

  it("tells a types-only file (no mutants possible) from one with code", () => {
    assert.equal(hasRuntimeCode("export interface A { b: string }\nexport type C = number;\n"), false);
    assert.equal(
      hasRuntimeCode('export * from "./other";\nexport { a } from "./a";\nimport type { B } from "./b";\n'),
      false,
    );
    assert.equal(hasRuntimeCode("export const a = (x: number) => x + 1;\n"), true);
  });

  describe("against a tree", () => {
    let root: string;
    const write = (f: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), text);
    };
    const config = { mutate: ["src/**/*.ts"], jsonReporter: { fileName: "reports/area.json" } };
    const code = "export const f = (a: number) => a > 1;\n";
    const report = (source: string, statuses: string[]) => ({
      files: { "src/f.ts": { source, mutants: statuses.map((status) => ({ status })) } },
    });

    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), "mutation-check-"));
      write("src/f.ts", code);
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("passes a report of the current code at or above 80 %", () => {
      write("reports/area.json", JSON.stringify(report(code, ["Killed", "Killed", "Killed", "Killed", "Survived"])));
      assert.deepEqual(checkArea(root, "area", config, ["src/f.ts"]).problems, []);
    });

    it("scores only the files the config mutates now: an incremental run carries earlier files forward", () => {
      const r = report(code, ["Killed", "Killed", "Killed", "Killed"]);
      const earlier = { source: "gone", mutants: [{ status: "Survived" }, { status: "Survived" }] };
      write("reports/area.json", JSON.stringify({ files: { ...r.files, "lib/old.ts": earlier } }));
      const result = checkArea(root, "area", config, ["src/f.ts"]);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(result.tally, { killed: 4, survived: 0, noCoverage: 0, ignored: 0 });
    });

    it("fails a report made from other code, a missing report, an unreported file and a low score", () => {
      write("reports/area.json", JSON.stringify(report("export const f = 1;\n", ["Killed"])));
      assert.deepEqual(checkArea(root, "area", config, ["src/f.ts"]).problems, [
        "src/f.ts changed since the report was made",
      ]);
      write("src/g.ts", "export const g = () => 2;\n");
      write(
        "reports/area.json",
        JSON.stringify(report(code, ["Killed", "Killed", "Killed", "Survived", "NoCoverage"])),
      );
      assert.deepEqual(checkArea(root, "area", config, ["src/f.ts", "src/g.ts"]).problems, [
        "src/g.ts is mutated by the config but absent from the report",
        "score 60.0 % is under the 80 % target",
      ]);
      fs.rmSync(path.join(root, "reports/area.json"));
      assert.deepEqual(checkArea(root, "area", config, ["src/f.ts"]).problems, ["reports/area.json is missing"]);
    });
  });
});
