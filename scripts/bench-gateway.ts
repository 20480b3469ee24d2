/**
 * Gateway benchmark on loopback: the rendered nginx.conf against a baseline built from seed 000's
 * nginx settings, both proxying to the same upstream, measured with wrk.
 *
 *   npm run bench:gateway
 *   env: BENCH_SECONDS=10 BENCH_CONNECTIONS=100 BENCH_MAX_CONNECTIONS=10000
 *        BENCH_UPSTREAM_KEEPALIVE=<n> overrides the plan's upstreamKeepalive (idle pool per worker)
 *
 * The upstream is a tiny nginx answering `return 200` (not a Node stub): a single-threaded Node
 * server saturates before either gateway does, which would hide the difference being measured.
 * Needs /usr/sbin/nginx and wrk (Debian: apt-get install -y nginx wrk).
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RunningNginx, freePort, makeNginxDir, requireNginx, startNginx } from "../test/helpers/nginx-harness";
import { renderedConf, seedBaselineConf, upstreamConf } from "./bench-gateway-conf";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const MAX_CONNECTIONS = Number(process.env.BENCH_MAX_CONNECTIONS ?? 10000);
const UPSTREAM_KEEPALIVE = process.env.BENCH_UPSTREAM_KEEPALIVE
  ? Number(process.env.BENCH_UPSTREAM_KEEPALIVE)
  : undefined;
const NOFILE = 65536;
const THREADS = Math.max(1, Math.min(4, os.cpus().length));

interface WrkResult {
  label: string;
  connections: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  requests: number;
  non2xx: number;
  socket: { connect: number; read: number; write: number; timeout: number };
  nofile: string;
  gatewayErrors: string;
}

function ms(value: string, unit: string): number {
  const n = Number(value);
  return unit === "us" ? n / 1000 : unit === "ms" ? n : unit === "s" ? n * 1000 : n * 60000;
}

function runWrk(url: string, connections: number, seconds: number): Promise<{ out: string; nofile: string }> {
  const threads = Math.min(THREADS, connections);
  // Raise the open-file limit for wrk only; fall back to the hard limit when not allowed.
  const script =
    `ulimit -n ${NOFILE} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; echo "nofile=$(ulimit -n)" >&2; ` +
    `exec wrk --latency --timeout 5s -t${threads} -c${connections} -d${seconds}s "$0"`;
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", script, url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`wrk exited with ${code}:\n${out}${err}`));
      else resolve({ out, nofile: /nofile=(\S+)/.exec(err)?.[1] ?? "?" });
    });
  });
}

function parseWrk(out: string): Omit<WrkResult, "label" | "connections" | "nofile" | "gatewayErrors"> {
  const pct = (p: number) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(out);
    return m ? ms(m[1], m[2]) : NaN;
  };
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    socket: sock
      ? { connect: Number(sock[1]), read: Number(sock[2]), write: Number(sock[3]), timeout: Number(sock[4]) }
      : { connect: 0, read: 0, write: 0, timeout: 0 },
  };
}

/** Alerts nginx logged during a run that explain failures (connection or fd exhaustion). */
function gatewayErrors(errorLog: string, fromByte: number): string {
  if (!fs.existsSync(errorLog)) return "";
  const text = fs.readFileSync(errorLog, "utf8").slice(fromByte);
  const counts: string[] = [];
  for (const [needle, name] of [
    ["worker_connections are not enough", "worker_connections exhausted"],
    ["Too many open files", "EMFILE"],
    ["connect() failed", "upstream connect failed"],
    ["upstream timed out", "upstream timeout"],
  ]) {
    const n = text.split(needle).length - 1;
    if (n > 0) counts.push(`${name} x${n}`);
  }
  return counts.join(", ");
}

async function measure(
  label: string,
  port: number,
  urlPath: string,
  connections: number,
  errorLog: string,
): Promise<WrkResult> {
  const url = `http://127.0.0.1:${port}${urlPath}`;
  await runWrk(url, Math.min(connections, 50), 2); // warm-up: worker caches, upstream keep-alive pool
  const from = fs.existsSync(errorLog) ? fs.statSync(errorLog).size : 0;
  const { out, nofile } = await runWrk(url, connections, SECONDS);
  const result = { label, connections, nofile, gatewayErrors: gatewayErrors(errorLog, from), ...parseWrk(out) };
  process.stderr.write(`  done: ${label} c=${connections} ${result.rps.toFixed(0)} req/s\n`);
  return result;
}

function table(results: WrkResult[], ratios: string[]): string {
  const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
  const head = [
    "run",
    "conns",
    "req/s",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "requests",
    "non-2xx",
    "sock err c/r/w/t",
    "nofile",
  ];
  const rows = results.map((r) => [
    r.label,
    String(r.connections),
    fmt(r.rps, 0),
    fmt(r.p50),
    fmt(r.p90),
    fmt(r.p99),
    String(r.requests),
    String(r.non2xx),
    `${r.socket.connect}/${r.socket.read}/${r.socket.write}/${r.socket.timeout}`,
    r.nofile,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const notes = results
    .filter((r) => r.gatewayErrors)
    .map((r) => `  ${r.label} c=${r.connections}: nginx logged ${r.gatewayErrors}`);
  return [
    line(head),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    "",
    ...ratios,
    ...(notes.length ? ["", ...notes] : []),
  ].join("\n");
}

async function main(): Promise<void> {
  requireNginx();
  if (spawnSync("wrk", ["--version"]).error)
    throw new Error("wrk not found on PATH; install it (Debian: apt-get install -y wrk)");
  const running: RunningNginx[] = [];
  const dirs: string[] = [];
  const cleanup = async () => {
    for (const n of running.reverse()) await n.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    const upDir = makeNginxDir("bench-upstream-");
    const baseDir = makeNginxDir("bench-baseline-");
    const gwDir = makeNginxDir("bench-rendered-");
    dirs.push(upDir, baseDir, gwDir);
    const [upPort, basePort, gwPort, statusPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    running.push(await startNginx(upstreamConf(upPort, upDir, NOFILE), upDir, upPort, { nofile: NOFILE }));
    running.push(await startNginx(seedBaselineConf(basePort, upPort, baseDir), baseDir, basePort, { nofile: NOFILE }));
    running.push(
      await startNginx(renderedConf(gwPort, statusPort, upPort, gwDir, UPSTREAM_KEEPALIVE), gwDir, gwPort, {
        nofile: NOFILE,
      }),
    );

    console.log(
      `gateway bench: ${SECONDS}s per run, wrk -t${THREADS}, ${os.cpus().length} CPUs shared by wrk, gateway and upstream; loopback only\n` +
        `upstream: nginx 'return 200' on 127.0.0.1:${upPort}; route GET /api/v1/users/bench (proxy)` +
        `${UPSTREAM_KEEPALIVE === undefined ? "" : `; rendered upstreamKeepalive=${UPSTREAM_KEEPALIVE}`}\n`,
    );
    const baseLog = path.join(baseDir, "error.log");
    const gwLog = path.join(gwDir, "error.log");
    const base = await measure("seed-000 baseline", basePort, "/api/v1/users/bench", CONNECTIONS, baseLog);
    const gw = await measure("rendered", gwPort, "/api/v1/users/bench", CONNECTIONS, gwLog);
    const cached = await measure("rendered, cached route", gwPort, "/api/v1/activities/bench", CONNECTIONS, gwLog);
    const baseMax = await measure("seed-000 baseline", basePort, "/api/v1/users/bench", MAX_CONNECTIONS, baseLog);
    const gwMax = await measure("rendered", gwPort, "/api/v1/users/bench", MAX_CONNECTIONS, gwLog);
    const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : "n/a");
    console.log(
      table(
        [base, gw, cached, baseMax, gwMax],
        [
          `rendered / baseline at c=${CONNECTIONS}: req/s ${ratio(gw.rps, base.rps)}, p50 ${ratio(gw.p50, base.p50)}, p90 ${ratio(gw.p90, base.p90)}, p99 ${ratio(gw.p99, base.p99)}`,
          `rendered / baseline at c=${MAX_CONNECTIONS}: req/s ${ratio(gwMax.rps, baseMax.rps)}, p99 ${ratio(gwMax.p99, baseMax.p99)}`,
          `  (req/s counts completed requests; latency covers only connections a gateway accepted, and read`,
          `   errors are connections it reset, so a gateway that drops clients can show lower latency)`,
        ],
      ),
    );
  } finally {
    await cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
