import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { ROOT } from "../helpers/plan";

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

/** Every pulumi/actions step of every workflow, with where it is. */
function pulumiSteps(): { where: string; step: Step }[] {
  const dir = path.join(ROOT, ".github", "workflows");
  return fs.readdirSync(dir).flatMap((f) => {
    const doc = YAML.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { jobs: Record<string, { steps?: Step[] }> };
    return Object.entries(doc.jobs).flatMap(([job, j]) =>
      (j.steps ?? [])
        .filter((s) => s.uses?.startsWith("pulumi/actions@"))
        .map((step) => ({ where: `${f} ${job}`, step })),
    );
  });
}

describe("workflows run the Pulumi CLI the repository is built for", () => {
  const sdk = (
    JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    }
  ).dependencies["@pulumi/pulumi"];

  it("the SDK is pinned exactly, so there is one version to match", () => assert.match(sdk, /^\d+\.\d+\.\d+$/));

  it("every pulumi/actions step sets pulumi-version to the SDK's version (CLI and SDK release together)", () => {
    const steps = pulumiSteps();
    assert.ok(steps.length >= 4, `found ${steps.length} pulumi/actions steps`);
    for (const { where, step } of steps) assert.equal(String(step.with?.["pulumi-version"]), sdk, where);
  });
});
