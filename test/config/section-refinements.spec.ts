import { strict as assert } from "assert";
import type { z } from "zod";
import { projectNameSchema, tagsSchema } from "../../components/config/sections/core";
import { batchSchema } from "../../components/config/sections/batch";
import { jenkinsRunsIn, jenkinsSchema } from "../../components/config/sections/jenkins";
import { karpenterSchema } from "../../components/config/sections/karpenter";
import {
  demandSchema,
  availabilitySchema,
  resolveAvailability,
  resolveDemand,
} from "../../components/config/sections/demand";
import { retentionHours } from "../../components/config/sections/tracing";

/** What a section reports for a value: "path: message" per problem, [] when it parses. */
const problems = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

/**
 * Within-section rules (zod refinements) at their boundaries: a Job's parallelism at most its
 * completions, limits at least requests, one Fargate pod's size (4 vCPU, 30 GiB less 0.25 GiB for
 * Kubernetes components, components/batch/fargate.ts); Jenkins agents' range and namespaces; AWS
 * tag rules naming the key; physical-name prefixes of at most 20 characters starting with a letter;
 * seed 002's demand model (100 M users, 10 % daily active, 100 requests a day, peak 3x average).
 */
describe("section refinements at their boundaries", () => {
  it("batch: parallelism at most completions; limits at least requests; one Fargate pod", () => {
    assert.deepEqual(problems(batchSchema, { parallelism: 5, completions: 5 }), []);
    assert.deepEqual(problems(batchSchema, { parallelism: 6, completions: 5 }), [
      "parallelism: at most completions (5): more pods at once than the Job ever needs",
    ]);
    assert.deepEqual(
      problems(batchSchema, { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } }),
      [],
    );
    assert.deepEqual(
      problems(batchSchema, { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "999m", memory: "2047Mi" } }),
      ["limits.cpu: at least requests.cpu (1)", "limits.memory: at least requests.memory (2Gi)"],
    );
    const big = { requests: { cpu: "5", memory: "2Gi" }, limits: { cpu: "5", memory: "2Gi" } };
    assert.deepEqual(problems(batchSchema, big), [
      "requests: requests that fit one Fargate pod with its 0.25 GiB for Kubernetes components: at most 4 vCPU and 29.75 GiB",
    ]);
    assert.deepEqual(
      problems(batchSchema, { requests: { cpu: "4", memory: "8Gi" }, limits: { cpu: "4", memory: "8Gi" } }),
      [],
    );
  });

  it("Jenkins: agents' range, separate namespaces, limits at least requests; where it runs", () => {
    assert.deepEqual(problems(jenkinsSchema, { agents: { minReplicas: 4, maxReplicas: 4 } }), []);
    assert.deepEqual(problems(jenkinsSchema, { agents: { minReplicas: 5, maxReplicas: 4 } }), [
      "agents.minReplicas: at most agents.maxReplicas (4)",
    ]);
    assert.deepEqual(problems(jenkinsSchema, { namespace: "ci", agentsNamespace: "ci" }), [
      'agentsNamespace: a namespace other than namespace ("ci"): agents run apart from the controller',
    ]);
    assert.deepEqual(problems(jenkinsSchema, { controller: { limits: { cpu: "500m", memory: "4Gi" } } }), [
      "controller.limits.cpu: at least controller.requests.cpu (1)",
    ]);
    assert.deepEqual(
      problems(jenkinsSchema, {
        agents: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "1", memory: "1Gi" } },
      }),
      ["agents.limits.memory: at least agents.requests.memory (2Gi)"],
    );
    assert.equal(jenkinsRunsIn({ enabled: true, region: undefined }, "us-east-1", true), true);
    assert.equal(jenkinsRunsIn({ enabled: true, region: undefined }, "us-west-2", false), false);
    assert.equal(jenkinsRunsIn({ enabled: true, region: "us-west-2" }, "us-west-2", false), true);
    assert.equal(jenkinsRunsIn({ enabled: true, region: "us-west-2" }, "us-east-1", true), false);
    assert.equal(jenkinsRunsIn({ enabled: false, region: undefined }, "us-east-1", true), false);
  });

  it("tags: AWS's rules, naming the key", () => {
    assert.deepEqual(problems(tagsSchema, { team: "platform", "cost-center": "" }), []);
    assert.deepEqual(problems(tagsSchema, { "aws:x": "ok", "team#": "ok", ok: "aws:y" }), [
      'aws:x: a tag key not starting with "aws:" (reserved for AWS), not "aws:x"',
      'team#: a tag key of letters, digits, spaces and _ . : / = + - @, not "team#"',
      'ok: a tag value not starting with "aws:" (reserved for AWS)',
    ]);
  });

  it("project name: a DNS label of at most 20 characters starting with a letter", () => {
    assert.deepEqual(problems(projectNameSchema, "a".repeat(20)), []);
    assert.deepEqual(problems(projectNameSchema, "a".repeat(21)), [
      ": a DNS label of at most 20 characters (it prefixes AWS names with tight limits)",
    ]);
    assert.deepEqual(problems(projectNameSchema, "1shop"), [
      ": a DNS label starting with a letter (RDS and ElastiCache identifiers begin with it)",
    ]);
  });

  it("Karpenter: a NodePool memory limit above zero", () => {
    const pool = (memory: string) => ({ nodePools: [{ name: "general", limits: { memory } }] });
    assert.deepEqual(problems(karpenterSchema, pool("1Gi")), []);
    assert.deepEqual(problems(karpenterSchema, pool("0Gi")), [
      'nodePools.0.limits.memory: a memory quantity greater than 0, like "1000Gi"',
    ]);
  });

  it("demand: seed 002's derivation, the floor, and an explicit peak", () => {
    const seed = resolveDemand(demandSchema.parse({ floorRps: 0 }));
    assert.equal(seed.dailyActiveUsers, 10_000_000);
    assert.equal(Math.round(seed.averageRps * 1000) / 1000, 11574.074);
    assert.equal(Math.round(seed.derivedPeakRps), 34722);
    assert.deepEqual([seed.peakRps, seed.peakFrom], [34722, "derived"]);
    const floor = resolveDemand(demandSchema.parse({ users: 1000, floorRps: 50 }));
    assert.deepEqual([floor.peakRps, floor.peakFrom], [50, "floor"]);
    const equal = resolveDemand(
      demandSchema.parse({
        users: 864,
        dailyActiveShare: 1,
        requestsPerActiveUserPerDay: 100,
        peakToAverage: 1,
        floorRps: 1,
      }),
    );
    assert.deepEqual([equal.derivedPeakRps, equal.peakRps, equal.peakFrom], [1, 1, "derived"]);
    const set = resolveDemand(demandSchema.parse({ peakRps: 777 }));
    assert.deepEqual([set.peakRps, set.peakFrom], [777, "configured"]);
    assert.equal("peakRps" in set && set.peakRps, 777);
  });

  it("availability: the monthly budget of the objective (30 days)", () => {
    assert.equal(resolveAvailability(availabilitySchema.parse({})).budgetSecondsPerMonth, 259.2);
    assert.equal(resolveAvailability(availabilitySchema.parse({ objective: 99.9 })).budgetSecondsPerMonth, 2592);
    assert.equal(resolveAvailability(availabilitySchema.parse({ objective: 90 })).budgetSecondsPerMonth, 259200);
    assert.deepEqual(problems(availabilitySchema, { objective: 100 }), [
      "objective: a percentage, at least 90 and below 100 (e.g. 99.99)",
    ]);
  });

  it("tracing retention in hours", () => {
    assert.equal(retentionHours({ retention: "72h" }), 72);
    assert.equal(retentionHours({ retention: "168h" }), 168);
  });
});
