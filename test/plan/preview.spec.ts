import { strict as assert } from "assert";
import type { StackValidationPolicy } from "@pulumi/policy";
import { evaluatePolicies, type PlanResource, type Violation } from "../../policies/lib/offline";
import { guardUnknowns, known } from "../../policies/lib/policy";
import { CODEBUILD_PROJECT, eksDeployerPath } from "../../policies/aws/eks/eks-deployer-path";
import { PUBLIC_ACCESS_BLOCK, s3PublicAccessBlock } from "../../policies/aws/storage/s3-public-access-block";
import { estimateCost } from "../../tools/cost/estimate";
import { capacityView } from "../../tools/capacity/cli";
import { analyse } from "../../tools/critical-path-lib";
import type { Plan } from "../../tools/plan/model";
import { type PlanAnalysis, runAnalyses } from "../../tools/plan/analyses";
import { fixtureStack, planOf } from "../helpers/plan";

/**
 * Preview semantics: the program as `pulumi preview` of a fresh stack runs it (computed outputs unknown,
 * apply callbacks skipped), the pack under @pulumi/policy's preview rules. A preview may say "cannot
 * check until known" but never decides worse than the run with known values: each mandatory violation
 * of a preview is one the ordinary plan of the same stack has too.
 */
const key = (v: Violation) => `${v.policy} ${v.urn} ${v.message}`;
function decidedOnUnknowns(preview: Violation[], known: Violation[]): string[] {
  const ordinary = new Set(known.filter((v) => v.enforcementLevel === "mandatory").map(key));
  return preview.filter((v) => v.enforcementLevel === "mandatory" && !ordinary.has(key(v))).map(key);
}

async function plans(stack: string, configFile?: string): Promise<{ preview: Plan; ordinary: Plan }> {
  const [p, o] = await Promise.all([
    planOf(stack, { preview: true, configFile }),
    planOf(stack, { preview: false, configFile }),
  ]);
  assert.ok(p.ok && o.ok, "both plans build");
  return { preview: p.plan, ordinary: o.plan };
}

const STACKS: [string, string | undefined][] = [
  ["dev", undefined],
  ["prod", undefined],
  ["four-region", fixtureStack("four-region")],
];

for (const [stack, configFile] of STACKS)
  describe(`preview semantics: ${stack}`, function () {
    this.timeout(240_000);
    let preview: Plan;
    let ordinary: Plan;
    before(async () => ({ preview, ordinary } = await plans(stack, configFile)));

    it("runs the program with computed outputs unknown", () => {
      const unknown = preview.resources.filter((r) => JSON.stringify(r.inputs).includes('"[unknown]"'));
      assert.ok(unknown.length > 50, `${unknown.length} resources with unknown inputs`);
      assert.equal(preview.resources.length, ordinary.resources.length, "the same resources");
      if (configFile) assert.equal(new Set(preview.resources.map((r) => r.region).filter(Boolean)).size, 4);
    });

    it("the pack and the plan analyses decide nothing worse than with known values", () => {
      assert.deepEqual(decidedOnUnknowns(preview.violations, ordinary.violations), []);
    });

    it("capacity and critical-path read no computed value: the same report as with known values", () => {
      assert.deepEqual(capacityView(preview).checks, capacityView(ordinary).checks);
      assert.deepEqual(analyse(stack, preview.resources), analyse(stack, ordinary.resources));
    });

    it("cost prices what it can and says which resources wait for unknown values", () => {
      const [p, o] = [estimateCost(preview), estimateCost(ordinary)];
      const ordinaryItems = new Map(o.items.map((i) => [i.urn, i.monthly]));
      for (const i of p.items) assert.equal(i.monthly, ordinaryItems.get(i.urn), i.urn);
      const waiting = new Set(
        p.unpriced.filter((u) => u.reason.startsWith("cannot estimate until known: reads ")).map((u) => u.urn),
      );
      assert.ok(waiting.size > 0);
      // Every resource the ordinary plan prices is priced the same or waits: none is dropped silently.
      const priced = new Set(p.items.map((i) => i.urn));
      assert.deepEqual(
        o.items.filter((i) => !priced.has(i.urn) && !waiting.has(i.urn)).map((i) => i.urn),
        [],
      );
    });
  });

describe("preview semantics: the in-network deployer of prod", function () {
  this.timeout(240_000);
  let preview: Plan;
  let ordinary: Plan;
  before(async () => ({ preview, ordinary } = await plans("prod")));

  it("is planned with a vpcId unknown until the VPC exists, behind private-only endpoints", () => {
    // The deploy and prod-preview runners; Jenkins' heavy-build project runs outside the VPC.
    const runners = preview.resources.filter(
      (r) => r.type === CODEBUILD_PROJECT && /-cluster-(deployer|previewer)$/.test(r.name),
    );
    assert.deepEqual(
      runners.map((r) => [r.name, (r.inputs.vpcConfig as { vpcId?: unknown } | undefined)?.vpcId]),
      [
        ["us-east-1-cluster-deployer", "[unknown]"],
        ["us-east-1-cluster-previewer", "[unknown]"],
      ],
    );
    const clusters = preview.resources.filter((r) => r.type === "eks:index:Cluster");
    assert.deepEqual(
      clusters.map((c) => c.inputs.endpointPublicAccess),
      [false, false, false],
    );
    assert.deepEqual(
      preview.violations.filter((v) => v.policy === "aws-eks-deployer-path"),
      [],
    );
  });

  /** The deployer-path rule as it was: an unknown vpcId read as absent. */
  const readsUnknownAsAbsent = (): StackValidationPolicy => ({
    name: "planted-deployer-path",
    description: "reads an unknown vpcId as absent",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
      const runners = args.resources.filter(
        (r) => r.type === CODEBUILD_PROJECT && known(() => r.props.vpcConfig?.vpcId) !== undefined,
      );
      if (runners.length > 0) return;
      for (const c of args.resources.filter((r) => r.type === "eks:index:Cluster"))
        if (known(() => c.props.endpointPublicAccess) === false) report("no in-network deployer", c.urn);
    },
  });
  const evaluate = (plan: Plan, policy: StackValidationPolicy, isPreview: boolean) =>
    evaluatePolicies(plan.resources, { environment: "prod", policies: [policy], preview: isPreview });

  it("a planted policy that reads the unknown as absent is caught: three clusters reported in the preview only", () => {
    const planted = evaluate(preview, readsUnknownAsAbsent(), true);
    assert.equal(decidedOnUnknowns(planted, evaluate(ordinary, readsUnknownAsAbsent(), false)).length, 3);
  });

  it("under guardUnknowns (every policy of the pack) the same code cannot decide: one advisory, no verdict", () => {
    const guarded = evaluate(preview, guardUnknowns(readsUnknownAsAbsent()) as StackValidationPolicy, true);
    assert.deepEqual(
      guarded.map((v) => [
        v.enforcementLevel,
        v.message.startsWith("can't run policy 'planted-deployer-path' during preview: "),
      ]),
      [["advisory", true]],
    );
  });
});

describe("eks-deployer-path on unknown values", () => {
  const res = (type: string, name: string, inputs: Record<string, unknown>): PlanResource => ({
    urn: `urn:pulumi:prod::p::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region: "us-east-1",
    inputs,
    dependencies: [],
  });
  const cluster = res("eks:index:Cluster", "c", { name: "c", endpointPublicAccess: false });
  const run = (resources: PlanResource[]) =>
    evaluatePolicies(resources, { environment: "prod", policies: [eksDeployerPath()], preview: true }).map(
      (v) => `${v.enforcementLevel} ${v.message.slice(0, 40)}`,
    );

  it("counts a runner whose vpcId is unknown", () =>
    assert.deepEqual(run([cluster, res(CODEBUILD_PROJECT, "r", { vpcConfig: { vpcId: "[unknown]" } })]), []));
  it("reports a private cluster whose runner has no VPC", () =>
    assert.deepEqual(run([cluster, res(CODEBUILD_PROJECT, "r", {})]), [
      'mandatory EKS cluster "c" has a private-only endpo',
    ]));
  it("does not judge an endpoint setting that is unknown", () =>
    assert.deepEqual(run([res("eks:index:Cluster", "c", { endpointPublicAccess: "[unknown]" })]), []));
});

describe("plan analyses on unknown values", () => {
  const resource = (inputs: Record<string, unknown>): PlanResource => ({
    urn: "urn:pulumi:s::p::aws:ec2/subnet:Subnet::a",
    type: "aws:ec2/subnet:Subnet",
    name: "a",
    custom: true,
    parent: null,
    provider: null,
    region: "us-east-1",
    inputs,
    dependencies: [],
  });
  /** Reads vpcId and reports when it is not the one expected: an unknown vpcId is no VPC to it. */
  const planted: PlanAnalysis = {
    name: "planted",
    analyse: ({ resources }) => ({
      violations: resources
        .filter((r) => r.inputs.vpcId !== "vpc-1")
        .map((r) => ({ policy: "planted", enforcementLevel: "mandatory" as const, urn: r.urn, message: "wrong VPC" })),
    }),
  };
  const run = (inputs: Record<string, unknown>, preview: boolean) =>
    runAnalyses({ resources: [resource(inputs)], config: {} as never, preview }, [planted]).violations.map(
      (v) => `${v.enforcementLevel}: ${v.message}`,
    );

  it("a violation decided on an unknown value is an advisory that says it cannot check", () =>
    assert.deepEqual(run({ vpcId: "[unknown]" }, true), [
      "advisory: cannot check until known (the planted model read 1 unknown value, first a inputs.vpcId, in a preview): wrong VPC",
    ]));
  it("a violation on known values stays mandatory, in a preview too", () =>
    assert.deepEqual(run({ vpcId: "vpc-2" }, true), ["mandatory: wrong VPC"]));
});

describe("policies that decide on other evidence when a value is unknown", () => {
  const BUCKET = "aws:s3/bucket:Bucket";
  const res = (type: string, name: string, inputs: Record<string, unknown>, dependencies: string[] = []) => ({
    urn: `urn:pulumi:prod::p::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region: "us-east-1",
    inputs,
    dependencies,
  });
  const bucket = res(BUCKET, "logs", { bucket: "[unknown]" });
  const flags = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
  const run = (resources: PlanResource[]) =>
    evaluatePolicies(resources, {
      environment: "prod",
      policies: [guardUnknowns(s3PublicAccessBlock())],
      preview: true,
    }).map((v) => `${v.enforcementLevel} ${v.message}`);

  it("an S3 bucket whose name is unknown still finds its access block by dependency", () =>
    assert.deepEqual(
      run([bucket, res(PUBLIC_ACCESS_BLOCK, "pab", { bucket: "[unknown]", ...flags }, [bucket.urn])]),
      [],
    ));
  it("and is still reported, mandatory, when it has none", () =>
    assert.deepEqual(run([bucket]), ['mandatory S3 bucket "logs" has no BucketPublicAccessBlock']));
});
