import { strict as assert } from "assert";
import * as k8s from "@pulumi/kubernetes";
import { jenkinsSchema } from "../../components/config/sections/jenkins";
import { Jenkins } from "../../components/jenkins/component";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { ALONE, named, standInRegion } from "../helpers/stand-in";

/** Jenkins alone on the mock engine, in non-default namespaces; KEDA from the workloads or not. */
function run(withKeda: boolean): Promise<ProgramRun> {
  const config = jenkinsSchema.parse({ namespace: "ci", agentsNamespace: "ci-agents", agents: { maxReplicas: 8 } });
  return runProgram({
    ...ALONE,
    program: () => {
      const region = standInRegion();
      const standIn = (n: string) =>
        new k8s.core.v1.ConfigMap(n, { metadata: { name: n } }, { provider: region.cluster.k8sProvider });
      new Jenkins("usw2-jenkins", {
        config,
        kubernetesVersion: "1.35",
        region,
        monitoringRelease: standIn("monitoring"),
        kedaRelease: withKeda ? standIn("keda") : undefined,
        protect: false,
      });
      return {};
    },
  });
}

describe("Jenkins (mock engine)", () => {
  let r: ProgramRun;
  before(async () => (r = await run(true)));
  const spec = (name: string) => named(r.resources, name).inputs.spec as any;

  it("binds the controller's claim to a volume on the access point of its file system", () => {
    const pv = spec("usw2-jenkins-home-volume");
    assert.equal(pv.csi.driver, "efs.csi.aws.com");
    assert.match(pv.csi.volumeHandle, /^[^:]+::[^:]+$/);
    assert.deepEqual(pv.mountOptions, ["tls"]);
    assert.equal(pv.persistentVolumeReclaimPolicy, "Retain");
    const claim = named(r.resources, "usw2-jenkins-home-claim");
    assert.equal((claim.inputs.metadata as any).namespace, "ci");
    assert.equal((claim.inputs.spec as any).volumeName, "jenkins-home-ci");
  });

  it("puts namespaces, policies, secrets and the scaler where the config says", () => {
    const scaler = named(r.resources, "usw2-jenkins-agent-scaler");
    assert.equal((scaler.inputs.metadata as any).namespace, "ci-agents");
    assert.deepEqual(
      [spec("usw2-jenkins-agent-scaler").minReplicaCount, spec("usw2-jenkins-agent-scaler").maxReplicaCount],
      [2, 8],
    );
    const ingress = spec("usw2-jenkins-controller-ingress");
    assert.equal(ingress.ingress[0].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"], "ci-agents");
    const values = named(r.resources, "usw2-jenkins-release").inputs.values as any;
    assert.equal(values.agent.namespace, "ci-agents");
    assert.equal(values.agent.containerCap, 8);
    for (const n of ["usw2-jenkins-swarm-secret", "usw2-jenkins-agents-swarm-secret"])
      assert.equal(named(r.resources, n).inputs.stringData, "[secret]", n);
  });

  it("uses the workloads' KEDA when there is one, and installs its own otherwise", async () => {
    const releases = (run: ProgramRun) =>
      run.resources.filter((x) => x.type === "kubernetes:helm.sh/v3:Release").map((x) => x.inputs.chart);
    assert.deepEqual(releases(r), ["jenkins"]);
    const alone = await run(false);
    assert.deepEqual(releases(alone).sort(), ["jenkins", "keda"]);
    const scaler = named(alone.resources, "usw2-jenkins-agent-scaler");
    const keda = alone.resources.find((x) => x.inputs.chart === "keda")!;
    assert.ok(scaler.dependencies.includes(keda.urn), "the ScaledObject waits for KEDA's CRD and webhook");
  });

  it("gives the EFS CSI controller describe actions on its file system only", () => {
    const doc = JSON.parse(String(named(r.resources, "usw2-jenkins-efs-csi-policy").inputs.policy));
    const actions = doc.Statement.flatMap((s: { Action: string[] }) => s.Action);
    assert.deepEqual(
      actions.filter((a: string) => !/:Describe/.test(a)),
      [],
    );
    assert.ok(!JSON.stringify(doc.Statement[0].Resource).includes("*"));
  });
});
