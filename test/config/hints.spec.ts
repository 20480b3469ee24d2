import { strict as assert } from "assert";
import { ConfigError, formatIssue, loadConfig } from "../../components/config";
import { standInFlat, testConfig } from "../helpers/stand-in";

const regions = [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }];
const ctx = { project: "platform", stack: "test" };

function problems(flat: Record<string, string>): string[] {
  try {
    loadConfig(standInFlat(flat), ctx);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.issues.map(formatIssue);
  }
}
const warnings = (raw: Record<string, unknown>) =>
  testConfig({ environment: "dev", regions, ...raw }).notices.filter((n) => n.includes("affects nothing"));

describe("config hints", () => {
  it("a key that moved points to its new place", () => {
    const p = problems({
      "platform:environment": "dev",
      "platform:regions": JSON.stringify(regions),
      "platform:cluster": JSON.stringify({ publicAccessCidrs: ["203.0.113.0/24"], adminPrincipalArns: [] }),
    });
    assert.ok(
      p.includes(
        'platform:cluster.publicAccessCidrs: got ["203.0.113.0/24"]; expected moved to platform:cluster.deployer.egressCidrs',
      ),
      p.join("\n"),
    );
    assert.ok(
      p.includes("platform:cluster.adminPrincipalArns: got []; expected moved to platform:cluster.access.admins"),
    );
  });

  it("the error ratio that used to scale pods points to the alert threshold that now owns it", () => {
    const p = problems({
      "platform:environment": "dev",
      "platform:regions": JSON.stringify(regions),
      "platform:cluster": JSON.stringify({ deployer: { egressCidrs: ["203.0.113.0/24"] } }),
      "platform:autoscaling": JSON.stringify({ mesh: { errorRatio: 0.05 } }),
    });
    assert.deepEqual(p, [
      "platform:autoscaling.mesh.errorRatio: got 0.05; expected moved to platform:observability.thresholds.errorRatePercent " +
        "(errors page someone and burn the SLO; they no longer add pods, which would load a failing dependency)",
    ]);
  });

  it("a misspelt namespace gets the did-you-mean an unknown key gets, and hides no second problem", () => {
    const regionsText = JSON.stringify(regions);
    assert.deepEqual(problems({ "platform:environment": "dev", "platfrom:regions": regionsText }), [
      `platfrom:regions: got ${regionsText}; expected a key this program reads (did you mean "platform:regions"?); "platfrom:" is not its namespace`,
    ]);
    assert.deepEqual(
      problems({ "platform:environment": "dev", "platform:regions": regionsText, "Platform:autoscalng": "{}" }),
      [
        'Platform:autoscalng: got {}; expected a key this program reads (did you mean "platform:autoscaling"?); "Platform:" is not its namespace',
      ],
    );
    // Provider namespaces and unrelated ones are not ours to judge.
    assert.deepEqual(
      problems({ "platform:environment": "dev", "platform:regions": regionsText, "aws:region": "us-east-1" }),
      [],
    );
    assert.deepEqual(
      problems({ "platform:environment": "dev", "platform:regions": regionsText, "platfrom:regions": regionsText }),
      [
        `platfrom:regions: got ${regionsText}; expected a key this program reads (did you mean "platform:regions"?); "platfrom:" is not its namespace`,
      ],
    );
  });

  it("warns about keys that affect no resource in the stack, naming the key and why", () => {
    assert.deepEqual(warnings({ autoscaling: { hpa: { maxReplicas: 12, cpuPercent: 60 } } }), [
      "platform:autoscaling.hpa.maxReplicas is set but affects nothing in this stack: no service scales with a plain HPA (the gateway takes gateway.minReplicas/maxReplicas; KEDA-scaled services autoscaling.keda or autoscaling.mesh)",
    ]);
    assert.deepEqual(warnings({ services: [{ name: "user-service", replicas: 4 }] }), [
      "platform:services[0].replicas is set but affects nothing in this stack: user-service is scaled by a KEDA ScaledObject, which sets its replica count",
    ]);
    assert.deepEqual(warnings({ database: { enabled: false, instanceClass: "db.r7g.xlarge" } }), [
      "platform:database.instanceClass is set but affects nothing in this stack: database.enabled is false",
    ]);
    const scheduleOnly = { autoscaling: { keda: { businessHours: { desiredReplicas: 8 } } } };
    assert.deepEqual(
      warnings({
        ...scheduleOnly,
        services: [{ name: "activity-service", autoscaling: { keda: { mesh: true } } }],
      }),
      [
        "platform:autoscaling.keda.businessHours.desiredReplicas is set but affects nothing in this stack: no service follows the business-hours schedule (autoscaling.keda.businessHours)",
      ],
    );
  });

  it("stays silent when something reads the key", () => {
    const worker = { name: "notification-worker", autoscaling: { hpa: { minReplicas: 2 } } };
    assert.deepEqual(warnings({ autoscaling: { hpa: { maxReplicas: 12 } }, services: [worker] }), []);
    assert.deepEqual(warnings({ autoscaling: { mesh: { maxReplicas: 75 } } }), []);
    assert.deepEqual(warnings({ autoscaling: { keda: { businessHours: { desiredReplicas: 8 } } } }), []);
    assert.deepEqual(warnings({ services: [{ name: "frontend", replicas: 2, autoscaling: {} }] }), []);
    assert.deepEqual(warnings({ database: { enabled: false } }), []);
  });
});
