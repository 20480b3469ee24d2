import { strict as assert } from "node:assert";
import { fargatePodCompatible } from "../../kubernetes/fargate-pod-compatible";
import { runStack, stackResource } from "../harness";

const profile = stackResource("aws:eks/fargateProfile:FargateProfile", "batch-profile", {
  selectors: [{ namespace: "batch", labels: { "compute-type": "fargate" } }],
});
const job = (namespace: string, labels: Record<string, string>, container: Record<string, unknown> = {}) =>
  stackResource("kubernetes:batch/v1:CronJob", "job", {
    metadata: { name: "data-processing", namespace },
    spec: {
      jobTemplate: {
        spec: { template: { metadata: { labels }, spec: { containers: [{ name: "processor", ...container }] } } },
      },
    },
  });
const daemonSet = stackResource("kubernetes:apps/v1:DaemonSet", "agent", {
  metadata: { name: "agent", namespace: "batch" },
  spec: { template: { metadata: { labels: { "compute-type": "fargate" } }, spec: { containers: [{ name: "a" }] } } },
});
const messages = (...resources: ReturnType<typeof stackResource>[]) =>
  runStack(fargatePodCompatible(), resources).map((v) => v.message);
const FARGATE = { "compute-type": "fargate" };

describe("k8s-fargate-pod-compatible", () => {
  it("is mandatory", () => assert.equal(fargatePodCompatible().enforcementLevel, "mandatory"));

  it("passes a plain pod the profile selects, and anything no profile selects", () => {
    assert.deepEqual(messages(profile, job("batch", FARGATE)), []);
    assert.deepEqual(messages(job("batch", FARGATE, { securityContext: { privileged: true } })), []);
    assert.deepEqual(messages(profile, job("batch", {}, { securityContext: { privileged: true } })), []);
    assert.deepEqual(messages(profile, job("apps", FARGATE, { securityContext: { privileged: true } })), []);
  });

  it("reports what Fargate refuses in a selected pod", () => {
    assert.deepEqual(messages(profile, job("batch", FARGATE, { securityContext: { privileged: true } })), [
      'CronJob batch/data-processing runs on Fargate but container "processor" is privileged (not allowed on Fargate)',
    ]);
    assert.deepEqual(messages(profile, job("batch", FARGATE, { ports: [{ containerPort: 80, hostPort: 80 }] })), [
      'CronJob batch/data-processing runs on Fargate but container "processor" sets a hostPort (not allowed on Fargate)',
    ]);
    assert.deepEqual(messages(profile, daemonSet), [
      "DaemonSet batch/agent runs on Fargate but is a DaemonSet (Fargate runs no DaemonSets)",
    ]);
  });
});
