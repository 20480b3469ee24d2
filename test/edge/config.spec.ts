import { strict as assert } from "assert";
import { ConfigError, formatIssue } from "../../components/config";
import { loadStandIn } from "../helpers/stand-in";

const ctx = { project: "platform", stack: "test" };
const regions = [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }];

function problems(edge: unknown): string[] {
  try {
    loadStandIn(
      {
        "platform:environment": "prod",
        "platform:regions": JSON.stringify(regions),
        "platform:edge": JSON.stringify(edge),
      },
      ctx,
    );
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.issues.map(formatIssue);
  }
}

describe("edge config", () => {
  it("defaults to the seed values", () => {
    const c = loadStandIn({ "platform:environment": "prod", "platform:regions": JSON.stringify(regions) }, ctx).edge;
    assert.deepEqual(
      [
        c.domain,
        c.hostedZone,
        c.routing,
        c.healthCheck.intervalSeconds,
        c.healthCheck.failureThreshold,
        c.healthCheck.path,
      ],
      ["example.com", "example.com", "latency", 10, 3, "/health"],
    );
    assert.deepEqual(
      [c.alb.idleTimeoutSeconds, c.alb.deregistrationDelaySeconds, c.alb.healthyThreshold, c.alb.unhealthyThreshold],
      [60, 30, 2, 5],
    );
    assert.deepEqual(
      [c.cloudfront.minimumProtocolVersion, c.cloudfront.mediaTtlSeconds, c.cloudfront.staticTtlSeconds],
      ["TLSv1.2_2021", 2592000, 31536000],
    );
  });
  it("rejects an invalid domain", () => {
    assert.deepEqual(problems({ domain: "Example..com" }), [
      'platform:edge.domain: got "Example..com"; expected a lowercase fully qualified domain name like example.com',
    ]);
  });
  it("rejects a health check interval other than 10 or 30", () => {
    assert.deepEqual(problems({ healthCheck: { intervalSeconds: 15 } }), [
      "platform:edge.healthCheck.intervalSeconds: got 15; expected 10 or 30 (the only Route53 request intervals)",
    ]);
  });
  it("rejects a failure threshold outside 1..10", () => {
    assert.deepEqual(problems({ healthCheck: { failureThreshold: 0 } }), [
      "platform:edge.healthCheck.failureThreshold: got 0; expected an integer between 1 and 10",
    ]);
    assert.deepEqual(problems({ healthCheck: { failureThreshold: 11 } }), [
      "platform:edge.healthCheck.failureThreshold: got 11; expected an integer between 1 and 10",
    ]);
  });
  it("rejects an unknown routing mode", () => {
    assert.deepEqual(problems({ routing: "geo" }), [
      'platform:edge.routing: got "geo"; expected "latency" or "failover"',
    ]);
  });
  it("rejects a hosted zone that does not contain the domain", () => {
    assert.deepEqual(problems({ domain: "shop.example.com", hostedZone: "example.org" }), [
      'platform:edge.hostedZone: got "example.org"; expected the domain (shop.example.com) or a parent of it',
    ]);
    assert.deepEqual(problems({ domain: "shop.example.com", hostedZone: "example.com" }), []);
  });
  it("rejects duplicate aliases and aliases that shadow the origin names", () => {
    assert.deepEqual(problems({ aliases: ["www", "www", "origin-use1"] }), [
      'platform:edge.aliases[1]: got "www"; expected each alias listed once',
      'platform:edge.aliases[2]: got "origin-use1"; expected a label other than the origin names (origin, origin-<region>): those must only reach the ALBs',
    ]);
  });
  it("rejects fewer than 3 health-checker regions and unknown ones", () => {
    assert.deepEqual(problems({ healthCheck: { regions: ["us-east-1", "mars-1"] } }), [
      'platform:edge.healthCheck.regions[1]: got "mars-1"; expected one of us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1',
      'platform:edge.healthCheck.regions: got ["us-east-1","mars-1"]; expected at least 3 Route53 health-checker regions',
    ]);
  });
  it("reports every edge problem at once", () => {
    assert.equal(
      problems({ domain: "nope", routing: "weighted", healthCheck: { intervalSeconds: 5, failureThreshold: 20 } })
        .length,
      4,
    );
  });
});
