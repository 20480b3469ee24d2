// Before a deploy: each chart the program installs is the one components/charts.ts pins, and the
// vendored Gateway API manifest is the one components/mesh/versions.ts records.
// - Every chart needs a CHART_DIGESTS entry of the kind its source serves (archive SHA-256 for a
//   Helm repository, manifest digest for OCI), or a stated reason it is unverified.
// - Archive SHA-256: reads the repository's index.yaml, checks the entry's `digest`, downloads
//   the archive and hashes it.
// - OCI manifest digest: asks the registry for the manifest of the pinned tag (HEAD
//   /v2/<name>/manifests/<version>, anonymous bearer token when challenged) and compares its
//   Docker-Content-Digest.
// Exit 1 on any mismatch or bad record. Run: node -r ./tools/ts-register.js .github/scripts/verify-charts.ts
// --require-all (the prod deploy): a chart still unverified is a failure too, so prod installs only recorded charts.
// --record: for each unverified chart, reads what its source serves now (index digest checked against the
// archive's own hash; OCI manifest digest) and prints the CHART_DIGESTS entry to review and commit. Run it
// where the registries are reachable, when a chart is pinned or upgraded, never at deploy time.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { CHART_DIGESTS, CHARTS, type ChartDigest, type ChartPin } from "../../components/charts";
import { GATEWAY_API } from "../../components/mesh/versions";

type IndexEntry = { version: string; digest?: string; urls?: string[] };

const SHA256_HEX = /^[a-f0-9]{64}$/;
const MANIFEST_DIGEST = /^sha256:[a-f0-9]{64}$/;
/** `helm push` stores a chart as an OCI image manifest (config application/vnd.cncf.helm.config.v1+json). */
export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

const isOci = (pin: ChartPin) => pin.chart.startsWith("oci://");

/** Problems with the records themselves: a chart without one, a malformed digest, the wrong kind. */
export function recordProblems(
  charts: Readonly<Record<string, ChartPin>>,
  digests: Readonly<Record<string, ChartDigest | undefined>>,
): string[] {
  const problems: string[] = [];
  for (const [key, pin] of Object.entries(charts)) {
    const d = digests[key];
    const what = `${key} (${pin.chart} ${pin.version})`;
    if (!d)
      problems.push(`${what}: no CHART_DIGESTS entry; record its digest with the source, or why it is unverified`);
    else if ("sha256" in d) {
      if (!SHA256_HEX.test(d.sha256)) problems.push(`${what}: sha256 "${d.sha256}" is not 64 lowercase hex digits`);
      if (isOci(pin)) problems.push(`${what}: an OCI chart is pinned by its manifest digest, not an archive sha256`);
      if (!d.source.trim()) problems.push(`${what}: the digest has no source`);
    } else if ("manifest" in d) {
      if (!MANIFEST_DIGEST.test(d.manifest))
        problems.push(`${what}: manifest digest "${d.manifest}" is not sha256:<64 lowercase hex digits>`);
      if (!isOci(pin))
        problems.push(`${what}: a chart from ${pin.repo} is pinned by its archive sha256, not a manifest`);
      if (!d.source.trim()) problems.push(`${what}: the digest has no source`);
    } else if (d.unverified.trim().length < 20) problems.push(`${what}: unverified without a stated reason`);
  }
  for (const key of Object.keys(digests))
    if (!(key in charts)) problems.push(`${key}: a CHART_DIGESTS entry for a chart that is not pinned`);
  return problems;
}

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

/** The registry API URL of an OCI chart's manifest at its pinned version (the tag Helm pushes). */
export function ociManifestUrl(pin: ChartPin): string {
  const ref = pin.chart.replace(/^oci:\/\//, "");
  const slash = ref.indexOf("/");
  return `https://${ref.slice(0, slash)}/v2/${ref.slice(slash + 1)}/manifests/${pin.version}`;
}

/** A registry's `WWW-Authenticate: Bearer realm=...,service=...,scope=...` challenge as a token URL. */
export function tokenUrl(challenge: string | null): string | undefined {
  if (!challenge || !/^Bearer\s/i.test(challenge)) return undefined;
  const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  if (!params.realm) return undefined;
  const url = new URL(params.realm);
  for (const k of ["service", "scope"]) if (params[k]) url.searchParams.set(k, params[k]);
  return url.toString();
}

/** The served manifest digest against the pin. */
export function manifestProblem(pin: ChartPin, expected: string, served: string | null): string | undefined {
  if (served === expected) return undefined;
  return served
    ? `${pin.chart}:${pin.version}: registry serves manifest ${served}, not the pinned ${expected}`
    : `${pin.chart}:${pin.version}: the registry sent no Docker-Content-Digest`;
}

/** A vendored file's SHA-256 against its record. */
export function vendoredProblem(file: string, sha256: string, bytes: Uint8Array): string | undefined {
  const actual = createHash("sha256").update(bytes).digest("hex");
  return actual === sha256 ? undefined : `${file}: SHA-256 ${actual} is not the recorded ${sha256}`;
}

async function servedManifest(pin: ChartPin): Promise<{ digest: string | null } | { problem: string }> {
  const url = ociManifestUrl(pin);
  const head = (auth?: string) =>
    fetch(url, { method: "HEAD", headers: { Accept: OCI_MANIFEST, ...(auth ? { Authorization: auth } : {}) } });
  let res = await head();
  if (res.status === 401) {
    const token = tokenUrl(res.headers.get("www-authenticate"));
    if (!token) return { problem: `${pin.chart}:${pin.version}: ${url} asks for credentials this check does not have` };
    const body = (await (await fetch(token)).json()) as { token?: string; access_token?: string };
    res = await head(`Bearer ${body.token ?? body.access_token}`);
  }
  if (!res.ok) return { problem: `${pin.chart}:${pin.version}: ${url} answered ${res.status}` };
  return { digest: res.headers.get("docker-content-digest") };
}

async function chartProblem(pin: ChartPin, d: ChartDigest): Promise<string | undefined> {
  if ("manifest" in d) {
    const served = await servedManifest(pin);
    return "problem" in served ? served.problem : manifestProblem(pin, d.manifest, served.digest);
  }
  if (!("sha256" in d)) return undefined;
  const index = await fetch(`${pin.repo}/index.yaml`);
  const found = indexEntry(pin, d.sha256, await index.text());
  if ("problem" in found) return found.problem;
  return archiveProblem(pin, d.sha256, new Uint8Array(await (await fetch(found.url)).arrayBuffer()));
}

/** The digest the index lists for the pinned version and its archive URL, to record; or the problem. */
export function indexRecord(pin: ChartPin, indexText: string): { digest: string; url: string } | { problem: string } {
  const index = YAML.parse(indexText) as { entries?: Record<string, IndexEntry[]> };
  const entry = index?.entries?.[pin.chart]?.find((e) => String(e.version) === pin.version);
  if (!entry) return { problem: `${pin.chart} ${pin.version}: not in ${pin.repo}/index.yaml` };
  if (!entry.digest || !SHA256_HEX.test(String(entry.digest)))
    return { problem: `${pin.chart} ${pin.version}: the index entry has no SHA-256 digest` };
  const found = indexEntry(pin, String(entry.digest), indexText);
  return "problem" in found ? found : { digest: String(entry.digest), url: found.url };
}

async function record(key: string, pin: ChartPin, today: string): Promise<string> {
  if (isOci(pin)) {
    const served = await servedManifest(pin);
    if ("problem" in served || !served.digest)
      return `cannot record ${key}: ${"problem" in served ? served.problem : "no digest served"}`;
    return `${key}: { manifest: "${served.digest}", source: "${ociManifestUrl(pin)} Docker-Content-Digest, read ${today}" },`;
  }
  const found = indexRecord(pin, await (await fetch(`${pin.repo}/index.yaml`)).text());
  if ("problem" in found) return `cannot record ${key}: ${found.problem}`;
  const problem = archiveProblem(pin, found.digest, new Uint8Array(await (await fetch(found.url)).arrayBuffer()));
  if (problem) return `cannot record ${key}: ${problem}`;
  return `${key}: { sha256: "${found.digest}", source: "${pin.repo}/index.yaml, equal to the archive's SHA-256, read ${today}" },`;
}

async function main(args: string[]): Promise<number> {
  if (args.includes("--record")) {
    const today = new Date().toISOString().slice(0, 10);
    for (const [key, pin] of Object.entries(CHARTS) as [string, ChartPin][])
      if ("unverified" in CHART_DIGESTS[key as keyof typeof CHARTS]) console.log(await record(key, pin, today));
    return 0;
  }
  const requireAll = args.includes("--require-all");
  const records = recordProblems(CHARTS, CHART_DIGESTS);
  for (const p of records) console.log(`BAD RECORD: ${p}`);
  let failed = records.length;
  for (const [key, pin] of Object.entries(CHARTS) as [keyof typeof CHARTS, ChartPin][]) {
    const d = CHART_DIGESTS[key];
    if (!d) continue;
    if ("unverified" in d) {
      if (requireAll) failed++;
      console.log(
        requireAll
          ? `UNVERIFIED: ${pin.chart} ${pin.version} has no recorded digest and this deploy installs only recorded charts; run this script with --record where the registry is reachable, review and commit the entry (${d.unverified})`
          : `unverified: ${pin.chart} ${pin.version} (${d.unverified})`,
      );
      continue;
    }
    const problem = await chartProblem(pin, d);
    if (problem) failed++;
    const pinned = "manifest" in d ? d.manifest : `sha256:${d.sha256}`;
    console.log(problem ? `MISMATCH: ${problem}` : `ok: ${pin.chart} ${pin.version} ${pinned}`);
  }
  const file = path.resolve(__dirname, "..", "..", GATEWAY_API.file);
  const vendored = vendoredProblem(GATEWAY_API.file, GATEWAY_API.sha256, fs.readFileSync(file));
  if (vendored) failed++;
  console.log(vendored ? `MISMATCH: ${vendored}` : `ok: ${GATEWAY_API.file} sha256:${GATEWAY_API.sha256}`);
  return failed ? 1 : 0;
}

if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`verify-charts: ${err.message}`);
      process.exit(2);
    },
  );
