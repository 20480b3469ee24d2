import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { CALL_RESULTS, mockState } from "./mock-state";
import { toPlain } from "./serialize";
import { type AliasSpec, engineUrn, resolveAliases } from "./aliases";
// One resource of plan.json: the contract is defined once, beside the policy evaluator that reads it.
import type { PlanResource, PlanResourceOptions } from "../../policies/lib/offline";

export type { PlanResource };

export interface ProgramRun {
  resources: PlanResource[];
  outputs: Record<string, unknown>;
}

export interface RunOptions {
  project: string;
  stack: string;
  /** Flat Pulumi config map: `platform:regions` -> JSON text. */
  config: Record<string, string>;
  secretKeys?: string[];
  /** The program: a function returning the stack outputs (e.g. requiring index.ts). */
  program: () => unknown;
  /**
   * Run as `pulumi preview` of a fresh stack sees it: the engine in dry-run mode answers a create with
   * its inputs only, so every computed output (ids, ARNs, endpoints) is unknown and `apply` callbacks on
   * them do not run.
   */
  preview?: boolean;
}

const providerUrn = (ref: string): string | null => (ref ? ref.slice(0, ref.lastIndexOf("::")) : null);

/**
 * Run a Pulumi program on the mock engine and record every registration:
 * inputs (secrets masked), parent, provider, dependencies, and the region of
 * the AWS provider each resource is bound to.
 */
export function runProgram(opts: RunOptions): Promise<ProgramRun> {
  // The Pulumi runtime is process-global: runs must not interleave.
  const run = queue.then(() => runOnce(opts));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * The SDK stamps a stack trace on every promise it makes (runtime/debuggable.js, for its leak report) and
 * every resource (its source position): thousands per plan, a third of a plan's CPU, and the mock engine
 * reads none of them. The run keeps V8 from collecting them; PLATFORM_STACKS=1 keeps them, e.g. to read
 * where a crash inside the program came from.
 */
async function runOnce(opts: RunOptions): Promise<ProgramRun> {
  const limit = Error.stackTraceLimit;
  if (!process.env.PLATFORM_STACKS) Error.stackTraceLimit = 0;
  try {
    return await record(opts);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

async function record(opts: RunOptions): Promise<ProgramRun> {
  const resources: PlanResource[] = [];
  const providerRegion = new Map<string, string>();
  const regionByName = new Map<string, string>();
  let stackOutputs: unknown = {};

  pulumi.runtime.setAllConfig(opts.config, opts.secretKeys ?? []);
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        // Components (e.g. the remote eks:index:Cluster) carry their provider in a map, not here.
        const region =
          (args.provider ? providerRegion.get(providerUrn(args.provider) ?? "") : undefined) ??
          regionByName.get(`${args.type}::${args.name}`) ??
          null;
        return opts.preview ? { id: undefined, state: args.inputs } : mockState(args, region);
      },
      call: (args) => CALL_RESULTS[args.token]?.(args) ?? {},
    },
    opts.project,
    opts.stack,
    opts.preview ?? false,
  );

  type Req = {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getProvider(): string;
    getProvidersMap(): { toObject(): [string, string][] };
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
    getObject(): { toJavaScript(): unknown };
    getProtect(): boolean | undefined;
    getRetainondelete(): boolean | undefined;
    getIgnorechangesList(): string[];
    getDeletebeforereplace(): boolean;
    getReplaceonchangesList(): string[];
    getAliasesList(): AliasMessage[];
  };
  const monitor = settings.getMonitor() as unknown as {
    newUrn(parent: string, type: string, name: string): string;
    registerResource(req: Req, cb: unknown): unknown;
    registerResourceOutputs(req: { getUrn(): string; getOutputs(): { toJavaScript(): unknown } }, cb: unknown): unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  const scope = { stack: opts.stack, project: opts.project };
  // Per plan URN: the engine's URN, the resolved aliases and the name (aliases of children derive from them).
  const engine = new Map<string, { urn: string; aliases: string[]; name: string }>();
  monitor.registerResource = (req, cb) => {
    const type = req.getType();
    const urn = monitor.newUrn(req.getParent(), type, req.getName());
    const inputs = toPlain(req.getObject().toJavaScript()) as Record<string, unknown>;
    const providers = new Map(req.getProvidersMap().toObject());
    const provider =
      providerUrn(req.getProvider()) ?? providerUrn(providers.get("aws") ?? [...providers.values()][0] ?? "");
    if (type === "pulumi:providers:aws" && typeof inputs.region === "string") providerRegion.set(urn, inputs.region);
    const explicit = new Set(req.getDependenciesList());
    const deps = new Set(explicit);
    req.getPropertydependenciesMap().forEach((v) =>
      v.getUrnsList().forEach((u) => {
        deps.add(u);
        explicit.delete(u);
      }),
    );
    const parent = req.getParent() ? engine.get(req.getParent()) : undefined;
    const self = engineUrn(scope, parent?.urn ?? null, type, req.getName());
    const aliases = resolveAliases(
      scope,
      {
        type,
        name: req.getName(),
        parent: parent?.urn ?? null,
        parentName: parent?.name ?? null,
        parentAliases: parent?.aliases ?? [],
      },
      req.getAliasesList().map(aliasSpec),
      (u) => engine.get(u)?.urn ?? u,
    ).filter((a) => a !== self);
    engine.set(urn, { urn: self, aliases, name: req.getName() });
    const region = provider ? (providerRegion.get(provider) ?? null) : null;
    if (region) regionByName.set(`${type}::${req.getName()}`, region);
    resources.push({
      urn,
      type,
      name: req.getName(),
      custom: req.getCustom(),
      parent: req.getParent() || null,
      provider,
      region,
      inputs: type.startsWith("pulumi:providers:") ? decodeProviderInputs(inputs) : inputs,
      dependencies: [...deps].filter((d) => d !== ""),
      options: {
        ...optionsOf(req),
        aliases,
        dependsOn: [...explicit].filter((d) => d !== ""),
      },
    });
    return register(req, cb);
  };
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    if (req.getUrn().includes("::pulumi:pulumi:Stack::")) stackOutputs = toPlain(req.getOutputs().toJavaScript());
    return registerOutputs(req, cb);
  };

  await runInPulumiStack(async () => opts.program());
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return { resources, outputs: (stackOutputs ?? {}) as Record<string, unknown> };
}

interface AliasMessage {
  hasUrn(): boolean;
  getUrn(): string;
  getSpec():
    | {
        getName(): string;
        getType(): string;
        getStack(): string;
        getProject(): string;
        hasParenturn(): boolean;
        getParenturn(): string;
        getNoparent(): boolean;
      }
    | undefined;
}

/** One alias of the request as the SDK sent it: a URN or a structured spec (empty fields: the resource's own). */
function aliasSpec(a: AliasMessage): AliasSpec {
  if (a.hasUrn()) return { urn: a.getUrn() };
  const s = a.getSpec()!;
  return {
    name: s.getName(),
    type: s.getType(),
    stack: s.getStack(),
    project: s.getProject(),
    ...(s.hasParenturn() ? { parentUrn: s.getParenturn() } : {}),
    noParent: s.getNoparent(),
  };
}

/** The options as registered; the SDK has already applied inheritance (e.g. protect from the parent). */
function optionsOf(req: {
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getIgnorechangesList(): string[];
  getDeletebeforereplace(): boolean;
  getReplaceonchangesList(): string[];
}): Omit<PlanResourceOptions, "aliases" | "dependsOn"> {
  return {
    protect: req.getProtect() ?? false,
    retainOnDelete: req.getRetainondelete() ?? false,
    ignoreChanges: [...req.getIgnorechangesList()],
    deleteBeforeReplace: req.getDeletebeforereplace(),
    replaceOnChanges: [...req.getReplaceonchangesList()],
  };
}

/** Provider inputs travel JSON-encoded; decode them so policies read objects. */
function decodeProviderInputs(inputs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (typeof v === "string" && /^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        /* keep as text */
      }
    }
    out[k] = v;
  }
  return out;
}
