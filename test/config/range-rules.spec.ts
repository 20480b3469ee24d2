import { strict as assert } from "assert";
import fc from "fast-check";
import { formatIssue } from "../../components/config";
import { configIssues } from "../helpers/stand-in";

/**
 * Cross-field range rules (minimum at most maximum) of components/config/semantic.ts, each at its
 * boundary: min == max is a fixed size and loads, min == max + 1 is refused at the min key with
 * the max in the message. The pairs are autoscaling/v2's minReplicas <= maxReplicas (seed 000's
 * HPA: 3..10), Aurora's reader range (seed 002: 1..5) and the EKS node group's min <= desired <= max.
 */
const dev = { environment: "dev", regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }] };
const two = {
  environment: "dev",
  regions: [
    { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
    { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  ],
};
const lines = (raw: Record<string, unknown>) => configIssues(raw).map(formatIssue);
const at = (raw: Record<string, unknown>, path: string) =>
  configIssues(raw)
    .filter((i) => i.path === path)
    .map(formatIssue);
const pair = fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 })).filter(([a, b]) => a !== b);

describe("config range rules: min above max is refused, min == max loads", () => {
  it("autoscaling.hpa: 11 over a max of 10 is refused, 10..10 loads", () => {
    assert.deepEqual(
      at(
        { ...dev, autoscaling: { hpa: { minReplicas: 11, maxReplicas: 10 } } },
        "platform:autoscaling.hpa.minReplicas",
      ),
      ["platform:autoscaling.hpa.minReplicas: got 11; expected at most autoscaling.hpa.maxReplicas (10)"],
    );
    assert.deepEqual(lines({ ...dev, autoscaling: { hpa: { minReplicas: 10, maxReplicas: 10 } } }), []);
  });

  it("autoscaling.hpa: any min above max is refused naming both, any min <= max loads (property)", () => {
    fc.assert(
      fc.property(pair, ([min, max]) => {
        const got = at(
          { ...dev, autoscaling: { hpa: { minReplicas: min, maxReplicas: max } } },
          "platform:autoscaling.hpa.minReplicas",
        );
        assert.deepEqual(
          got,
          min > max
            ? [
                `platform:autoscaling.hpa.minReplicas: got ${min}; expected at most autoscaling.hpa.maxReplicas (${max})`,
              ]
            : [],
        );
      }),
      { numRuns: 40 },
    );
  });

  it("gateway: min == max loads (a fixed gateway size), min over max is refused", () => {
    assert.deepEqual(lines({ ...dev, gateway: { minReplicas: 4, maxReplicas: 4 } }), []);
    assert.deepEqual(lines({ ...dev, gateway: { minReplicas: 1, maxReplicas: 1 } }), []);
    assert.deepEqual(lines({ ...dev, gateway: { minReplicas: 5, maxReplicas: 4 } }), [
      "platform:gateway.minReplicas: got 5; expected at most gateway.maxReplicas (4)",
    ]);
  });

  it("gateway: listen and status ports must differ; requests within limits", () => {
    assert.deepEqual(lines({ ...dev, gateway: { listenPort: 9000, statusPort: 9000 } }), [
      "platform:gateway.statusPort: got 9000; expected a port different from gateway.listenPort",
    ]);
    assert.deepEqual(lines({ ...dev, gateway: { listenPort: 9000, statusPort: 9001 } }), []);
    const res = (cpu: string, memory: string) => ({
      requests: { cpu, memory },
      limits: { cpu: "500m", memory: "256Mi" },
    });
    assert.deepEqual(lines({ ...dev, gateway: { resources: res("500m", "256Mi") } }), []);
    assert.deepEqual(lines({ ...dev, gateway: { resources: res("501m", "257Mi") } }), [
      'platform:gateway.resources.requests.cpu: got "501m"; expected at most resources.limits.cpu (500m)',
      'platform:gateway.resources.requests.memory: got "257Mi"; expected at most resources.limits.memory (256Mi)',
    ]);
  });

  it("autoscaling.keda: minimum 0 (scale to zero) is allowed; above the max is refused", () => {
    assert.deepEqual(
      at(
        { ...dev, autoscaling: { keda: { minReplicas: 0, maxReplicas: 1 } } },
        "platform:autoscaling.keda.minReplicas",
      ),
      [],
    );
    assert.deepEqual(
      at(
        { ...dev, autoscaling: { keda: { minReplicas: 7, maxReplicas: 7 } } },
        "platform:autoscaling.keda.minReplicas",
      ),
      [],
    );
    assert.deepEqual(
      at(
        { ...dev, autoscaling: { keda: { minReplicas: 8, maxReplicas: 7 } } },
        "platform:autoscaling.keda.minReplicas",
      ),
      ["platform:autoscaling.keda.minReplicas: got 8; expected at most autoscaling.keda.maxReplicas (7)"],
    );
  });

  it("autoscaling.mesh: min == max loads, min over max is refused", () => {
    const mesh = (minReplicas: number, maxReplicas: number) => ({
      ...dev,
      autoscaling: { mesh: { minReplicas, maxReplicas } },
    });
    assert.deepEqual(at(mesh(12, 12), "platform:autoscaling.mesh.minReplicas"), []);
    assert.deepEqual(at(mesh(13, 12), "platform:autoscaling.mesh.minReplicas"), [
      "platform:autoscaling.mesh.minReplicas: got 13; expected at most autoscaling.mesh.maxReplicas (12)",
    ]);
  });

  it("database.readers: min == max loads, min over max is refused", () => {
    const db = (min: number, max: number) => ({ ...dev, database: { readers: { min, max } } });
    assert.deepEqual(lines(db(3, 3)), []);
    assert.deepEqual(lines(db(4, 3)), ["platform:database.readers.min: got 4; expected at most readers.max (3)"]);
  });

  it("cluster.systemNodeGroup: desired between min and max, min at most max", () => {
    const ng = (minSize: number, desiredSize: number, maxSize: number) => ({
      ...dev,
      cluster: { systemNodeGroup: { minSize, desiredSize, maxSize } },
    });
    const issuesOf = (raw: Record<string, unknown>) =>
      lines(raw).filter((l) => l.startsWith("platform:cluster.systemNodeGroup"));
    assert.deepEqual(issuesOf(ng(3, 3, 3)), []);
    assert.deepEqual(issuesOf(ng(2, 2, 5)), []);
    assert.deepEqual(issuesOf(ng(2, 5, 5)), []);
    assert.deepEqual(issuesOf(ng(2, 1, 5)), [
      "platform:cluster.systemNodeGroup.desiredSize: got 1; expected between minSize (2) and maxSize (5)",
    ]);
    assert.deepEqual(issuesOf(ng(2, 6, 5)), [
      "platform:cluster.systemNodeGroup.desiredSize: got 6; expected between minSize (2) and maxSize (5)",
    ]);
    assert.deepEqual(issuesOf(ng(6, 6, 5)), [
      "platform:cluster.systemNodeGroup.minSize: got 6; expected at most systemNodeGroup.maxSize (5)",
      "platform:cluster.systemNodeGroup.desiredSize: got 6; expected between minSize (6) and maxSize (5)",
    ]);
  });

  it("a service's own hpa range: min over max refused at the service's key; equal loads", () => {
    const worker = (hpa: Record<string, number>) => ({
      ...dev,
      services: [{ name: "batch-worker", image: "ghcr.io/example/w:1.0.0", kind: "worker", autoscaling: { hpa } }],
    });
    const own = (raw: Record<string, unknown>) =>
      lines(raw).filter((l) => l.includes("batch-worker") || l.includes("autoscaling.hpa"));
    assert.deepEqual(own(worker({ minReplicas: 4, maxReplicas: 4 })), []);
    const refused = lines(worker({ minReplicas: 5, maxReplicas: 4 }));
    assert.ok(
      refused.some((l) =>
        /^platform:services\[\d+\]\.autoscaling\.hpa\.minReplicas: got 5; expected at most maxReplicas \(4\)$/.test(l),
      ),
      refused.join("\n"),
    );
    // Only the max is set, below the inherited min (autoscaling.hpa.minReplicas, 3 by seed 000): reported at the max.
    const low = lines(worker({ maxReplicas: 2 }));
    assert.ok(
      low.some((l) =>
        /^platform:services\[\d+\]\.autoscaling\.hpa\.maxReplicas: got 2; expected at least minReplicas \(3\)$/.test(l),
      ),
      low.join("\n"),
    );
  });

  it("secondary regions: the primary, an unconfigured region, a repeat, and the AWS count limits", () => {
    const db = (secondaryRegions: string[]) => lines({ ...two, database: { secondaryRegions } });
    assert.deepEqual(db(["us-west-2"]), []);
    assert.deepEqual(db(["us-east-1"]), [
      'platform:database.secondaryRegions[0]: got "us-east-1"; expected a region other than the primary region (the primary holds the writer)',
    ]);
    assert.deepEqual(db(["eu-west-1"]), [
      'platform:database.secondaryRegions[0]: got "eu-west-1"; expected one of the configured regions (us-east-1, us-west-2)',
    ]);
    assert.ok(
      db(["us-west-2", "us-west-2"]).includes(
        'platform:database.secondaryRegions: got "us-west-2"; expected each region listed once',
      ),
    );
    // Aurora Global Database: at most 5 secondary regions; ElastiCache Global Datastore: at most 2.
    const six = ["us-west-2", "us-west-2", "us-west-2", "us-west-2", "us-west-2", "us-west-2"];
    assert.ok(db(six).some((l) => l.endsWith("expected at most 5 secondary regions (AWS limit)")));
    assert.ok(!db(six.slice(1)).some((l) => l.includes("AWS limit")));
    const cache = (secondaryRegions: string[]) => lines({ ...two, cache: { secondaryRegions } });
    assert.ok(
      cache(["us-west-2", "us-west-2", "us-west-2"]).some((l) =>
        l.endsWith("expected at most 2 secondary regions (AWS limit)"),
      ),
    );
    assert.ok(!cache(["us-west-2", "us-west-2"]).some((l) => l.includes("AWS limit")));
  });

  it("primaryRegion must be one of the configured regions", () => {
    assert.deepEqual(lines({ ...two, primaryRegion: "eu-west-1" }), [
      'platform:primaryRegion: got "eu-west-1"; expected one of the configured regions (us-east-1, us-west-2)',
    ]);
    assert.deepEqual(lines({ ...two, primaryRegion: "us-west-2" }), []);
  });
});
