import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { SEED_GATEWAY_SERVICES, defaultGatewayPlan, renderNginxConf } from "../../components/workloads/nginx";
import { validateGatewayPlan } from "../../components/workloads/nginx-validate";
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

/** The header CloudFront adds and the ALB demands (components/edge/names.ts; README security). */
const ORIGIN_VERIFY = "X-Origin-Verify";

/** Starts the gateway in front of one stub for "/" with the given headers stripped. */
async function gateway(strip: string[]): Promise<{ nginx: RunningNginx; stub: Stub; port: number; dir: string }> {
  const stub = await startStub("frontend");
  const dir = makeNginxDir("gateway-headers-");
  const port = await freePort();
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
    stripRequestHeaders: strip,
  });
  return { nginx: await startNginx(renderNginxConf(plan), dir, port), stub, port, dir };
}

describe("gateway request headers with the real nginx @integration", function () {
  this.timeout(60_000);
  const running: { nginx: RunningNginx; stub: Stub; dir: string }[] = [];
  before(() => requireNginx());
  after(async () => {
    for (const r of running) {
      await r.nginx.stop();
      await r.stub.close();
      fs.rmSync(r.dir, { recursive: true, force: true });
    }
  });

  const send = async (strip: string[]) => {
    const g = await gateway(strip);
    running.push(g);
    await request(g.port, "/page", {
      headers: {
        Host: "origin.example.com",
        [ORIGIN_VERIFY]: "s3cret-from-cloudfront",
        "X-Forwarded-Host": "evil.example",
      },
    });
    assert.strictEqual(g.stub.requests.length, 1);
    return g.stub.requests[0].headers;
  };

  it("by default drops the origin-verify secret and sets X-Forwarded-Host to the host it routed on", async () => {
    const h = await send(defaultGatewayPlan().stripRequestHeaders);
    assert.strictEqual(h["x-origin-verify"], undefined);
    assert.strictEqual(h["x-forwarded-host"], "origin.example.com");
  });

  it("passes the secret through when nothing is stripped (the check above can fail)", async () => {
    const h = await send([]);
    assert.strictEqual(h["x-origin-verify"], "s3cret-from-cloudfront");
    assert.strictEqual(
      h["x-forwarded-host"],
      "origin.example.com",
      "a client's X-Forwarded-Host never reaches a service",
    );
  });

  it("refuses a header name that is not an HTTP token, naming the field", () => {
    const issues = validateGatewayPlan({ ...defaultGatewayPlan(), stripRequestHeaders: ['X-A "b"'] });
    assert.deepStrictEqual(issues, [
      'stripRequestHeaders[0]: got "X-A \\"b\\""; expected an HTTP header name (RFC 9110 token)',
    ]);
  });
});
