import { strict as assert } from "assert";
import fc from "fast-check";
import { agentScaledObject } from "../../components/jenkins/agents";
import { jenkinsRunsIn, jenkinsSchema } from "../../components/config/sections/jenkins";
import { configIssues, testConfig } from "../helpers/stand-in";

const REGIONS = [
  { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
];
const issues = (jenkins: unknown, extra: Record<string, unknown> = {}) =>
  configIssues({ environment: "dev", regions: REGIONS, jenkins, ...extra });
const one = (jenkins: unknown, extra: Record<string, unknown> = {}) => {
  const found = issues(jenkins, extra);
  assert.equal(found.length, 1, JSON.stringify(found));
  return found[0];
};

describe("platform:jenkins", () => {
  const d = jenkinsSchema.parse(undefined);

  it("defaults are seed 002's numbers: controller 1 CPU/2Gi .. 2 CPU/4Gi, agents 2..20, thresholds 2 and 1", () => {
    // Seed 002 "Jenkins CI/CD Scaling": requests memory "2Gi" cpu "1", limits memory "4Gi" cpu "2";
    // minReplicaCount 2, maxReplicaCount 20; queue-size threshold "2", executors-available threshold "1".
    assert.deepEqual(d.controller, { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } });
    assert.deepEqual(
      [d.agents.minReplicas, d.agents.maxReplicas, d.agents.queueThreshold, d.agents.availableExecutorsThreshold],
      [2, 20, 2, 1],
    );
    assert.equal(d.enabled, true);
    assert.equal(d.region, undefined);
    assert.deepEqual([d.namespace, d.agentsNamespace], ["jenkins", "jenkins-agents"]);
    assert.equal(d.codebuild.privilegedMode, false);
  });

  it("runs one controller: the primary region unless region names another of the stack's", () => {
    assert.equal(jenkinsRunsIn(d, "us-west-2", true), true);
    assert.equal(jenkinsRunsIn(d, "eu-west-1", false), false);
    const there = { ...d, region: "eu-west-1" };
    assert.equal(jenkinsRunsIn(there, "us-west-2", true), false);
    assert.equal(jenkinsRunsIn(there, "eu-west-1", false), true);
    assert.equal(jenkinsRunsIn({ ...d, enabled: false }, "us-west-2", true), false);
    const cfg = testConfig({ environment: "dev", regions: REGIONS, jenkins: { region: "eu-west-1" } });
    assert.equal(cfg.jenkins.region, "eu-west-1");
  });

  it("refuses a region the stack does not have, naming the stack's regions", () => {
    const i = one({ region: "ap-south-1" });
    assert.equal(i.path, "platform:jenkins.region");
    assert.equal(i.value, "ap-south-1");
    assert.match(i.expected, /one of the stack's regions \(us-west-2, eu-west-1\)/);
  });

  it("refuses Jenkins without observability (its agents scale on what Prometheus scrapes)", () => {
    const i = one({}, { observability: { enabled: false } });
    assert.equal(i.path, "platform:jenkins.enabled");
    assert.match(i.expected, /platform:observability\.enabled is false/);
    assert.deepEqual(issues({ enabled: false }, { observability: { enabled: false } }), []);
  });

  it("refuses agents.minReplicas above maxReplicas", () => {
    const i = one({ agents: { minReplicas: 25 } });
    assert.equal(i.path, "platform:jenkins.agents.minReplicas");
    assert.match(i.expected, /at most agents\.maxReplicas \(20\)/);
  });

  it("refuses limits under requests, naming the part and the request", () => {
    const i = one({ controller: { requests: { cpu: "3", memory: "2Gi" } } });
    assert.equal(i.path, "platform:jenkins.controller.limits.cpu");
    assert.match(i.expected, /at least controller\.requests\.cpu \(3\)/);
    const a = one({ agents: { limits: { cpu: "1", memory: "512Mi" } } });
    assert.equal(a.path, "platform:jenkins.agents.limits.memory");
  });

  it("any agent range: refused exactly when min > max, else the ScaledObject carries it unchanged", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), (min, max) => {
        const parsed = jenkinsSchema.safeParse({ agents: { minReplicas: min, maxReplicas: max } });
        assert.equal(parsed.success, min <= max);
        if (!parsed.success) return;
        const spec = agentScaledObject(parsed.data).spec;
        assert.deepEqual([spec.minReplicaCount, spec.maxReplicaCount], [min, max]);
      }),
    );
  });

  it("refuses one namespace for controller and agents", () => {
    const i = one({ agentsNamespace: "jenkins" });
    assert.equal(i.path, "platform:jenkins.agentsNamespace");
    assert.match(i.expected, /a namespace other than namespace \("jenkins"\)/);
  });

  it("refuses a latest agent image, an unknown throughput mode, a bad add-on pin and a CodeBuild timeout out of range", () => {
    assert.equal(one({ agents: { image: "jenkins/inbound-agent:latest" } }).path, "platform:jenkins.agents.image");
    assert.match(one({ efs: { throughputMode: "provisioned" } }).expected, /one of bursting, elastic/);
    assert.match(
      one({ efs: { csiDriverVersion: "2.1.0" } }).expected,
      /an EKS add-on version like v2\.1\.0-eksbuild\.1/,
    );
    assert.match(one({ codebuild: { timeoutMinutes: 3000 } }).expected, /an integer from 5 to 2160/);
    assert.equal(one({ agents: { label: "Pool A" } }).path, "platform:jenkins.agents.label");
    assert.equal(one({ unknown: 1 }).path.startsWith("platform:jenkins"), true);
  });
});
