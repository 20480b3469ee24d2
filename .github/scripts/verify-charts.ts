// Before a deploy: each chart archive the program installs is the one components/charts.ts pins.
// For a chart with a recorded SHA-256 it reads the repository's index.yaml, checks the entry's
// `digest`, downloads the archive and hashes it. A chart pinned by version only is named as
// unverified. Exit 1 on any mismatch. Run: node -r ./tools/ts-register.js .github/scripts/verify-charts.ts
import { createHash } from "crypto";
import YAML from "yaml";
import { CHART_DIGESTS, CHARTS, type ChartPin } from "../../components/charts";

type IndexEntry = { version: string; digest?: string; urls?: string[] };

/** The index entry of the pinned version, or the problem with it. */
export function indexEntry(pin: ChartPin, sha256: string, indexText: string): { url: string } | { problem: string } {
  const index = YAML.parse(indexText) as { entries?: Record<string, IndexEntry[]> };
  const entry = index?.entries?.[pin.chart]?.find((e) => String(e.version) === pin.version);
  if (!entry) return { problem: `${pin.chart} ${pin.version}: not in ${pin.repo}/index.yaml` };
  if (String(entry.digest) !== sha256)
    return { problem: `${pin.chart} ${pin.version}: index digest ${entry.digest} is not the pinned ${sha256}` };
  const url = entry.urls?.[0];
  if (!url) return { problem: `${pin.chart} ${pin.version}: the index entry has no archive URL` };
  return { url: new URL(url, `${pin.repo}/`).toString() };
}

/** The archive's SHA-256 against the pin. */
export function archiveProblem(pin: ChartPin, sha256: string, archive: Uint8Array): string | undefined {
  const actual = createHash("sha256").update(archive).digest("hex");
  return actual === sha256
    ? undefined
    : `${pin.chart} ${pin.version}: archive SHA-256 ${actual} is not the pinned ${sha256}`;
}

async function main(): Promise<number> {
  let failed = 0;
  for (const [key, pin] of Object.entries(CHARTS) as [keyof typeof CHARTS, ChartPin][]) {
    const d = CHART_DIGESTS[key];
    if (!("sha256" in d) || !pin.repo) {
      console.log(`unverified: ${pin.chart} ${pin.version} (${"unverified" in d ? d.unverified : "OCI"})`);
      continue;
    }
    const index = await fetch(`${pin.repo}/index.yaml`);
    const found = indexEntry(pin, d.sha256, await index.text());
    const problem =
      "problem" in found
        ? found.problem
        : archiveProblem(pin, d.sha256, new Uint8Array(await (await fetch(found.url)).arrayBuffer()));
    if (problem) failed++;
    console.log(problem ? `MISMATCH: ${problem}` : `ok: ${pin.chart} ${pin.version} sha256:${d.sha256}`);
  }
  return failed ? 1 : 0;
}

if (require.main === module)
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`verify-charts: ${err.message}`);
      process.exit(2);
    },
  );
