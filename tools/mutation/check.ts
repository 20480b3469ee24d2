// `npm run mutation:check`: reads each area's Stryker config (stryker/<area>.config.json) and its committed
// JSON report, and fails when a report is missing, when a file it scores differs from the file in the work
// tree (a report about other code proves nothing about this code), when a file the config mutates is absent
// from it, or when an area scores under the target. Reads files only: no mutant runs.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

export const TARGET = 80;

/** Mutant statuses of the mutation-testing-report schema that count towards the score. */
const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

export type Report = {
  files: Record<string, { source: string; mutants: { status: string }[] }>;
  testFiles?: Record<string, { source?: string }>;
};
export type StrykerConfig = {
  mutate: string[];
  jsonReporter?: { fileName?: string };
  mochaOptions?: { spec?: string[] };
};

export type Tally = { killed: number; survived: number; noCoverage: number; ignored: number };

/** Stryker's score: (killed + timed out) / (killed + timed out + survived + no coverage), in per cent. */
export function score(t: Tally): number {
  const valid = t.killed + t.survived + t.noCoverage;
  return valid === 0 ? 100 : (100 * t.killed) / valid;
}

export function tally(report: Report, files = Object.keys(report.files)): Tally {
  const t: Tally = { killed: 0, survived: 0, noCoverage: 0, ignored: 0 };
  for (const f of files)
    for (const m of report.files[f]?.mutants ?? []) {
      if (DETECTED.has(m.status)) t.killed++;
      else if (m.status === "NoCoverage") t.noCoverage++;
      else if (UNDETECTED.has(m.status)) t.survived++;
      else t.ignored++;
    }
  return t;
}

/** A glob as Stryker's `mutate` writes them (`dir/**`, `*`, `?`), as a regular expression on posix paths. */
export function globRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** The files a `mutate` list selects under root: later `!` patterns remove, others add. */
export function selected(mutate: string[], files: string[]): string[] {
  // A pattern may end in a line range (`file.ts:1-45`, `file.ts:1:2-45:3`): it still names that file.
  const file = (p: string) => p.replace(/^!/, "").replace(/:\d+(:\d+)?-\d+(:\d+)?$/, "");
  const rules = mutate.map((p) => ({ exclude: p.startsWith("!"), re: globRegExp(file(p)) }));
  return files.filter((f) => rules.reduce((keep, r) => (r.re.test(f) ? !r.exclude : keep), false));
}

function walk(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      out.push(...walk(root, rel));
    } else out.push(rel);
  }
  return out;
}

/**
 * Whether a file holds code Stryker could mutate: anything beyond imports, re-exports (`export * from`),
 * interfaces and type aliases. A file of those alone has no mutants and is absent from a report.
 */
export function hasRuntimeCode(source: string): boolean {
  const file = ts.createSourceFile("f.ts", source, ts.ScriptTarget.Latest);
  return file.statements.some(
    (st) =>
      !ts.isImportDeclaration(st) &&
      !ts.isExportDeclaration(st) &&
      !ts.isInterfaceDeclaration(st) &&
      !ts.isTypeAliasDeclaration(st),
  );
}

export type AreaResult = { area: string; report: string; tally?: Tally; problems: string[] };

/** One area's verdict: its report against the config and the files in the tree. */
export function checkArea(root: string, area: string, config: StrykerConfig, treeFiles: string[]): AreaResult {
  const reportPath = config.jsonReporter?.fileName ?? "reports/mutation/mutation.json";
  const problems: string[] = [];
  const file = path.join(root, reportPath);
  if (!fs.existsSync(file)) return { area, report: reportPath, problems: [`${reportPath} is missing`] };
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
  const wanted = selected(config.mutate, treeFiles);
  for (const f of wanted)
    if (!report.files[f] && hasRuntimeCode(fs.readFileSync(path.join(root, f), "utf8")))
      problems.push(`${f} is mutated by the config but absent from the report`);
  // An incremental run carries earlier runs' files forward; the area is what the config mutates now.
  const scored = Object.keys(report.files).filter((f) => selected(config.mutate, [f]).length === 1);
  for (const f of scored) {
    const onDisk = path.join(root, f);
    if (!fs.existsSync(onDisk)) problems.push(`${f} is in the report but no longer exists`);
    else if (fs.readFileSync(onDisk, "utf8") !== report.files[f].source)
      problems.push(`${f} changed since the report was made`);
  }
  const specs = config.mochaOptions?.spec ?? [];
  for (const [f, entry] of Object.entries(report.testFiles ?? {})) {
    if (selected(specs, [f]).length === 0) continue;
    const onDisk = path.join(root, f);
    if (entry.source !== undefined && (!fs.existsSync(onDisk) || fs.readFileSync(onDisk, "utf8") !== entry.source))
      problems.push(`test file ${f} changed since the report was made`);
  }
  const t = tally(report, scored);
  if (score(t) < TARGET) problems.push(`score ${score(t).toFixed(1)} % is under the ${TARGET} % target`);
  return { area, report: reportPath, tally: t, problems };
}

function main(root: string): number {
  const dir = path.join(root, "stryker");
  const tree = walk(root);
  let failed = 0;
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(".config.json"))
    .sort()) {
    const area = name.replace(/\.config\.json$/, "");
    const config = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as StrykerConfig;
    const r = checkArea(root, area, config, tree);
    const figures = r.tally
      ? `${score(r.tally).toFixed(1)} % (${r.tally.killed} killed, ${r.tally.survived} survived, ${r.tally.noCoverage} no coverage)`
      : "no report";
    console.log(`${r.problems.length ? "FAIL" : "ok  "} ${area.padEnd(10)} ${figures}  ${r.report}`);
    for (const p of r.problems) console.log(`       ${p}`);
    if (r.problems.length) failed++;
  }
  if (failed)
    console.log(`\n${failed} area(s) fail: run \`npm run test:mutation -- <area>\` (Node 22+) and commit the report`);
  return failed ? 1 : 0;
}

if (require.main === module) process.exit(main(path.resolve(__dirname, "..", "..")));
