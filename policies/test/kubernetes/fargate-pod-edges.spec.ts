import { strict as assert } from "node:assert";
import { fargatePodCompatible } from "../../kubernetes/fargate-pod-compatible";
import { runStack, stackResource } from "../harness";

// https://docs.aws.amazon.com/eks/latest/userguide/fargate.html, "AWS Fargate considerations" (read
// 2026-12-07): no privileged containers, no hostNetwork, no hostPort; a profile selects a pod by its
// namespace and every label of the selector.
const PROFILE = "aws:eks/fargateProfile:FargateProfile";
const LABELS = { team: "etl", "compute-type": "fargate" };

const profile = (...selectors: { namespace: string; labels?: Record<string, string> }[]) =>
  stackResource(PROFILE, "etl-profile", { selectors });
const deployment = (
  podSpec: Record<string, unknown>,
  o: { labels?: Record<string, string>; metadata?: Record<string, unknown> } = {},
) =>
  stackResource("kubernetes:apps/v1:Deployment", "etl-worker", {
    metadata: o.metadata ?? { name: "worker", namespace: "etl" },
    spec: { template: { metadata: { labels: o.labels ?? LABELS }, spec: podSpec } },
  });
const messages = (...resources: ReturnType<typeof stackResource>[]) =>
  runStack(fargatePodCompatible(), resources).map((v) => v.message);
const selected = profile({ namespace: "etl", labels: LABELS });

describe("k8s-fargate-pod-compatible: each refusal and each selector rule", () => {
  it("refuses host networking on a selected Deployment", () => {
    assert.deepEqual(messages(selected, deployment({ hostNetwork: true, containers: [{ name: "w" }] })), [
      "Deployment etl/worker runs on Fargate but sets hostNetwork (not allowed on Fargate)",
    ]);
  });

  it("refuses a privileged init container, not only main containers", () => {
    const pod = {
      containers: [{ name: "w" }],
      initContainers: [{ name: "setup", securityContext: { privileged: true } }],
    };
    assert.deepEqual(messages(selected, deployment(pod)), [
      'Deployment etl/worker runs on Fargate but container "setup" is privileged (not allowed on Fargate)',
    ]);
  });

  it("accepts container ports without a hostPort", () => {
    assert.deepEqual(
      messages(selected, deployment({ containers: [{ name: "w", ports: [{ containerPort: 8080 }] }] })),
      [],
    );
  });

  it("does not select a pod that carries only some of the selector's labels", () => {
    const pod = { hostNetwork: true, containers: [{ name: "w" }] };
    assert.deepEqual(messages(selected, deployment(pod, { labels: { team: "etl" } })), []);
  });

  it("selects a pod any one of several selectors matches", () => {
    const two = profile({ namespace: "batch" }, { namespace: "etl", labels: { team: "etl" } });
    assert.equal(messages(two, deployment({ hostNetwork: true, containers: [{ name: "w" }] })).length, 1);
  });

  it("takes the default namespace and the resource name when the manifest names neither", () => {
    const pod = { hostNetwork: true, containers: [{ name: "w" }] };
    assert.deepEqual(messages(profile({ namespace: "default" }), deployment(pod, { metadata: {} })), [
      "Deployment default/etl-worker runs on Fargate but sets hostNetwork (not allowed on Fargate)",
    ]);
  });
});
