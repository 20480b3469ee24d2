/**
 * Runs the real nginx binary against a rendered config, plus small Node upstream stubs, for the
 * gateway integration test and the benchmark. Everything listens on 127.0.0.1 only.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";

export const NGINX_BIN = "/usr/sbin/nginx";

/** Throws (never skips) when nginx is missing: CI installs it, so absence is a broken setup. */
export function requireNginx(): string {
  if (!fs.existsSync(NGINX_BIN)) {
    throw new Error(
      `nginx not found at ${NGINX_BIN}; install it (Debian: apt-get install -y nginx). The gateway integration test needs the real binary.`,
    );
  }
  return NGINX_BIN;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A temp directory nginx workers can traverse: as root, workers drop to `nobody`. */
export function makeNginxDir(prefix = "gateway-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export interface StubRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  bodyBytes: number;
  /** Client port of the connection, to tell reused upstream connections from new ones. */
  remotePort: number;
}

export interface Stub {
  name: string;
  port: number;
  requests: StubRequest[];
  close(): Promise<void>;
}

/**
 * Upstream stub: answers every request with `X-Upstream: <name>` and a JSON body naming itself,
 * echoing the path and the request body size. The body is padded past gzip_min_length.
 */
export async function startStub(name: string): Promise<Stub> {
  const requests: StubRequest[] = [];
  const server = http.createServer((req, res) => {
    let bodyBytes = 0;
    req.on("data", (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        bodyBytes,
        remotePort: req.socket.remotePort ?? 0,
      });
      const body = JSON.stringify({ upstream: name, path: req.url, bodyBytes, padding: "x".repeat(2048) });
      res.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(body),
        "X-Upstream": name,
      });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 75_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    name,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RunningNginx {
  process: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

/** `nginx -t` on a config file; returns the exit status and output. */
export function testNginxConf(confPath: string, prefix: string): { status: number | null; output: string } {
  const r = spawnSync(requireNginx(), ["-t", "-e", "stderr", "-c", confPath, "-p", prefix], { encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode} before listening:\n${stderr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`nginx did not listen on 127.0.0.1:${port} within ${timeoutMs}ms:\n${stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Writes `conf` to dir/nginx.conf, checks it with `nginx -t`, starts nginx in the foreground and
 * waits until `port` accepts connections. `shell` wraps the start (e.g. to raise `ulimit -n`).
 */
export async function startNginx(
  conf: string,
  dir: string,
  port: number,
  opts: { nofile?: number } = {},
): Promise<RunningNginx> {
  const bin = requireNginx();
  const confPath = path.join(dir, "nginx.conf");
  fs.writeFileSync(confPath, conf);
  const check = testNginxConf(confPath, dir);
  if (check.status !== 0) throw new Error(`nginx -t rejected ${confPath}:\n${check.output}`);
  const args = ["-e", "stderr", "-c", confPath, "-p", dir, "-g", "daemon off;"];
  const child = opts.nofile
    ? spawn("sh", ["-c", `ulimit -n ${opts.nofile} 2>/dev/null || true; exec "$0" "$@"`, bin, ...args], {
        stdio: ["ignore", "ignore", "pipe"],
      })
    : spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const stderr = () => err;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await waitForPort(port, child, stderr);
  } catch (e) {
    child.kill("SIGTERM");
    await exited;
    throw e;
  }
  return {
    process: child,
    stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP request on a fresh connection (no agent), resolving with the full reply. */
export function request(
  port: number,
  urlPath: string,
  opts: { method?: string; headers?: http.OutgoingHttpHeaders; body?: Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let replied = false;
    const req = http.request(
      { host: "127.0.0.1", port, path: urlPath, method: opts.method ?? "GET", headers: opts.headers, agent: false },
      (res) => {
        replied = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    // nginx answers 413 before reading a too-large body and may close while we still write it.
    req.on("error", (e) => {
      if (!replied) reject(e);
    });
    req.end(opts.body);
  });
}
