import { strict as assert } from "assert";
import { CHARTS } from "../../components/charts";
import { DEFAULT_AMI_ALIAS, DEFAULT_AMI_ALIAS_RELEASE } from "../../components/config/sections/karpenter";

/** The charts this area pins (the mesh's Istio pins carry their own source in components/mesh). */
const PINS = [
  "keda",
  "karpenter",
  "lbController",
  "kubePrometheusStack",
  "chaosMesh",
  "vpa",
  "k6Operator",
  "jaeger",
  "otelCollector",
] as const;

describe("chart pins cite their release", () => {
  // Istio's four charts share one release, cited once above them in components/charts.ts.
  const ISTIO = ["istioBase", "istiod", "istioCni", "ztunnel"] as const;
  it("covers every chart pinned in components/charts.ts; Istio's four share one version", () => {
    // Jenkins' chart declares no kubeVersion (its pin cites its release; test/jenkins checks it).
    assert.deepEqual(Object.keys(CHARTS).sort(), [...PINS, ...ISTIO, "jenkins"].sort());
    assert.deepEqual(new Set(ISTIO.map((k) => CHARTS[k].version)).size, 1);
  });

  for (const k of PINS)
    it(`${k}: release URL on GitHub and the Kubernetes range its project tests or declares`, () => {
      const pin = CHARTS[k] as { version: string; release?: string; kubernetes?: Record<string, string> };
      assert.match(pin.release ?? "", /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(releases\/tag|commit)\/.+/);
      assert.match(pin.kubernetes?.min ?? "", /^1\.\d+$/);
      assert.match(pin.kubernetes?.max ?? "", /^1\.\d+$/);
      assert.ok((pin.kubernetes?.source ?? "").length > 10, "names where the range is written");
    });

  it("runs KEDA 2.20.x and Chaos Mesh 2.8.x (tested on Kubernetes 1.33-1.35), not 2.18 / 2.7", () => {
    assert.match(CHARTS.keda.version, /^2\.20\.\d+$/);
    assert.ok(CHARTS.keda.release.endsWith(`/v${CHARTS.keda.version}`));
    assert.match(CHARTS.chaosMesh.version, /^2\.8\.\d+$/);
    assert.ok(CHARTS.chaosMesh.release.endsWith(`/v${CHARTS.chaosMesh.version}`));
    assert.ok(CHARTS.karpenter.release.endsWith(`/v${CHARTS.karpenter.version}`));
  });

  it("the Karpenter AMI alias default names the AMI release it cites", () =>
    assert.equal(DEFAULT_AMI_ALIAS.replace("al2023@", ""), DEFAULT_AMI_ALIAS_RELEASE.split("/").pop()));
});
