import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployGantt, flowGraph, label, type FlowLike } from "../../tools/pictures/mermaid";
import { PICTURES_COMMAND, picturesOf, runPictures } from "../../tools/pictures/cli";
import { CRITICAL_PATH_COMMAND, runCriticalPath } from "../../tools/critical-path";
import { runCommand } from "../../tools/plan/command";
import { analyse } from "../../tools/critical-path-lib";
import { planFor, ROOT } from "../helpers/plan";

/** Mermaid's own parser over each diagram (test/helpers/mermaid-parse.mjs, in a child process). */
function mermaidParse(
  diagrams: Record<string, string>,
): Record<string, { file: string; ok: boolean; type?: string; error?: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mermaid-"));
  try {
    const files = Object.entries(diagrams).map(([name, text]) => {
      const f = path.join(dir, `${name}.mmd`);
      fs.writeFileSync(f, text);
      return f;
    });
    const res = spawnSync(process.execPath, [path.join(ROOT, "test/helpers/mermaid-parse.mjs"), ...files], {
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(res.status, 0, res.stderr);
    const out: Record<string, { file: string; ok: boolean; type?: string; error?: string }> = {};
    for (const line of res.stdout.trim().split("\n")) {
      const r = JSON.parse(line);
      out[path.basename(r.file, ".mmd")] = r;
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const FLOWS: FlowLike[] = [
  { requirement: "alb-gateway", from: "us-east-1 ALB", to: "us-east-1 gateway pods", port: 8080, ok: true },
  { requirement: "cloudfront-alb", from: "CloudFront origin-facing servers", to: "us-east-1 ALB", port: 443, ok: true },
  {
    requirement: "apps-cache",
    from: "eu-west-1 user-service pods",
    to: "us-east-1 cache primary",
    port: 6379,
    ok: false,
  },
  {
    requirement: "apps-cache-tls",
    from: "eu-west-1 user-service pods",
    to: "us-east-1 cache primary",
    port: 6380,
    ok: true,
  },
];

describe("pictures: Mermaid diagrams of a plan", () => {
  it("flows: a subgraph per region, global endpoints outside, ports merged per edge, refused paths dashed red", () => {
    const g = flowGraph(FLOWS, ["us-east-1", "eu-west-1"]);
    const lines = g.trim().split("\n");
    assert.equal(lines[0], "flowchart LR");
    assert.ok(lines.includes('  subgraph n_region_us_east_1["us-east-1"]'));
    assert.ok(lines.includes('    n_us_east_1_gateway_pods["us-east-1 gateway pods"]'));
    assert.ok(
      lines.includes('  n_cloudfront_origin_facing_servers["CloudFront origin-facing servers"]'),
      "global: no subgraph",
    );
    // One edge for the two cache ports; one of them refused -> the edge is dashed and styled.
    assert.ok(lines.includes('  n_eu_west_1_user_service_pods -.->|"6379,6380"| n_us_east_1_cache_primary'));
    assert.equal(lines.at(-1), "  linkStyle 2 stroke:#d00,stroke-width:2px");
    assert.equal(lines.filter((l) => /-->|-\.->/.test(l)).length, 3);
  });

  it("labels cannot break out of their quotes", () => {
    assert.equal(label('a "b" <c>\n d'), "a #quot;b#quot; #lt;c#gt; d");
  });

  it("prod: both diagrams parse with Mermaid itself, and a broken one does not", async () => {
    const { plan } = await planFor("prod");
    const p = picturesOf(plan);
    const gantt = deployGantt(analyse(plan.stack, plan.resources));
    assert.equal(p.deploy, gantt);
    assert.match(gantt, /^gantt\n {2}title Deploy of prod: \d+\.\d min critical path\n {2}dateFormat X\n/);
    assert.equal((gantt.match(/ serves :milestone, /g) ?? []).length, 3, "a milestone per prod region");
    const parsed = mermaidParse({ deploy: p.deploy, flows: p.flows, broken: p.flows.replace("-->|", "-->|x ") });
    assert.deepEqual(parsed.deploy, { file: parsed.deploy.file, ok: true, type: "gantt" });
    assert.deepEqual(parsed.flows, { file: parsed.flows.file, ok: true, type: "flowchart-v2" });
    assert.equal(parsed.broken.ok, false);
  });

  it("npm run pictures: Markdown with both diagrams; --only prints one; bad --only is one line, exit 2", async () => {
    const { plan } = await planFor("dev");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pictures-"));
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, JSON.stringify(plan));
    const run = async (...argv: string[]) => {
      const box = { out: "", err: "" };
      const io = {
        rootDir: ROOT,
        cwd: dir,
        env: {},
        stdout: (t: string) => void (box.out += t),
        stderr: (t: string) => void (box.err += t),
      };
      return { code: await runCommand(PICTURES_COMMAND, argv, io, runPictures), ...box };
    };
    try {
      const all = await run("--plan", file);
      assert.equal(all.code, 0);
      assert.equal((all.out.match(/^```mermaid$/gm) ?? []).length, 2);
      const flows = await run("--plan", file, "--only", "flows");
      assert.match(flows.out, /^flowchart LR\n/);
      const bad = await run("--plan", file, "--only", "gantt");
      assert.deepEqual([bad.code, bad.err], [2, 'pictures: --only: got "gantt"; expected deploy or flows\n']);
      assert.equal((await run("--help")).code, 0);
      // The same chart from npm run critical-path -- --format mermaid; an unknown format is refused.
      const box = { out: "", err: "" };
      const io = {
        rootDir: ROOT,
        cwd: dir,
        env: {},
        stdout: (t: string) => void (box.out += t),
        stderr: (t: string) => void (box.err += t),
      };
      assert.equal(
        await runCommand(CRITICAL_PATH_COMMAND, ["--plan", file, "--format", "mermaid"], io, runCriticalPath),
        0,
      );
      assert.equal(box.out, picturesOf(plan).deploy);
      assert.equal(
        await runCommand(CRITICAL_PATH_COMMAND, ["--plan", file, "--format", "svg"], io, runCriticalPath),
        2,
      );
      assert.match(box.err, /--format: got "svg"; expected text, json or mermaid/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
