import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { ConfigError, formatIssue } from "../../components/config";
import {
  defaultKubernetesVersion,
  EKS_VERSION_CALENDAR,
  newestVersionChartsSupport,
  supportWarning,
  versionProblem,
} from "../../components/config/sections/eks-versions";
import { ROOT } from "../helpers/plan";
import { runPlanCli } from "../../tools/plan-cli";
import { loadStandIn } from "../helpers/stand-in";

const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
const monthsBetween = (a: string, b: string) =>
  (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));

describe("EKS version calendar", () => {
  it("keeps AWS's rule: 14 months of standard support, then 12 of extended, one row per minor", () => {
    for (const v of EKS_VERSION_CALENDAR) {
      assert.equal(monthsBetween(v.release, v.endOfStandard), 14, v.version);
      assert.equal(monthsBetween(v.endOfStandard, v.endOfExtended), 12, v.version);
    }
    assert.deepEqual(
      EKS_VERSION_CALENDAR.map((v) => v.version),
      ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35"],
    );
    assert.equal(EKS_VERSION_CALENDAR.find((v) => v.version === "1.34")!.endOfStandard, "2026-12-02");
  });

  it("defaults to the newest version in standard support that every chart supports: 1.35 (1.34 leaves today)", () => {
    assert.equal(newestVersionChartsSupport(), "1.35");
    assert.equal(defaultKubernetesVersion(), "1.35");
    const flat = {
      "platform:environment": "dev",
      "platform:regions": JSON.stringify([{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }]),
    };
    const c = loadStandIn(
      { ...flat, "platform:cluster": JSON.stringify({ deployer: { egressCidrs: ["203.0.113.0/24"] } }) },
      { project: "platform", stack: "t" },
    );
    assert.equal(c.cluster.kubernetesVersion, "1.35");
  });

  it("warns in extended support and within 60 days of it, naming the date and the cost", () => {
    assert.equal(
      supportWarning("1.34", at("2026-12-02")),
      "platform:cluster.kubernetesVersion 1.34 is in EKS extended support since 2026-12-02: each cluster costs " +
        "$0.60/h instead of $0.10/h, and EKS auto-upgrades it on 2027-12-02 " +
        "(https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html)",
    );
    assert.equal(
      supportWarning("1.35", at("2027-01-26")),
      "platform:cluster.kubernetesVersion 1.35 leaves EKS standard support on 2027-03-27 (in 60 days): from then " +
        "each cluster costs $0.60/h instead of $0.10/h (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html)",
    );
    assert.equal(supportWarning("1.35", at("2027-01-25")), undefined, "61 days before: quiet");
    assert.equal(supportWarning("1.35", at("2026-12-02")), undefined);
  });

  it("refuses a version past extended support, and one not on the calendar", () => {
    assert.equal(
      versionProblem("1.31", at("2026-12-02")),
      "a version EKS still supports: 1.31 left extended support on 2026-11-26 " +
        "(https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html)",
    );
    assert.equal(versionProblem("1.31", at("2026-11-25")), undefined);
    assert.match(
      versionProblem("1.28", at("2026-12-02"))!,
      /^an EKS Kubernetes version from the release calendar \(1\.29, /,
    );
    const flat = {
      "platform:environment": "dev",
      "platform:regions": JSON.stringify([{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }]),
    };
    const cluster = JSON.stringify({ kubernetesVersion: "1.31", deployer: { egressCidrs: ["203.0.113.0/24"] } });
    assert.throws(
      () => loadStandIn({ ...flat, "platform:cluster": cluster }, { project: "platform", stack: "t" }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.issues.map(formatIssue).join("\n") ===
          'platform:cluster.kubernetesVersion: got "1.31"; expected a version EKS still supports: 1.31 left extended ' +
            "support on 2026-11-26 (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html)",
    );
  });

  it("npm run plan prints the warning (and still plans) for a stack on a version in extended support", async function () {
    this.timeout(180_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-warn-"));
    try {
      const doc = YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8"));
      doc.config["platform:cluster"].kubernetesVersion = "1.34";
      const file = path.join(tmp, "Pulumi.dev.yaml");
      fs.writeFileSync(file, YAML.stringify(doc));
      let stdout = "";
      let stderr = "";
      const status = await runPlanCli(["--stack", "dev", "--config-file", file, "--out", tmp, "--quiet"], {
        rootDir: ROOT,
        cwd: ROOT,
        env: { PLATFORM_TODAY: "2026-12-02" },
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
      });
      const r = { status, stdout, stderr };
      assert.equal(r.status, 0, r.stderr + r.stdout);
      assert.ok(
        r.stderr.includes(
          "plan: warning: platform:cluster.kubernetesVersion 1.34 is in EKS extended support since 2026-12-02: each cluster costs $0.60/h instead of $0.10/h",
        ),
        r.stderr,
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
