import { strict as assert } from "assert";
import { testConfig } from "../helpers/stand-in";

const regions = [
  { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
  { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
];
const prod = (extra: Record<string, unknown> = {}) => testConfig({ environment: "prod", regions, ...extra });
const dev = (extra: Record<string, unknown> = {}) => testConfig({ environment: "dev", regions, ...extra });
const worker = (autoscaling: unknown) => ({
  name: "jobs",
  image: "ghcr.io/example/jobs:1.0.0",
  kind: "worker",
  uses: { queue: true },
  autoscaling,
});

describe("config resolution: every default applied once", () => {
  describe("database connection limit (Aurora PostgreSQL: LEAST(DBInstanceClassMemory/9531392, 5000))", () => {
    // Aurora user guide, "Maximum connections to an Aurora PostgreSQL DB instance"; memory from the
    // RDS hardware specifications: db.r7g.large 16 GiB, db.r6g.4xlarge 128 GiB, db.x2g.xlarge 64 GiB.
    it("derives the limit from the class's memory", () => {
      assert.deepEqual([prod().database.memoryGiB, prod().database.connectionLimit], [16, 1802]);
      const big = prod({ database: { instanceClass: "db.r6g.4xlarge" } }).database;
      assert.deepEqual([big.memoryGiB, big.connectionLimit], [128, 5000]);
      const x2g = prod({ database: { instanceClass: "db.x2g.xlarge" } }).database;
      assert.deepEqual([x2g.memoryGiB, x2g.connectionLimit], [64, 5000]);
    });
    it("takes instanceMemoryGiB for a class the table does not know, and an explicit maxConnections as is", () => {
      const db = prod({ database: { enabled: false, instanceClass: "db.z1d.large", instanceMemoryGiB: 4 } }).database;
      assert.deepEqual([db.memoryGiB, db.connectionLimit], [4, 450]);
      assert.equal(prod({ database: { maxConnections: 900 } }).database.connectionLimit, 900);
    });
  });

  describe("service scaling", () => {
    it("fills a service's HPA from platform:autoscaling.hpa, keeping what the service sets", () => {
      const c = prod({
        services: [
          {
            name: "frontend",
            image: "ghcr.io/example/frontend:1.0.0",
            routes: ["/"],
            autoscaling: { keda: { mesh: true } },
          },
          worker({ hpa: { maxReplicas: 20, cpuPercent: 50 } }),
        ],
        autoscaling: { hpa: { minReplicas: 4, memoryPercent: 75 } },
      });
      assert.deepEqual(c.services.find((s) => s.name === "jobs")!.autoscaling, {
        hpa: { minReplicas: 4, maxReplicas: 20, cpuPercent: 50, memoryPercent: 75 },
      });
    });
    it("gives mesh-scaled services autoscaling.mesh's range, and the weekend floor with business hours", () => {
      const c = prod({ autoscaling: { mesh: { maxReplicas: 40 }, keda: { businessHours: { weekendReplicas: 1 } } } });
      const range = (name: string) => {
        const k = c.services.find((s) => s.name === name)!.autoscaling.keda!;
        return [k.minReplicas, k.maxReplicas];
      };
      assert.deepEqual(range("user-service"), [3, 40]);
      assert.deepEqual(range("activity-service"), [1, 40]);
      // The seed worker sets its own range (1..50): autoscaling.mesh does not reach it.
      assert.deepEqual(range("notification-worker"), [1, 50]);
    });
  });

  it("resolves each region's schedule zone, or the override for all", () => {
    assert.deepEqual(
      prod().regions.map((r) => r.timeZone),
      ["America/New_York", "Europe/Dublin"],
    );
    const c = prod({ autoscaling: { keda: { businessHours: { timezone: "Asia/Tokyo" } } } });
    assert.deepEqual(
      c.regions.map((r) => r.timeZone),
      ["Asia/Tokyo", "Asia/Tokyo"],
    );
    assert.equal(c.autoscaling.keda.businessHours.timeZones["sa-east-1"], "Asia/Tokyo");
    assert.equal(prod().autoscaling.keda.businessHours.timeZones["sa-east-1"], "America/Sao_Paulo");
  });

  it("resolves the deployer mode per environment and the gateway's worker processes", () => {
    assert.equal(prod().cluster.deployer.mode, "in-network");
    assert.equal(dev().cluster.deployer.mode, "egress-cidrs");
    assert.equal(prod().gateway.workerProcesses, 1);
    assert.equal(prod({ gateway: { resources: { limits: { cpu: "2500m" } } } }).gateway.workerProcesses, 3);
  });
});
