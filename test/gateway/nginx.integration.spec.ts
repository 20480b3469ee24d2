import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { SEED_GATEWAY_SERVICES, defaultGatewayPlan, renderNginxConf } from "../../components/workloads/nginx";
import {
  RunningNginx,
  Stub,
  freePort,
  makeNginxDir,
  request,
  requireNginx,
  startNginx,
  startStub,
  testNginxConf,
} from "../helpers/nginx-harness";

const DAY = 86400;

/** Seconds between an HTTP Expires header and now. */
function expiresIn(header: string | string[] | undefined): number {
  assert.ok(typeof header === "string", `Expires header missing: ${String(header)}`);
  return (Date.parse(header) - Date.now()) / 1000;
}

describe("gateway nginx with the real binary @integration", function () {
  this.timeout(60_000);
  const stubs = new Map<string, Stub>();
  let nginx: RunningNginx | undefined;
  let dir = "";
  let port = 0;
  let statusPort = 0;
  /** A port nothing listens on: the upstream of DEAD_ROUTE. */
  let deadPort = 0;
  const DEAD_ROUTE = "/api/v1/dead/";

  before(async () => {
    requireNginx();
    for (const s of SEED_GATEWAY_SERVICES) stubs.set(s.name, await startStub(s.name));
    dir = makeNginxDir();
    port = await freePort();
    statusPort = await freePort();
    deadPort = await freePort();
    const services = [
      ...SEED_GATEWAY_SERVICES.map((s) => ({ ...s, host: "127.0.0.1", port: stubs.get(s.name)!.port })),
      { name: "dead-service", host: "127.0.0.1", port: deadPort, routes: [DEAD_ROUTE] },
    ];
    const plan = defaultGatewayPlan(services, {
      listenAddress: "127.0.0.1",
      listenPort: port,
      statusPort,
      runDir: dir,
      cache: { path: path.join(dir, "cache"), zoneSize: "1m", maxSize: "100m", ttlSeconds: 300 },
      accessLogPath: path.join(dir, "access.log"),
      accessLogBuffer: null,
      errorLogPath: path.join(dir, "error.log"),
    });
    nginx = await startNginx(renderNginxConf(plan), dir, port);
  });

  after(async () => {
    await nginx?.stop();
    await Promise.all([...stubs.values()].map((s) => s.close()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const hits = () => [...stubs.values()].reduce((n, s) => n + s.requests.length, 0);

  it("passes nginx -t", () => {
    const check = testNginxConf(path.join(dir, "nginx.conf"), dir);
    assert.strictEqual(check.status, 0, check.output);
    assert.match(check.output, /test is successful/);
  });

  const routing: [string, string][] = [
    ["/", "frontend"],
    ["/events/42", "frontend"],
    ["/api/v1/users/42", "user-service"],
    ["/api/v1/users/export.js", "user-service"],
    ["/media/avatars/a.png", "user-service"],
    ["/api/v1/activities/route-check", "activity-service"],
    ["/media/activities/p.jpg", "activity-service"],
    ["/api/v1/notifications/7", "notification-service"],
    ["/static/app.js", "frontend"],
  ];
  for (const [urlPath, upstream] of routing) {
    it(`routes ${urlPath} to ${upstream} with the original URI`, async () => {
      const reply = await request(port, urlPath);
      assert.strictEqual(reply.status, 200);
      assert.strictEqual(reply.headers["x-upstream"], upstream);
      assert.strictEqual(JSON.parse(reply.body.toString()).path, urlPath);
      assert.strictEqual(reply.headers.server, "nginx", "server_tokens off hides the version");
    });
  }

  it("forwards client address and scheme, and reuses upstream connections", async () => {
    const stub = stubs.get("notification-service")!;
    for (let i = 0; i < 10; i++) {
      await request(port, `/api/v1/notifications/seq-${i}`, { headers: { "X-Forwarded-Proto": "https" } });
    }
    const seen = stub.requests.filter((r) => r.url.startsWith("/api/v1/notifications/seq-"));
    assert.strictEqual(seen.length, 10);
    const h = seen[9].headers;
    assert.deepStrictEqual(
      [h["x-real-ip"], h["x-forwarded-for"], h["x-forwarded-proto"], h["accept-encoding"], h.connection],
      ["127.0.0.1", "127.0.0.1", "https", undefined, undefined],
    );
    // Upstream keep-alive: one pooled connection per worker at most, not one per request.
    const connections = new Set(seen.map((r) => r.remotePort)).size;
    assert.ok(connections <= os.cpus().length, `10 requests used ${connections} upstream connections`);
  });

  it("marks media public, immutable for 30 days", async () => {
    const reply = await request(port, "/media/activities/banner.webp");
    assert.strictEqual(reply.headers["x-upstream"], "activity-service");
    assert.match(String(reply.headers["cache-control"]), /public, immutable/);
    assert.match(String(reply.headers["cache-control"]), /max-age=2592000/);
    assert.ok(Math.abs(expiresIn(reply.headers.expires) - 30 * DAY) < 120, `Expires ${reply.headers.expires}`);
  });

  it("gives front-end static assets a one-year expiry", async () => {
    const reply = await request(port, "/assets/site.css");
    assert.strictEqual(reply.headers["x-upstream"], "frontend");
    assert.match(String(reply.headers["cache-control"]), /max-age=31536000/);
    assert.ok(Math.abs(expiresIn(reply.headers.expires) - 365 * DAY) < 120, `Expires ${reply.headers.expires}`);
  });

  it("gzips JSON only for clients that accept it", async () => {
    const zipped = await request(port, "/api/v1/users/me", { headers: { "Accept-Encoding": "gzip" } });
    assert.strictEqual(zipped.headers["content-encoding"], "gzip");
    assert.strictEqual(zipped.headers.vary, "Accept-Encoding");
    assert.strictEqual(JSON.parse(zlib.gunzipSync(zipped.body).toString()).upstream, "user-service");
    const plain = await request(port, "/api/v1/users/me");
    assert.strictEqual(plain.headers["content-encoding"], undefined);
    assert.strictEqual(JSON.parse(plain.body.toString()).upstream, "user-service");
  });

  it("caches the activities API: MISS then HIT with one upstream request", async () => {
    const stub = stubs.get("activity-service")!;
    const count = () => stub.requests.filter((r) => r.url === "/api/v1/activities/x").length;
    const first = await request(port, "/api/v1/activities/x");
    const second = await request(port, "/api/v1/activities/x");
    assert.deepStrictEqual(
      [first.status, first.headers["x-cache-status"], second.status, second.headers["x-cache-status"]],
      [200, "MISS", 200, "HIT"],
    );
    assert.strictEqual(JSON.parse(second.body.toString()).path, "/api/v1/activities/x");
    assert.strictEqual(count(), 1);
    // A request with credentials never reads the shared cache.
    const private_ = await request(port, "/api/v1/activities/x", { headers: { Authorization: "Bearer t" } });
    assert.strictEqual(private_.headers["x-cache-status"], "BYPASS");
    assert.strictEqual(count(), 2);
  });

  it("answers /health itself without touching upstreams", async () => {
    const before = hits();
    const reply = await request(port, "/health");
    assert.deepStrictEqual(
      [reply.status, reply.body.toString(), reply.headers["content-type"]],
      [200, "ok\n", "text/plain"],
    );
    assert.strictEqual(hits(), before);
  });

  it("refuses a 60MB body with 413 and passes a 2MB one through the temp path", async () => {
    const before = hits();
    const big = await request(port, "/api/v1/users/upload", { method: "POST", body: Buffer.alloc(60 * 1024 * 1024) });
    assert.strictEqual(big.status, 413);
    assert.strictEqual(hits(), before);
    const ok = await request(port, "/api/v1/users/upload", { method: "POST", body: Buffer.alloc(2 * 1024 * 1024) });
    assert.strictEqual(ok.status, 200);
    assert.strictEqual(JSON.parse(ok.body.toString()).bodyBytes, 2 * 1024 * 1024);
  });

  it("serves stub_status on the loopback status port", async () => {
    const reply = await request(statusPort, "/stub_status");
    assert.strictEqual(reply.status, 200);
    assert.match(
      reply.body.toString(),
      /^Active connections: \d+ \nserver accepts handled requests\n \d+ \d+ \d+ \nReading: \d+ Writing: \d+ Waiting: \d+ \n$/,
    );
    assert.strictEqual((await request(statusPort, "/")).status, 404);
  });

  it("keeps sending to a dead single-server upstream: max_fails could never eject it", async () => {
    // Why the gateway renders no least_conn / max_fails: with one server per upstream nginx
    // never marks it unavailable, so all 8 requests try the dead address (8 connect errors,
    // never "no live upstreams"). Per-pod ejection is the mesh waypoint's job.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await request(port, `${DEAD_ROUTE}${i}`)).status);
    assert.deepStrictEqual(statuses, Array(8).fill(502));
    const errors = fs.readFileSync(path.join(dir, "error.log"), "utf8");
    const refused = errors.split("\n").filter((l) => l.includes("connect() failed") && l.includes(`:${deadPort}`));
    assert.strictEqual(refused.length, 8, errors);
    assert.doesNotMatch(errors, /no live upstreams/);
  });

  it("logs requests in the seed's main format with upstream timings", () => {
    const log = fs.readFileSync(path.join(dir, "access.log"), "utf8");
    const line = log.split("\n").find((l) => l.includes('"GET /api/v1/users/42 HTTP/1.1" 200'));
    assert.ok(line, `no access-log line for /api/v1/users/42 in:\n${log}`);
    assert.match(line, /rt=\d+\.\d{3} uct="\d+\.\d{3}" uht="\d+\.\d{3}" urt="\d+\.\d{3}"$/);
  });
});
