import { strict as assert } from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CHART_DIGESTS, CHARTS } from "../../components/charts";
import { archiveProblem, indexEntry } from "../../.github/scripts/verify-charts";
import { ROOT } from "../helpers/plan";

// Charts pinned by archive digest where one could be read (components/charts.ts CHART_DIGESTS), and
// the pre-deploy check that holds the repository to it.
const pin = CHARTS.jaeger;
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const index = (digest: string, version: string = pin.version, urls = [`${pin.chart}-${version}.tgz`]) =>
  `apiVersion: v1\nentries:\n  ${pin.chart}:\n    - version: ${version}\n      digest: ${digest}\n      urls: [${urls.join(", ")}]\n`;

describe("supply chain: chart archive digests", () => {
  it("every chart has a SHA-256 with its source, or says why it is pinned by version only", () => {
    for (const [key, d] of Object.entries(CHART_DIGESTS)) {
      if ("sha256" in d) {
        assert.match(d.sha256, /^[a-f0-9]{64}$/, key);
        assert.match(d.source, /index\.yaml .*read 2026-12-07/, key);
      } else assert.ok(d.unverified.length > 20, key);
    }
    // Recorded where the index was readable (dates and heads in components/charts.ts).
    assert.deepEqual(
      Object.entries(CHART_DIGESTS)
        .filter(([, d]) => "sha256" in d)
        .map(([k]) => k)
        .sort(),
      ["jaeger", "jenkins", "k6Operator", "lbController", "otelCollector", "vpa"],
    );
  });

  it("the index entry must carry the pinned digest; the archive URL resolves against the repository", () => {
    const d = CHART_DIGESTS.jaeger as { sha256: string };
    assert.deepEqual(indexEntry(pin, d.sha256, index(d.sha256)), {
      url: `${pin.repo}/${pin.chart}-${pin.version}.tgz`,
    });
    const planted = indexEntry(pin, d.sha256, index("f".repeat(64)));
    assert.match((planted as { problem: string }).problem, /index digest f{64} is not the pinned/);
    const gone = indexEntry(pin, d.sha256, index(d.sha256, "0.0.1"));
    assert.match(
      (gone as { problem: string }).problem,
      /not in https:\/\/jaegertracing\.github\.io\/helm-charts\/index\.yaml/,
    );
  });

  it("an archive whose bytes hash otherwise is refused", () => {
    const bytes = new TextEncoder().encode("chart bytes");
    assert.equal(archiveProblem(pin, sha("chart bytes"), bytes), undefined);
    assert.match(
      String(archiveProblem(pin, sha("other bytes"), bytes)),
      /archive SHA-256 [a-f0-9]{64} is not the pinned/,
    );
  });

  it("deploys check the charts before pulumi up", () => {
    const text = fs.readFileSync(path.join(ROOT, ".github", "workflows", "deploy.yml"), "utf8");
    const runs = text.split("\n").filter((l) => l.includes(".github/scripts/verify-charts.ts"));
    assert.equal(runs.length, 2, "up-dev and up-prod");
  });
});
