import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { installRegionAddons, type HelmAddon } from "../../components/addons";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { ALONE, standInRegion } from "../helpers/stand-in";

/** A planted per-region add-on: the shape a new add-on file exports (the chart pin is borrowed). */
const PLANTED: HelmAddon = {
  id: "planted",
  chart: "k6Operator",
  releaseName: "planted-release",
  namespace: "planted-ns",
  release: { atomic: true, timeout: 120 },
  provides: { crds: [], webhooks: [], source: "test" },
  perRegion: (ctx) => ({
    values: { replicas: ctx.environment === "prod" ? 3 : 1, region: ctx.region },
    dependsOn: ctx.cluster.workloadDependencies,
  }),
};
const OWNED: HelmAddon = { ...PLANTED, id: "owned", perRegion: undefined };

class Holder extends pulumi.ComponentResource {
  constructor(name: string) {
    super("platform:region:Region", name, {}, {});
  }
}

describe("per-region add-ons: one file plus one registry line", () => {
  let r: ProgramRun;
  before(async () => {
    r = await runProgram({
      ...ALONE,
      program: () => {
        const region = standInRegion();
        const parent = new Holder("us-west-2");
        installRegionAddons(
          "us-west-2",
          [PLANTED, OWNED],
          { region: region.name, environment: "prod", cluster: region.cluster, provider: region.provider },
          parent,
        );
        return {};
      },
    });
  });
  const releases = () => r.resources.filter((x) => x.type === "kubernetes:helm.sh/v3:Release");

  it("installs an add-on with perRegion under the Region, named by region and id, from its pin", () => {
    assert.deepEqual(
      releases().map((x) => x.name),
      ["us-west-2-planted"],
    );
    const rel = releases()[0];
    assert.equal(rel.parent, r.resources.find((x) => x.type === "platform:region:Region")!.urn);
    assert.equal(rel.inputs.name, "planted-release");
    assert.equal(rel.inputs.namespace, "planted-ns");
    assert.equal(rel.inputs.chart, "k6-operator");
    assert.equal(rel.inputs.version, "4.6.0");
    assert.deepEqual(rel.inputs.repositoryOpts, { repo: "https://grafana.github.io/helm-charts" });
    assert.equal(rel.inputs.atomic, true);
    assert.equal(rel.inputs.timeout, 120);
    assert.deepEqual(rel.inputs.values, { replicas: 3, region: "us-west-2" });
  });

  it("waits for what perRegion names (the system nodes and EKS add-ons)", () => {
    const addons = r.resources.find((x) => x.name === "addons")!;
    assert.ok(releases()[0].dependencies.includes(addons.urn));
  });

  it("leaves add-ons without perRegion to the component that owns them", () => {
    assert.equal(
      releases().some((x) => x.name.includes("owned")),
      false,
    );
  });
});
