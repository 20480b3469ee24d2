import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, formatIssue, loadConfig } from "../../components/config";
import { formatFileIssue } from "../../tools/engine/project-rules";
import { StackFileError, readStackConfig } from "../../tools/engine/stack-config";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(__dirname, "corpus");

/**
 * Every file in corpus/ is a stack file a user might write. Its first line says what must happen:
 * `# expect: ok` (accepted), or `# expect: <fragment>` that the first reported problem contains.
 * `# secret: <value>` names a credential that no message may print.
 */
export function runCorpusFile(file: string): string[] {
  try {
    const stack = readStackConfig(ROOT, file);
    loadConfig(stack.config, { project: stack.project, stack: path.basename(file, ".yaml") });
    return [];
  } catch (err) {
    if (err instanceof StackFileError) return err.issues.map(formatFileIssue);
    if (err instanceof ConfigError) return err.issues.map(formatIssue);
    throw err;
  }
}

const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".yaml"));

describe("config corpus: broken and unusual stack files", () => {
  it("holds about a hundred files across the categories", () => assert.ok(files.length >= 100, `${files.length}`));

  for (const f of files) {
    const text = fs.readFileSync(path.join(DIR, f), "utf8");
    const expect = /^# expect: (.*)$/m.exec(text)?.[1];
    const secret = /^# secret: (.*)$/m.exec(text)?.[1];
    it(`${f}: ${expect === "ok" ? "accepted" : "rejected"}`, () => {
      assert.ok(expect, `${f} has no "# expect:" line`);
      const messages = runCorpusFile(path.join(DIR, f));
      if (expect === "ok") return assert.deepEqual(messages, []);
      assert.ok(messages.length > 0, "expected the file to be rejected");
      assert.ok(messages[0].includes(expect), `first message:\n  ${messages[0]}\nall:\n  ${messages.join("\n  ")}`);
      for (const m of messages) {
        // Each message starts with where: a file name, or the config key path.
        assert.match(m, /^([\w.-]+\.yaml: |[A-Za-z]+:[\w.:[\]-]*: got )/, m);
        assert.doesNotMatch(m, /program failed|\n\s+at /, m);
        if (secret) assert.ok(!m.includes(secret), `message prints the secret: ${m}`);
      }
    });
  }
});
