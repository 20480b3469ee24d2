import { strict as assert } from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CHART_DIGESTS, CHARTS, type ChartDigest } from "../../components/charts";
import {
  archiveProblem,
  indexEntry,
  indexRecord,
  manifestProblem,
  ociManifestUrl,
  recordProblems,
  tokenUrl,
  vendoredProblem,
} from "../../.github/scripts/verify-charts";
import { ROOT } from "../helpers/plan";

// Charts pinned by digest where one could be read (components/charts.ts CHART_DIGESTS), and the
// pre-deploy check that holds the repositories and registries to them.
const pin = CHARTS.jaeger;
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const index = (digest: string, version: string = pin.version, urls = [`${pin.chart}-${version}.tgz`]) =>
  `apiVersion: v1\nentries:\n  ${pin.chart}:\n    - version: ${version}\n      digest: ${digest}\n      urls: [${urls.join(", ")}]\n`;
const problem = (r: { url: string } | { problem: string }) => (r as { problem: string }).problem;
const OK_MANIFEST = `sha256:${"a1".repeat(32)}`;

// Written out from where each was read (the index.yaml `digest` of the pinned version, or the
// third-party record named in components/charts.ts), 2026-12-07.
const EXPECTED_SHA256: Record<string, string> = {
  keda: "db60b1fa60f0565fefa4ce2f87e855b6a8854363ee82962fbe28a12a70d64c4c",
  vpa: "fbef3ad036f59dc3cf9fc361cb92fae0564aa11f335f59b8b9e878dc490a4970",
  lbController: "45051f634b33e10baccb3354d0681b7de787c60445e599fa276e0c9aedd4ccd5",
  chaosMesh: "c96a2d6490c1fbb0693e18b04e2ab6f60ca45046c64e98ca774f72ac1eaf2a47",
  k6Operator: "e721213e31989fc096233cd73ed90eac674815b66abb9aa7ac39db276414cfac",
  jaeger: "120aad01641b88fd73fb097cd63af94aac4e9d49115877f5f63b52b86b512180",
  otelCollector: "ed140b332233075c7fd15eaebba571fdf100926f08c0a5a274c7b32895315137",
  jenkins: "dc277e78cab1ab79ebd389534e867ea0e7f5f0283e87b8c12640718ffffdcd00",
};

describe("supply chain: chart digests", () => {
  it("every chart has a well-formed record: the digests read, with their sources, or why none", () => {
    assert.deepEqual(recordProblems(CHARTS, CHART_DIGESTS), []);
    const pinned = Object.entries(CHART_DIGESTS).filter(([, d]) => "sha256" in d);
    assert.deepEqual(
      Object.fromEntries(pinned.map(([k, d]) => [k, (d as { sha256: string }).sha256])),
      EXPECTED_SHA256,
    );
    for (const [key, d] of pinned) {
      const source = (d as { source: string }).source;
      if (key === "chaosMesh") assert.match(source, /^third-party record.*kubephos.*read 2026-12-07/);
      else assert.match(source, /index\.yaml .*read 2026-12-07/, key);
    }
    // Karpenter's OCI manifest digest, as the two records of `helm pull` print it.
    const karpenter = CHART_DIGESTS.karpenter as { manifest: string; source: string };
    assert.equal(karpenter.manifest, "sha256:91434e00fb102d6ee0d1bd34a4457a32fe01a8fa833fe1a2a37da4f50272079b");
    assert.match(karpenter.source, /^third-party records.*read 2026-12-07/);
    // The rest say why: kube-prometheus-stack, Istio's four.
    assert.deepEqual(
      Object.entries(CHART_DIGESTS)
        .filter(([, d]) => "unverified" in d)
        .map(([k]) => k)
        .sort(),
      ["istioBase", "istioCni", "istiod", "kubePrometheusStack", "ztunnel"],
    );
  });

  it("a chart without a record, a malformed digest or the wrong kind of digest fails the check", () => {
    const { keda, karpenter } = CHARTS;
    const check = (digests: Record<string, ChartDigest | undefined>) => recordProblems({ keda, karpenter }, digests);
    const unverified = { unverified: "no record readable anywhere here" };
    const good = { sha256: EXPECTED_SHA256.keda, source: "index.yaml" };
    assert.deepEqual(check({ keda: good, karpenter: { manifest: OK_MANIFEST, source: "registry" } }), []);
    assert.deepEqual(check({ keda: good }), [
      "karpenter (oci://public.ecr.aws/karpenter/karpenter 1.14.1): no CHART_DIGESTS entry; record its digest with the source, or why it is unverified",
    ]);
    assert.deepEqual(
      check({ keda: { sha256: EXPECTED_SHA256.keda.toUpperCase(), source: "x" }, karpenter: unverified }),
      [`keda (keda 2.20.2): sha256 "${EXPECTED_SHA256.keda.toUpperCase()}" is not 64 lowercase hex digits`],
    );
    assert.deepEqual(check({ keda: good, karpenter: { sha256: EXPECTED_SHA256.keda, source: "x" } }), [
      "karpenter (oci://public.ecr.aws/karpenter/karpenter 1.14.1): an OCI chart is pinned by its manifest digest, not an archive sha256",
    ]);
    assert.deepEqual(check({ keda: { manifest: OK_MANIFEST, source: "x" }, karpenter: unverified }), [
      "keda (keda 2.20.2): a chart from https://kedacore.github.io/charts is pinned by its archive sha256, not a manifest",
    ]);
    assert.deepEqual(check({ keda: good, karpenter: { unverified: "n/a" } }), [
      "karpenter (oci://public.ecr.aws/karpenter/karpenter 1.14.1): unverified without a stated reason",
    ]);
    assert.deepEqual(check({ keda: { sha256: EXPECTED_SHA256.keda, source: " " }, karpenter: unverified }), [
      "keda (keda 2.20.2): the digest has no source",
    ]);
    assert.deepEqual(check({ keda: good, karpenter: unverified, kedaa: good }), [
      "kedaa: a CHART_DIGESTS entry for a chart that is not pinned",
    ]);
  });

  it("an OCI manifest digest is sha256: and 64 lowercase hex digits, nothing else", () => {
    const oci = (manifest: string) => recordProblems({ k: CHARTS.karpenter }, { k: { manifest, source: "registry" } });
    assert.deepEqual(oci(OK_MANIFEST), []);
    for (const bad of [
      "a1".repeat(32),
      `sha512:${"a1".repeat(32)}`,
      `sha256:${"a1".repeat(31)}`,
      `sha256:${"A1".repeat(32)}`,
    ])
      assert.deepEqual(oci(bad), [
        `k (oci://public.ecr.aws/karpenter/karpenter 1.14.1): manifest digest "${bad}" is not sha256:<64 lowercase hex digits>`,
      ]);
  });

  it("the index entry must carry the pinned digest; the archive URL resolves against the repository", () => {
    const d = EXPECTED_SHA256.jaeger;
    assert.deepEqual(indexEntry(pin, d, index(d)), { url: `${pin.repo}/${pin.chart}-${pin.version}.tgz` });
    assert.match(problem(indexEntry(pin, d, index("f".repeat(64)))), /index digest f{64} is not the pinned/);
    assert.match(
      problem(indexEntry(pin, d, index(d, "0.0.1"))),
      /not in https:\/\/jaegertracing\.github\.io\/helm-charts\/index\.yaml/,
    );
  });

  it("--record takes the index's digest of the pinned version only when it is a SHA-256", () => {
    const d = EXPECTED_SHA256.jaeger;
    assert.deepEqual(indexRecord(pin, index(d)), { digest: d, url: `${pin.repo}/${pin.chart}-${pin.version}.tgz` });
    assert.match(problem(indexRecord(pin, index(d, "0.0.1"))), /not in https:\/\/jaegertracing/);
    assert.match(problem(indexRecord(pin, index("md5:abc"))), /the index entry has no SHA-256 digest/);
    assert.match(problem(indexRecord(pin, index(d, pin.version, []))), /the index entry has no archive URL/);
  });

  it("the prod deploy installs only recorded charts (--require-all); dev names the unverified ones", () => {
    const workflow = fs.readFileSync(path.join(ROOT, ".github/workflows/deploy.yml"), "utf8");
    const runs = [...workflow.matchAll(/verify-charts\.ts(.*)$/gm)].map((m) => m[1].trim());
    assert.deepEqual(runs, ["", "--require-all"]);
  });

  it("an archive whose bytes hash otherwise is refused", () => {
    const bytes = new TextEncoder().encode("chart bytes");
    assert.equal(archiveProblem(pin, sha("chart bytes"), bytes), undefined);
    assert.match(
      String(archiveProblem(pin, sha("other bytes"), bytes)),
      /archive SHA-256 [a-f0-9]{64} is not the pinned/,
    );
  });

  it("an OCI chart is checked at the registry's manifest of its pinned tag", () => {
    // Distribution API: GET/HEAD /v2/<name>/manifests/<reference>; the tag Helm pushes is the version.
    assert.equal(ociManifestUrl(CHARTS.karpenter), "https://public.ecr.aws/v2/karpenter/karpenter/manifests/1.14.1");
    // The challenge example of the distribution token-authentication spec (docs/spec/auth/token.md).
    const url = new URL(
      String(
        tokenUrl(
          'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
        ),
      ),
    );
    assert.equal(`${url.origin}${url.pathname}`, "https://auth.docker.io/token");
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      service: "registry.docker.io",
      scope: "repository:samalba/my-app:pull,push",
    });
    assert.equal(tokenUrl('Basic realm="registry"'), undefined);
    assert.equal(tokenUrl(null), undefined);
    const k = CHARTS.karpenter;
    assert.equal(manifestProblem(k, OK_MANIFEST, OK_MANIFEST), undefined);
    assert.equal(
      manifestProblem(k, OK_MANIFEST, `sha256:${"b2".repeat(32)}`),
      `oci://public.ecr.aws/karpenter/karpenter:1.14.1: registry serves manifest sha256:${"b2".repeat(32)}, not the pinned ${OK_MANIFEST}`,
    );
    assert.match(String(manifestProblem(k, OK_MANIFEST, null)), /sent no Docker-Content-Digest/);
  });

  it("the vendored Gateway API manifest is held to its recorded SHA-256", () => {
    const bytes = new TextEncoder().encode("kind: CustomResourceDefinition\n");
    assert.equal(vendoredProblem("f.yaml", sha("kind: CustomResourceDefinition\n"), bytes), undefined);
    assert.match(
      String(vendoredProblem("f.yaml", sha("kind: CustomResourceDefinition\n# edited\n"), bytes)),
      /^f\.yaml: SHA-256 [a-f0-9]{64} is not the recorded [a-f0-9]{64}$/,
    );
  });

  it("deploys check the charts before pulumi up", () => {
    const text = fs.readFileSync(path.join(ROOT, ".github", "workflows", "deploy.yml"), "utf8");
    const runs = text.split("\n").filter((l) => l.includes(".github/scripts/verify-charts.ts"));
    assert.equal(runs.length, 2, "up-dev and up-prod");
  });
});
