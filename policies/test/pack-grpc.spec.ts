import { strict as assert } from "node:assert";
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { cleanPlan } from "./plan-fixture";
import type { PlanResource } from "../lib/offline";

// The same gRPC/protobuf copies @pulumi/policy's server uses, so messages are compatible.
const fromPolicy = createRequire(require.resolve("@pulumi/policy"));
const grpc = fromPolicy("@grpc/grpc-js");
const pb = fromPolicy("@pulumi/pulumi/proto/analyzer_pb");
const { AnalyzerClient } = fromPolicy("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Struct } = fromPolicy("google-protobuf/google/protobuf/struct_pb");

const PACK_DIR = join(__dirname, "..");
/** The repository's TypeScript loader (transpile-only, cached), as the mocha workers use. */
const TS_REGISTER = join(__dirname, "..", "..", "tools", "ts-register.js");

/** Starts the real pack the way the Pulumi CLI does (it prints its port) and connects to it. */
async function startPack(): Promise<{ child: ChildProcess; client: any }> {
  const child = spawn(process.execPath, ["-r", TS_REGISTER, "index.ts"], {
    cwd: PACK_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await new Promise<string>((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    child.stdout!.once("data", (d) => resolve(String(d).trim()));
    child.once("exit", (code) => reject(new Error(`pack exited ${code}: ${err}`)));
  });
  return { child, client: new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) };
}

const call = (client: any, method: string, req: any): Promise<any> =>
  new Promise((resolve, reject) => client[method](req, (e: Error | null, res: any) => (e ? reject(e) : resolve(res))));

function options(): any {
  const o = new pb.AnalyzerResourceOptions();
  o.setProtect(false);
  return o;
}

/** Engine-style provider: nested config (defaultTags) arrives JSON-encoded. */
function providerOf(plan: PlanResource[], ref: string | null): any {
  const p = plan.find((r) => r.urn === ref);
  if (!p) return undefined;
  const msg = new pb.AnalyzerProviderResource();
  msg.setType(p.type);
  msg.setName(p.name);
  msg.setUrn(p.urn);
  const props = Object.fromEntries(
    Object.entries(p.inputs).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : v]),
  );
  msg.setProperties(Struct.fromJavaScript(props));
  return msg;
}

function stackRequest(plan: PlanResource[]): any {
  const req = new pb.AnalyzeStackRequest();
  req.setResourcesList(
    plan.map((r) => {
      const m = new pb.AnalyzerResource();
      m.setType(r.type);
      m.setName(r.name);
      m.setUrn(r.urn);
      m.setProperties(Struct.fromJavaScript(r.inputs));
      m.setOptions(options());
      const provider = providerOf(plan, r.provider);
      if (provider) m.setProvider(provider);
      m.setDependenciesList(r.dependencies);
      return m;
    }),
  );
  return req;
}

function resourceRequest(plan: PlanResource[], r: PlanResource): any {
  const req = new pb.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name);
  req.setUrn(r.urn);
  req.setProperties(Struct.fromJavaScript(r.inputs));
  req.setOptions(options());
  const provider = providerOf(plan, r.provider);
  if (provider) req.setProvider(provider);
  return req;
}

const diagnostics = (res: any) =>
  res.getDiagnosticsList().map((d: any) => ({
    policy: d.getPolicyname(),
    level: d.getEnforcementlevel(),
    urn: d.getUrn(),
    message: d.getMessage(),
  }));

describe("policies: the real pack over gRPC @integration", function () {
  this.timeout(60_000);
  let pack: { child: ChildProcess; client: any };
  before(async () => {
    pack = await startPack();
  });
  after(() => {
    pack?.client.close();
    pack?.child.kill();
  });

  it("accepts a clean plan resource by resource and as a stack", async () => {
    const plan = cleanPlan();
    for (const r of plan)
      assert.deepEqual(diagnostics(await call(pack.client, "analyze", resourceRequest(plan, r))), [], r.urn);
    assert.deepEqual(diagnostics(await call(pack.client, "analyzeStack", stackRequest(plan))), []);
  });

  it("reports a LoadBalancer Service as mandatory with the policy's message", async () => {
    const plan = cleanPlan();
    const service = plan.find((r) => r.type === "kubernetes:core/v1:Service")!;
    (service.inputs.spec as { type?: string }).type = "LoadBalancer";
    assert.deepEqual(diagnostics(await call(pack.client, "analyze", resourceRequest(plan, service))), [
      {
        policy: "k8s-no-external-service",
        level: pb.EnforcementLevel.MANDATORY,
        urn: "",
        message:
          "No Service of type LoadBalancer or NodePort; traffic enters through the managed ALB.\n" +
          "Service type LoadBalancer is not allowed; use ClusterIP behind the ALB TargetGroupBinding",
      },
    ]);
  });

  it("reports a bucket without public access block from the stack analysis", async () => {
    const plan = cleanPlan().filter((r) => r.name !== "alb-logs-pab");
    const found = diagnostics(await call(pack.client, "analyzeStack", stackRequest(plan)));
    assert.deepEqual(
      found.map((d: any) => [d.policy, d.level, d.urn]),
      [["aws-s3-public-access-block", pb.EnforcementLevel.MANDATORY, plan.find((r) => r.name === "alb-logs")!.urn]],
    );
  });

  it("applies the prod config file's levels after configure", async () => {
    const req = new pb.ConfigureAnalyzerRequest();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON fixture, read as the CLI would
    const config = require("../config/prod.json") as Record<string, Record<string, unknown>>;
    for (const [name, entry] of Object.entries(config)) {
      const { enforcementLevel, ...props } = entry;
      const pc = new pb.PolicyConfig();
      pc.setEnforcementlevel(
        enforcementLevel === "mandatory" ? pb.EnforcementLevel.MANDATORY : pb.EnforcementLevel.ADVISORY,
      );
      pc.setProperties(Struct.fromJavaScript(props));
      req.getPolicyconfigMap().set(name, pc);
    }
    await call(pack.client, "configure", req);
    const plan = cleanPlan("prod");
    const deployment = plan.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
    delete (deployment.inputs as any).spec.template.spec.containers[0].livenessProbe;
    const found = diagnostics(await call(pack.client, "analyze", resourceRequest(plan, deployment)));
    assert.deepEqual(
      found.map((d: any) => [d.policy, d.level]),
      [["k8s-probes", pb.EnforcementLevel.MANDATORY]],
    );
  });
});
