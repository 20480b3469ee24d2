import { strict as assert } from "assert";
import fc from "fast-check";
import type { z } from "zod";
import {
  awsTagKeyProblem,
  awsTagValueProblem,
  cpuMillis,
  dnsLabel,
  domainName,
  duplicates,
  durationSeconds,
  ipv4Cidr,
  isProtobufDuration,
  memoryBytes,
  nonNegativeInt,
  percent,
  pinnedImage,
  positiveInt,
  promDuration,
} from "../../components/config/primitives";

/** The messages a field type reports for a value, [] when it parses. */
const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("config primitives at their boundaries", () => {
  it("percent: 1..100 integers pass; 0, 101, 50.5 and text fail with the range", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), (n) => assert.deepEqual(messages(percent, n), [])));
    assert.deepEqual(messages(percent, 0), ["a percentage between 1 and 100"]);
    assert.deepEqual(messages(percent, 101), ["a percentage between 1 and 100"]);
    assert.deepEqual(messages(percent, 50.5), ["an integer percentage between 1 and 100"]);
    assert.deepEqual(messages(percent, "50"), ["a number between 1 and 100"]);
  });

  it("positiveInt from 1, nonNegativeInt from 0", () => {
    assert.deepEqual(messages(positiveInt, 1), []);
    assert.deepEqual(messages(positiveInt, 0), ["a positive integer (>= 1)"]);
    assert.deepEqual(messages(positiveInt, 1.5), ["a positive integer"]);
    assert.deepEqual(messages(nonNegativeInt, 0), []);
    assert.deepEqual(messages(nonNegativeInt, -1), ["an integer >= 0"]);
  });

  it("durationSeconds adds each unit (ms, s, m, h, d, w, y of 365 days)", () => {
    assert.equal(durationSeconds("1h30m"), 5400);
    assert.equal(durationSeconds("250ms"), 0.25);
    assert.equal(durationSeconds("2d"), 172800);
    assert.equal(durationSeconds("1w"), 604800);
    assert.equal(durationSeconds("1y"), 31536000);
    assert.equal(durationSeconds("1m1s"), 61);
    assert.equal(durationSeconds(""), 0);
  });

  it("promDuration: a Prometheus duration above zero", () => {
    assert.deepEqual(messages(promDuration, "15s"), []);
    assert.deepEqual(messages(promDuration, "1ms"), []);
    const zero =
      'a Prometheus duration like "15s", "360h", "30d" or "1w" (units y, w, d, h, m, s, ms, largest first), greater than 0';
    assert.deepEqual(messages(promDuration, "0"), [zero]);
    assert.deepEqual(messages(promDuration, "0s"), [zero]);
    assert.equal(messages(promDuration, "").length, 1);
    assert.deepEqual(messages(promDuration, "5m1h"), [
      'a Prometheus duration like "15s", "360h", "30d" or "1w" (units y, w, d, h, m, s, ms, largest first)',
    ]);
  });

  it("isProtobufDuration: seconds with up to nine fractional digits, from 1ms to 315576000000s", () => {
    // google/protobuf/duration.proto: seconds within +-315,576,000,000; Istio's CEL rules: at least 1ms.
    for (const ok of ["0.001s", "1s", "30s", "1.5s", "0.123456789s", "315576000000s"])
      assert.equal(isProtobufDuration(ok), true, ok);
    for (const bad of ["0.0009s", "0s", "-1s", "315576000001s", "1.0000000001s", "1", "1m", "s", ".5s", "1.s"])
      assert.equal(isProtobufDuration(bad), false, bad);
    assert.equal(isProtobufDuration("0s", 0), true);
    assert.equal(isProtobufDuration("-1s", -2), true);
    assert.equal(isProtobufDuration("2s", 2), true);
    assert.equal(isProtobufDuration("1.999s", 2), false);
  });

  it("AWS tag keys: 1..127 characters, the allowed characters, not aws:", () => {
    assert.equal(awsTagKeyProblem("a"), undefined);
    assert.equal(awsTagKeyProblem("k".repeat(127)), undefined);
    assert.equal(awsTagKeyProblem("Team Name_1.2:/=+-@"), undefined);
    assert.equal(awsTagKeyProblem("Équipe"), undefined);
    assert.equal(awsTagKeyProblem(""), "a tag key of 1 to 127 characters (got 0; EC2 takes at most 127)");
    assert.equal(
      awsTagKeyProblem("k".repeat(128)),
      "a tag key of 1 to 127 characters (got 128; EC2 takes at most 127)",
    );
    // Characters count as code points: 127 emoji-free CJK letters pass.
    assert.equal(awsTagKeyProblem("字".repeat(127)), undefined);
    assert.equal(awsTagKeyProblem("cost#center"), "a tag key of letters, digits, spaces and _ . : / = + - @");
    assert.equal(awsTagKeyProblem("AWS:team"), 'a tag key not starting with "aws:" (reserved for AWS)');
    assert.equal(awsTagKeyProblem("team-aws:x"), undefined);
  });

  it("AWS tag values: 0..256 characters, the allowed characters, not aws:", () => {
    assert.equal(awsTagValueProblem(""), undefined);
    assert.equal(awsTagValueProblem("v".repeat(256)), undefined);
    assert.equal(awsTagValueProblem("v".repeat(257)), "a tag value of at most 256 characters (got 257)");
    assert.equal(awsTagValueProblem("a;b"), "a tag value of letters, digits, spaces and _ . : / = + - @");
    assert.equal(awsTagValueProblem("aws:x"), 'a tag value not starting with "aws:" (reserved for AWS)');
  });

  it("Kubernetes quantities: millicores and bytes", () => {
    assert.equal(cpuMillis("250m"), 250);
    assert.equal(cpuMillis("2"), 2000);
    assert.equal(cpuMillis("0.5"), 500);
    assert.equal(memoryBytes("128Mi"), 128 * 1024 * 1024);
    assert.equal(memoryBytes("1Gi"), 1073741824);
    assert.equal(memoryBytes("2Ki"), 2048);
    assert.equal(memoryBytes("1Ti"), 1099511627776);
    assert.equal(memoryBytes("1k"), 1000);
    assert.equal(memoryBytes("1M"), 1e6);
    assert.equal(memoryBytes("1G"), 1e9);
    assert.equal(memoryBytes("1T"), 1e12);
    assert.equal(memoryBytes("512"), 512);
    assert.ok(Number.isNaN(memoryBytes("1Xi")));
    assert.ok(Number.isNaN(memoryBytes("-1Gi")));
  });

  it("ipv4Cidr: a network address with host bits zero", () => {
    assert.deepEqual(messages(ipv4Cidr, "10.0.0.0/16"), []);
    assert.deepEqual(messages(ipv4Cidr, "10.0.1.0/16"), ["a network address (host bits zero), e.g. 10.0.0.0/16"]);
    assert.deepEqual(messages(ipv4Cidr, "10.0.0.0"), ["an IPv4 CIDR block like 10.0.0.0/16"]);
    assert.deepEqual(messages(ipv4Cidr, "10.0.0.256/24"), ["an IPv4 CIDR block like 10.0.0.0/16"]);
    assert.deepEqual(messages(ipv4Cidr, " 10.0.0.0/16"), ["an IPv4 CIDR block like 10.0.0.0/16"]);
    assert.deepEqual(messages(ipv4Cidr, "10.0.0.0/16 "), ["an IPv4 CIDR block like 10.0.0.0/16"]);
  });

  it("dnsLabel and domainName: RFC 1123 labels and lowercase FQDNs", () => {
    assert.deepEqual(messages(dnsLabel, "a".repeat(63)), []);
    assert.deepEqual(messages(dnsLabel, "a".repeat(64)), ["a lowercase DNS label of at most 63 characters"]);
    assert.deepEqual(messages(dnsLabel, "-api"), [
      "a lowercase DNS label (a-z, 0-9, '-'), starting and ending alphanumeric",
    ]);
    assert.deepEqual(messages(domainName, "example.com"), []);
    assert.deepEqual(messages(domainName, "Example.com"), ["a lowercase fully qualified domain name like example.com"]);
  });

  it("pinnedImage: a version tag or a sha256 digest; never latest or untagged", () => {
    const refused = ['an image pinned to a version tag or sha256 digest (not "latest", not untagged)'];
    assert.deepEqual(messages(pinnedImage, "ghcr.io/example/api:1.2.3"), []);
    assert.deepEqual(messages(pinnedImage, "localhost:5000/api:1.2.3"), []);
    assert.deepEqual(messages(pinnedImage, `ghcr.io/example/api@sha256:${"a".repeat(64)}`), []);
    assert.deepEqual(messages(pinnedImage, "ghcr.io/example/api:latest"), refused);
    assert.deepEqual(messages(pinnedImage, "ghcr.io/example/api"), refused);
    assert.deepEqual(messages(pinnedImage, "localhost:5000/api"), refused);
    assert.deepEqual(messages(pinnedImage, 5), ["a container image reference pinned to a tag or digest"]);
  });

  it("duplicates: each repeated item once, in first-repeat order", () => {
    assert.deepEqual(duplicates(["a", "b", "a", "c", "b", "a"]), ["a", "b"]);
    assert.deepEqual(duplicates(["a", "b"]), []);
  });
});
