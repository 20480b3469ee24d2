import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ROOT, TS_REGISTER } from "../helpers/plan";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS loader the suite itself runs on
const loader = require(TS_REGISTER) as { transpile?: (filename: string, source: string) => string };

describe("TypeScript loader with a transpile cache (tools/ts-register.js)", function () {
  before(function () {
    if (!loader.transpile) this.skip(); // PLATFORM_TS_STACKS=1: ts-node loads the suite instead
  });

  const file = path.join(ROOT, "test", "engine", "ts-register-probe.ts");
  const options = () => {
    const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
    return ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT).options;
  };

  it("emits what TypeScript's transpileModule emits with tsconfig.json's options (as ts-node does)", () => {
    const source = [
      'import YAML from "yaml";',
      'import type { Plan } from "../../tools/plan-lib";',
      "export enum Mode { A = 1 }",
      "export const f = async (p?: Plan): Promise<string> => YAML.stringify({ n: p?.resources.length ?? 0 });",
      "",
    ].join("\n");
    const ours = loader.transpile!(file, source);
    const theirs = ts.transpileModule(source, {
      compilerOptions: { ...options(), inlineSourceMap: true, sourceMap: false },
      fileName: file,
    }).outputText;
    assert.equal(ours, theirs);
    assert.match(ours, /require\("yaml"\)/);
    assert.doesNotMatch(ours, /plan-lib/, "type-only imports are erased");
  });

  it("serves a file's second load from the cache and a changed file fresh", () => {
    const source = `export const stamp = ${Date.now()}; // ${Math.random()}\n`;
    const cacheDir = path.join(ROOT, "node_modules", ".cache", "platform-ts");
    const entries = () => fs.readdirSync(cacheDir, { recursive: true }).filter((f) => String(f).endsWith(".js"));
    // Other workers may fill the cache meanwhile: look for this text's entry, not at the count.
    const holding = (text: string) =>
      entries().filter((f) => fs.readFileSync(path.join(cacheDir, String(f)), "utf8") === text);
    const first = loader.transpile!(file, source);
    const [stored, ...more] = holding(first);
    assert.ok(stored, "the emitted JavaScript is stored");
    assert.deepEqual(more, [], "and stored once");
    // Plant a marker in the entry: a second load must come from it, not from the compiler.
    fs.writeFileSync(path.join(cacheDir, String(stored)), first + "// from the cache\n");
    assert.equal(loader.transpile!(file, source), first + "// from the cache\n");
    const changed = loader.transpile!(file, source.replace("stamp", "stamp2"));
    assert.match(changed, /exports\.stamp2 = /);
    fs.rmSync(path.join(cacheDir, String(stored)));
  });
});
