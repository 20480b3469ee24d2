import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { inRegion, ofType, planFor, planWith, ROOT } from "../helpers/plan";
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

function check(plan: Plan, stack: string, added: string[] = []) {
  const config = stackFile(stack);
  const regions = [...(config["platform:regions"] as { name: string }[]).map((r) => r.name), ...added];
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
    assert.equal(typeof out.cacheWriterEndpoint, "string");
    // A region beyond the Global Datastore's two secondaries has no member: it reads the writer's cache.
    const groups = inRegion(ofType(plan, "aws:elasticache/replicationGroup:ReplicationGroup"), region);
    if (groups.length === 0) continue;
    const group = String(groups[0].inputs.replicationGroupId);
    assert.ok(String(out.cacheReaderEndpoint).includes(group), String(out.cacheReaderEndpoint));
  }
}

describe("stack outputs", function () {
  this.timeout(600_000);

  it("prod: three regions, each with its ALB, cluster, database and cache endpoints and the app URL", async () => {
    const { plan } = await planFor("prod");
    assert.equal(Object.keys((plan.outputs as { regions: object }).regions).length, 3);
    check(plan, "prod");
  });

  it("prod with an added Asia-Pacific region: four regions' entries and kubeconfigs", async () => {
    const regions = [
      { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
      { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
      { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
      { name: "ap-southeast-1", vpcCidr: "10.3.0.0/16" },
    ];
    const r = await planWith("prod", {
      regions,
      allowedRegions: regions.map((x) => x.name),
      cache: { regionsWithoutMember: "use-writer" },
    });
    assert.ok(r.plan, r.error?.message);
    check(r.plan, "prod", ["ap-southeast-1"]);
  });

  it("dev: its one region the same way", async () => {
    check((await planFor("dev")).plan, "dev");
  });
});
