import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { inRegion, ofType, planFor, ROOT } from "../helpers/plan";
import type { Plan } from "../../tools/plan-lib";

/**
 * Stack outputs as `pulumi stack output` and a StackReference see them, on the mock engine: per
 * region the ALB, cluster, database and cache endpoints and the app URL; kubeconfigs as secrets.
 * Regions and the domain are read from the stack files; each endpoint is checked against the
 * identifier the plan gives the resource it belongs to.
 */
type RegionOut = Record<string, unknown>;
const stackFile = (stack: string) =>
  YAML.parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")).config as Record<string, unknown>;

function check(plan: Plan, stack: string) {
  const config = stackFile(stack);
  const regions = (config["platform:regions"] as { name: string }[]).map((r) => r.name);
  const domain = (config["platform:edge"] as { domain: string }).domain;
  const outputs = plan.outputs as { regions: Record<string, RegionOut>; kubeconfigs: unknown; appUrl: unknown };
  assert.deepEqual(Object.keys(outputs.regions).sort(), [...regions].sort());
  assert.equal(outputs.appUrl, `https://${domain}`);
  // Secret outputs are written as "[secret]": the value never reaches plan.json or `pulumi stack output`.
  assert.deepEqual(outputs.kubeconfigs, Object.fromEntries([...regions].sort().map((r) => [r, "[secret]"])));
  for (const region of regions) {
    const out = outputs.regions[region];
    const one = (type: string) => {
      const rs = inRegion(ofType(plan, type), region);
      assert.equal(rs.length, 1, `${type} in ${region}`);
      return rs[0].inputs;
    };
    assert.equal(out.clusterName, one("eks:index:Cluster").name);
    assert.match(
      String(out.albDnsName),
      new RegExp(`^${one("aws:lb/loadBalancer:LoadBalancer").name}-.*\\.elb\\.amazonaws\\.com$`),
    );
    assert.equal(out.appUrl, `https://${domain}`);
    const aurora = String(one("aws:rds/cluster:Cluster").clusterIdentifier);
    assert.ok(
      String(out.databaseReaderEndpoint).startsWith(`${aurora}.cluster-ro-`),
      String(out.databaseReaderEndpoint),
    );
    assert.equal(typeof out.databaseWriterEndpoint, "string");
    const group = String(one("aws:elasticache/replicationGroup:ReplicationGroup").replicationGroupId);
    assert.ok(String(out.cacheReaderEndpoint).includes(group), String(out.cacheReaderEndpoint));
    assert.equal(typeof out.cacheWriterEndpoint, "string");
  }
}

describe("stack outputs", function () {
  this.timeout(600_000);

  it("prod: three regions, each with its ALB, cluster, database and cache endpoints and the app URL", async () => {
    const { plan } = await planFor("prod");
    assert.equal(Object.keys((plan.outputs as { regions: object }).regions).length, 3);
    check(plan, "prod");
  });

  it("dev: its one region the same way", async () => {
    check((await planFor("dev")).plan, "dev");
  });
});
