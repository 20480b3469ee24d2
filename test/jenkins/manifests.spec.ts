import { strict as assert } from "assert";
import { jenkinsSchema } from "../../components/config/sections/jenkins";
import { agentPoolDeployment, agentPoolPdb, agentScaledObject, swarmSecret } from "../../components/jenkins/agents";
import { controllerDownRule, jenkinsNamespaces, jenkinsNetworkPolicies } from "../../components/jenkins/plan";
import { efsStorageClass, homeClaim, homeVolume } from "../../components/jenkins/storage";
import { validateManifest } from "../helpers/schemas";

const j = jenkinsSchema.parse({ namespace: "ci", agentsNamespace: "ci-agents" });
const K = "kubernetes-models";

describe("Jenkins manifests against the Kubernetes, KEDA and Prometheus Operator schemas", () => {
  it("namespaces, NetworkPolicies, storage, secret", async () => {
    for (const ns of jenkinsNamespaces(j)) await validateManifest(`${K}/v1/Namespace`, "Namespace", ns);
    for (const p of jenkinsNetworkPolicies(j))
      await validateManifest(`${K}/networking.k8s.io/v1/NetworkPolicy`, "NetworkPolicy", p);
    await validateManifest(`${K}/storage.k8s.io/v1/StorageClass`, "StorageClass", efsStorageClass());
    await validateManifest(
      `${K}/v1/PersistentVolume`,
      "PersistentVolume",
      homeVolume("jenkins-home-ci", "fs-1::fsap-1"),
    );
    await validateManifest(`${K}/v1/PersistentVolumeClaim`, "PersistentVolumeClaim", homeClaim(j, "jenkins-home-ci"));
    await validateManifest(`${K}/v1/Secret`, "Secret", swarmSecret("ci", "pw"));
  });

  it("the agent pool, its PDB and seed 002's ScaledObject", async () => {
    await validateManifest(`${K}/apps/v1/Deployment`, "Deployment", agentPoolDeployment(j, j.agents.image));
    await validateManifest(`${K}/policy/v1/PodDisruptionBudget`, "PodDisruptionBudget", agentPoolPdb(j));
    await validateManifest(
      "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject",
      "ScaledObject",
      agentScaledObject(j),
    );
    await validateManifest(
      "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule",
      "PrometheusRule",
      controllerDownRule(j),
    );
  });

  it("an autoscaled pool sets no replicas and every container runs restricted; the schema refuses a broken one", async () => {
    const d = agentPoolDeployment(j, j.agents.image);
    assert.equal("replicas" in d.spec, false);
    const c = d.spec.template.spec.containers[0];
    assert.deepEqual(c.securityContext, {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    assert.equal(d.spec.template.spec.securityContext.runAsNonRoot, true);
    assert.match(c.args[0], /-webSocket -name "\$POD_NAME" -username swarm-agent/);
    assert.match(c.args[0], /-labels pool -executors 1 -mode exclusive/);
    const broken = { ...agentScaledObject(j), spec: { ...agentScaledObject(j).spec, minReplicaCount: "two" } };
    await assert.rejects(
      validateManifest("@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject", "ScaledObject", broken),
    );
  });

  it("default deny in both namespaces; the controller admits 8080 from agents and Prometheus only", () => {
    const byName = new Map(jenkinsNetworkPolicies(j).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
    for (const ns of ["ci", "ci-agents"])
      assert.deepEqual(byName.get(`${ns}/default-deny`)!.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const ingress = (
      byName.get("ci/controller-ingress")!.spec as unknown as { ingress: { ports: { port: number }[] }[] }
    ).ingress;
    assert.deepEqual(
      ingress.flatMap((r) => r.ports.map((p) => p.port)),
      [8080, 8080],
    );
    assert.equal(
      [...byName.values()].some((p) => JSON.stringify(p).includes("50000")),
      false,
      "no TCP agent listener",
    );
  });
});
