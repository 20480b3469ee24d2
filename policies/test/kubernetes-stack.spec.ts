import { strict as assert } from "node:assert";
import { autoscaledNoReplicas } from "../kubernetes/autoscaled-no-replicas";
import { pdbForReplicated } from "../kubernetes/pdb-for-replicated";
import { singleAutoscaler } from "../kubernetes/single-autoscaler";
import { DEPLOYMENT, HPA, PDB, SCALED_OBJECT, STATEFUL_SET } from "../lib/k8s";
import { goodDeployment, hpaFor, pdbFor, scaledObjectFor } from "./fixtures";
import { runStack, stackResource, urnOf } from "./harness";

const deployment = (change: (d: ReturnType<typeof goodDeployment>) => void = () => {}) => {
  const props = goodDeployment();
  change(props);
  return stackResource(DEPLOYMENT, "user-service", props);
};
const DEPLOYMENT_URN = urnOf(DEPLOYMENT, "user-service");

describe("policies: kubernetes stack", () => {
  describe("k8s-pdb-for-replicated", () => {
    let policy: ReturnType<typeof pdbForReplicated>;
    beforeEach(() => {
      policy = pdbForReplicated();
    });
    it("is advisory by default", () => assert.equal(policy.enforcementLevel, "advisory"));
    it("passes a replicated Deployment with a PDB selecting a subset of its pod labels", () =>
      assert.deepEqual(runStack(policy, [deployment(), stackResource(PDB, "pdb", pdbFor())]), []));
    it("does not require a PDB for a single replica that is not autoscaled", () =>
      assert.deepEqual(
        runStack(policy, [
          deployment((d) => {
            d.spec.replicas = 1;
          }),
        ]),
        [],
      ));
    const expected = [
      {
        message:
          "Deployment apps/user-service is replicated but no PodDisruptionBudget in namespace apps selects its pod labels",
        urn: DEPLOYMENT_URN,
      },
    ];
    it("reports a replicated Deployment without PDB", () =>
      assert.deepEqual(runStack(policy, [deployment()]), expected));
    it("reports a PDB in another namespace", () =>
      assert.deepEqual(
        runStack(policy, [deployment(), stackResource(PDB, "pdb", pdbFor("user-service", "other"))]),
        expected,
      ));
    it("reports a PDB whose selector is not a subset of the pod labels", () =>
      assert.deepEqual(
        runStack(policy, [deployment(), stackResource(PDB, "pdb", pdbFor("x", "apps", { app: "other" }))]),
        expected,
      ));
    it("reports an autoscaled Deployment without replicas and without PDB", () =>
      assert.deepEqual(
        runStack(policy, [
          deployment((d) => {
            delete (d.spec as { replicas?: number }).replicas;
          }),
          stackResource(HPA, "hpa", hpaFor("user-service")),
        ]),
        expected,
      ));
    it("covers StatefulSets", () => {
      const sts = goodDeployment("db");
      const r = runStack(policy, [stackResource(STATEFUL_SET, "db", sts)]);
      assert.deepEqual(r, [
        {
          message:
            "StatefulSet apps/db is replicated but no PodDisruptionBudget in namespace apps selects its pod labels",
          urn: urnOf(STATEFUL_SET, "db"),
        },
      ]);
    });
  });

  describe("k8s-single-autoscaler", () => {
    let policy: ReturnType<typeof singleAutoscaler>;
    beforeEach(() => {
      policy = singleAutoscaler();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a Deployment scaled only by KEDA and another only by an HPA", () => {
      const other = stackResource(DEPLOYMENT, "activity-service", goodDeployment("activity-service"));
      const r = runStack(policy, [
        deployment(),
        other,
        stackResource(SCALED_OBJECT, "so", scaledObjectFor("user-service")),
        stackResource(HPA, "hpa", hpaFor("activity-service")),
      ]);
      assert.deepEqual(r, []);
    });
    it("reports a Deployment targeted by both (KEDA kind defaulting to Deployment)", () =>
      assert.deepEqual(
        runStack(policy, [
          deployment(),
          stackResource(HPA, "hpa", hpaFor("user-service")),
          stackResource(SCALED_OBJECT, "so", scaledObjectFor("user-service")),
        ]),
        [
          {
            message: "Deployment apps/user-service is targeted by both a HorizontalPodAutoscaler and a ScaledObject",
            urn: DEPLOYMENT_URN,
          },
        ],
      ));
    it("does not confuse targets in different namespaces or kinds", () =>
      assert.deepEqual(
        runStack(policy, [
          deployment(),
          stackResource(HPA, "hpa", hpaFor("user-service")),
          stackResource(SCALED_OBJECT, "so", scaledObjectFor("user-service", "other")),
          stackResource(SCALED_OBJECT, "so2", scaledObjectFor("user-service", "apps", "StatefulSet")),
        ]),
        [],
      ));
  });

  describe("k8s-autoscaled-no-replicas", () => {
    let policy: ReturnType<typeof autoscaledNoReplicas>;
    beforeEach(() => {
      policy = autoscaledNoReplicas();
    });
    const noReplicas = () =>
      deployment((d) => {
        delete (d.spec as { replicas?: number }).replicas;
      });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes an autoscaled Deployment without spec.replicas and a fixed one with it", () => {
      const fixed = stackResource(DEPLOYMENT, "gateway", goodDeployment("gateway"));
      assert.deepEqual(runStack(policy, [noReplicas(), fixed, stackResource(HPA, "hpa", hpaFor("user-service"))]), []);
    });
    it("reports spec.replicas on an HPA target", () =>
      assert.deepEqual(runStack(policy, [deployment(), stackResource(HPA, "hpa", hpaFor("user-service"))]), [
        {
          message:
            "Deployment apps/user-service sets spec.replicas (3) but is scaled by a HorizontalPodAutoscaler; remove spec.replicas",
          urn: DEPLOYMENT_URN,
        },
      ]));
    it("reports spec.replicas on a ScaledObject target", () =>
      assert.deepEqual(
        runStack(policy, [deployment(), stackResource(SCALED_OBJECT, "so", scaledObjectFor("user-service"))]),
        [
          {
            message:
              "Deployment apps/user-service sets spec.replicas (3) but is scaled by a ScaledObject; remove spec.replicas",
            urn: DEPLOYMENT_URN,
          },
        ],
      ));
    it("skips live objects, whose replicas the autoscaler owns", () =>
      assert.deepEqual(
        runStack(policy, [
          deployment((d) => Object.assign(d, { status: { replicas: 3 } })),
          stackResource(HPA, "hpa", hpaFor("user-service")),
        ]),
        [],
      ));
  });
});
