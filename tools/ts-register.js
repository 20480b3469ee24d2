// `node -r ./tools/ts-register.js file.ts`: runs the project's TypeScript as ts-node's transpile-only
// mode does (TypeScript's transpileModule with tsconfig.json's options, no type check: `npm run lint`
// type-checks), but keeps each file's output in node_modules/.cache/platform-ts, keyed by the
// TypeScript version, tsconfig.json, this file and the file's text. Every mocha worker, every tool run and every
// child process a spec starts otherwise transpiles the whole program again: seconds of CPU each.
// PLATFORM_TS_STACKS=1 hands over to ts-node instead, for stack traces in TypeScript positions.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "platform-ts");

if (process.env.PLATFORM_TS_STACKS) {
  require("ts-node").register({ transpileOnly: true });
} else if (!require.extensions[".ts"]) {
  let ts; // loaded on the first cache miss only: the compiler alone takes half a second to load
  let options;
  const compiler = () => {
    if (!ts) {
      ts = require("typescript");
      const file = path.join(ROOT, "tsconfig.json");
      const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
      if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
      options = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT).options;
      // As ts-node sets them: emit JavaScript for this process only, with the source map inline.
      Object.assign(options, { noEmit: false, declaration: false, sourceMap: false, inlineSourceMap: true });
    }
    return ts;
  };
  const version = require("typescript/package.json").version;
  // The key covers everything the output depends on: the compiler, its options and this loader's own overrides.
  const salt = crypto
    .createHash("sha256")
    .update(version)
    .update(fs.readFileSync(path.join(ROOT, "tsconfig.json")))
    .update(fs.readFileSync(__filename));

  /** The JavaScript for one TypeScript file: from the cache, else transpiled and stored. */
  const transpile = (filename, source) => {
    const key = salt.copy().update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(CACHE, key.slice(0, 2), `${key}.js`);
    try {
      return fs.readFileSync(cached, "utf8");
    } catch {
      const out = compiler().transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
      try {
        fs.mkdirSync(path.dirname(cached), { recursive: true });
        // Another process may write the same entry at the same time: write aside, then rename (atomic).
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, out);
        fs.renameSync(tmp, cached);
      } catch {
        // A read-only checkout still runs, uncached.
      }
      return out;
    }
  };

  require.extensions[".ts"] = (module, filename) => {
    module._compile(transpile(filename, fs.readFileSync(filename, "utf8")), filename);
  };
  module.exports = { transpile };
}
