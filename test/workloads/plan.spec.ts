import { strict as assert } from "assert";
import { planFor, byUrn } from "../helpers/plan";
import type { PlanResource } from "../../tools/engine/run";
import type { Plan } from "../../tools/plan-lib";
import { validateManifest } from "../helpers/schemas";
import { MODELS } from "./fixtures";

const SEED_DEPLOYMENTS = [
  "activity-service",
  "frontend",
  "nginx-gateway",
  "notification-service",
  "notification-worker",
  "user-service",
];
type K8s = { metadata: { name: string; namespace?: string }; spec: Record<string, any> };

/** The Workloads component of each region and the resources beneath it. */
function perRegion(plan: Plan): Map<string, PlanResource[]> {
  const map = byUrn(plan);
  const out = new Map<string, PlanResource[]>();
  for (const w of plan.resources.filter((r) => r.type === "platform:workloads:Workloads")) {
    out.set(
      w.name.replace(/-workloads$/, ""),
      plan.resources.filter((r) => {
        for (let p = r.parent ? map.get(r.parent) : undefined; p; p = p.parent ? map.get(p.parent) : undefined)
          if (p.urn === w.urn) return true;
        return false;
      }),
    );
  }
  return out;
}
const ofKind = (rs: PlanResource[], type: string) => rs.filter((r) => r.type === type);
const manifest = (r: PlanResource) => r.inputs as unknown as K8s;

describe("workloads in the offline plan", () => {
  for (const stack of ["dev", "prod"]) {
    describe(stack, () => {
      it("has the 5 seed Deployments plus the worker in every region, none with spec.replicas", async () => {
        const { plan, config } = await planFor(stack);
        const regions = perRegion(plan);
        assert.deepEqual([...regions.keys()].sort(), config.regions.map((r) => r.name).sort());
        for (const [region, rs] of regions) {
          const deployments = ofKind(rs, "kubernetes:apps/v1:Deployment").map(manifest);
          assert.deepEqual(deployments.map((d) => d.metadata.name).sort(), SEED_DEPLOYMENTS, region);
          for (const d of deployments)
            assert.equal(d.spec.replicas, undefined, `${region} ${d.metadata.name} is autoscaled`);
        }
      });

      it("scales every Deployment exactly once: HPAs for HPA services and the gateway, ScaledObjects for KEDA ones", async () => {
        const { plan } = await planFor(stack);
        for (const [region, rs] of perRegion(plan)) {
          const hpas = ofKind(rs, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler").map(
            (r) => manifest(r).spec.scaleTargetRef.name,
          );
          const sos = ofKind(rs, "kubernetes:keda.sh/v1alpha1:ScaledObject").map(
            (r) => manifest(r).spec.scaleTargetRef.name,
          );
          assert.deepEqual(hpas.sort(), ["nginx-gateway"], region);
          assert.deepEqual(
            sos.sort(),
            ["activity-service", "frontend", "notification-service", "notification-worker", "user-service"],
            region,
          );
          assert.deepEqual(
            [...hpas, ...sos].sort(),
            SEED_DEPLOYMENTS,
            `${region}: no target scaled twice, none left out`,
          );
        }
      });

      it("creates one encrypted queue + DLQ and the KEDA release per region, on that region's providers", async () => {
        const { plan } = await planFor(stack);
        for (const [region, rs] of perRegion(plan)) {
          const queues = ofKind(rs, "aws:sqs/queue:Queue");
          assert.equal(queues.length, 2, region);
          for (const q of queues) {
            assert.equal(q.region, region);
            assert.equal(q.inputs.sqsManagedSseEnabled, true);
          }
          assert.deepEqual(
            ofKind(rs, "kubernetes:helm.sh/v3:Release")
              .map((r) => r.inputs.name)
              .sort(),
            ["keda", "vertical-pod-autoscaler"],
            region,
          );
        }
      });

      it("binds the workloads of each region to that region's cluster provider", async () => {
        const { plan } = await planFor(stack);
        const providers = new Set<string>();
        for (const [region, rs] of perRegion(plan)) {
          const kube = rs.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
          const used = new Set(kube.map((r) => r.provider));
          assert.equal(used.size, 1, `${region}: one k8s provider`);
          const p = [...used][0]!;
          assert.ok(p.includes(region), `${region} uses ${p}`);
          providers.add(p);
        }
        assert.equal(providers.size, perRegion(plan).size, "no two regions share a provider");
      });

      it("plans manifests that are valid against the official schemas", async () => {
        const { plan } = await planFor(stack);
        const first = [...perRegion(plan).values()][0];
        let checked = 0;
        for (const r of first.filter(
          (x) => x.custom && x.type.startsWith("kubernetes:") && !x.type.includes("helm.sh"),
        )) {
          const kind = r.type.split(":").pop()!;
          // No kubernetes-models package for VPA: test/workloads/vpa.spec.ts checks it against the upstream CRD.
          if (kind === "VerticalPodAutoscaler") continue;
          const model = MODELS[kind];
          assert.ok(model, `no schema registered for ${kind}`);
          await validateManifest(model[0], model[1], {
            apiVersion: r.type.split(":")[1].replace(/^core\//, ""),
            kind,
            ...r.inputs,
          });
          checked++;
        }
        assert.ok(checked > 40, `validated ${checked}`);
      });

      it("reports no policy violation from the workloads area: the keda namespace starts default-deny", async () => {
        const { plan } = await planFor(stack);
        const ours = new Set([...perRegion(plan).values()].flat().map((r) => r.urn));
        // dev deploys images by tag: k8s-image-digest is advisory there (test/security/image-digest.spec.ts).
        assert.deepEqual(
          plan.violations.filter((v) => ours.has(v.urn) && v.policy !== "k8s-image-digest"),
          [],
        );
      });
    });
  }
});
