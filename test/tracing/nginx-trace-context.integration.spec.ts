import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { SEED_GATEWAY_SERVICES, defaultGatewayPlan, renderNginxConf } from "../../components/workloads/nginx";
import {
  type RunningNginx,
  type Stub,
  freePort,
  makeNginxDir,
  request,
  requireNginx,
  startNginx,
  startStub,
} from "../helpers/nginx-harness";

/** W3C Trace Context example values (https://www.w3.org/TR/trace-context/, sections 3.2 and 3.3). */
const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
const TRACESTATE = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";

describe("trace context through the gateway with the real nginx @integration", function () {
  this.timeout(60_000);
  let nginx: RunningNginx;
  let stub: Stub;
  let port: number;
  let dir: string;
  before(async () => {
    requireNginx();
    stub = await startStub("frontend");
    dir = makeNginxDir("gateway-trace-");
    port = await freePort();
    const services = [{ ...SEED_GATEWAY_SERVICES[0], host: "127.0.0.1", port: stub.port, routes: ["/"] }];
    const plan = defaultGatewayPlan(services, {
      listenAddress: "127.0.0.1",
      listenPort: port,
      statusPort: await freePort(),
      runDir: dir,
      cache: { path: path.join(dir, "cache"), zoneSize: "1m", maxSize: "10m", ttlSeconds: 60 },
      accessLogPath: "off",
      accessLogBuffer: null,
      errorLogPath: path.join(dir, "error.log"),
    });
    nginx = await startNginx(renderNginxConf(plan), dir, port);
  });
  after(async () => {
    await nginx?.stop();
    await stub?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("passes traceparent and tracestate to the upstream unchanged, so the waypoint joins the caller's trace", async () => {
    await request(port, "/page", { headers: { traceparent: TRACEPARENT, tracestate: TRACESTATE } });
    const seen = stub.requests.at(-1)!.headers;
    assert.strictEqual(seen.traceparent, TRACEPARENT);
    assert.strictEqual(seen.tracestate, TRACESTATE);
  });

  it("invents no trace context when the client sent none (the waypoint starts the trace)", async () => {
    await request(port, "/other");
    const seen = stub.requests.at(-1)!.headers;
    assert.strictEqual(seen.traceparent, undefined);
    assert.strictEqual(seen.tracestate, undefined);
  });

  it("strips neither header by default", () => {
    const strip = defaultGatewayPlan().stripRequestHeaders.map((h) => h.toLowerCase());
    assert.ok(!strip.includes("traceparent") && !strip.includes("tracestate"));
  });
});
