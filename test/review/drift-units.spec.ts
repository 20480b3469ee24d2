import { strict as assert } from "assert";
import type { ReviewPlan, ReviewResource } from "../../tools/review/changes";
import { driftReport, driftSection, readLiveState, type DriftReport, type LiveState } from "../../tools/review/drift";
import { showValue } from "../../tools/review/values";

/**
 * Drift on hand-written states: which documents are a state (`pulumi stack export`'s
 * deployment.resources, `pulumi preview --json`'s steps), which values cannot be compared (the mock
 * engine's ids, ARNs in its account 123456789012, endpoints, secrets, unknowns), and the section's text.
 */
const URN = (type: string, name: string, stack = "prod") =>
  `urn:pulumi:${stack}::platform::pulumi:pulumi:Stack$${type}::${name}`;
const BUCKET = "aws:s3/bucket:Bucket";
const res = (name: string, inputs: Record<string, unknown>, extra: Partial<ReviewResource> = {}): ReviewResource => ({
  urn: URN(BUCKET, name),
  type: BUCKET,
  name,
  custom: true,
  parent: null,
  provider: null,
  region: "eu-west-1",
  inputs,
  dependencies: [],
  ...extra,
});
const state = (resources: unknown[]) => ({ deployment: { resources } });
const ok = (doc: unknown): LiveState => {
  const l = readLiveState(doc);
  if (typeof l === "string") throw new Error(l);
  return l;
};
const EXPECTED =
  "expected the output of `pulumi stack export` (deployment.resources) or `pulumi preview --refresh --json` (steps)";

describe("review: reading a live state", () => {
  it("refuses documents that are no state, naming what was expected", () => {
    assert.equal(readLiveState([]), `not an object; ${EXPECTED}`);
    assert.equal(readLiveState(null), `not an object; ${EXPECTED}`);
    assert.equal(readLiveState({ deployment: {} }), `no deployment.resources and no steps; ${EXPECTED}`);
  });

  it("reads an export's custom resources, outputs before inputs, and the stack from the first URN", () => {
    const l = ok(
      state([
        "junk",
        { urn: 1, type: BUCKET },
        { urn: URN("pulumi:pulumi:Stack", "s"), type: "pulumi:pulumi:Stack", custom: true },
        { urn: URN("pulumi:providers:aws", "p"), type: "pulumi:providers:aws", custom: true },
        { urn: URN("platform:x:Y", "c"), type: "platform:x:Y", custom: false },
        { urn: URN(BUCKET, "a"), type: BUCKET, outputs: { acl: "private" }, inputs: { acl: "x" } },
        { urn: URN(BUCKET, "b"), type: BUCKET, inputs: { acl: "public" } },
        { urn: URN(BUCKET, "c"), type: BUCKET },
      ]),
    );
    assert.deepEqual(l, {
      source: "stack export",
      stack: "prod",
      resources: [
        { urn: URN(BUCKET, "a"), type: BUCKET, values: { acl: "private" } },
        { urn: URN(BUCKET, "b"), type: BUCKET, values: { acl: "public" } },
        { urn: URN(BUCKET, "c"), type: BUCKET, values: {} },
      ],
      absent: [],
      complete: true,
    });
    assert.equal(ok(state([])).stack, null);
  });

  it("reads a preview's last old state per resource, and its create steps as absent", () => {
    const step = (urn: string, op: string, outputs?: object) => ({
      urn,
      op,
      ...(outputs ? { oldState: { urn, type: BUCKET, outputs } } : {}),
    });
    const l = ok({
      steps: [
        7,
        step(URN(BUCKET, "a"), "refresh", { acl: "old" }),
        step(URN(BUCKET, "a"), "update", { acl: "new" }),
        step(URN(BUCKET, "n"), "create"),
        step(URN(BUCKET, "s"), "same"),
        { op: "create" },
      ],
    });
    assert.deepEqual(l, {
      source: "preview",
      stack: "prod",
      resources: [{ urn: URN(BUCKET, "a"), type: BUCKET, values: { acl: "new" } }],
      absent: [URN(BUCKET, "n")],
      complete: false,
    });
    assert.equal(ok({ steps: [step(URN(BUCKET, "n", "dev"), "create")] }).stack, "dev");
    assert.equal(ok({ steps: [] }).stack, null);
  });
});

describe("review: drift against hand-written states", () => {
  const live = (values: Record<string, unknown>, complete = true, absent: string[] = []): LiveState => ({
    source: complete ? "stack export" : "preview",
    stack: "prod",
    resources: [{ urn: URN(BUCKET, "b"), type: BUCKET, values }],
    absent,
    complete,
  });
  const report = (inputs: Record<string, unknown>, values: Record<string, unknown>, extra?: Partial<ReviewResource>) =>
    driftReport({ resources: [res("b", inputs, extra)] }, live(values), (r) => r.region);
  const changes = (d: DriftReport) => d.drifted.flatMap((x) => x.changes.map((c) => [c.path, c.old, c.new]));

  it("reports a changed input, and skips values the offline plan cannot know", () => {
    const d = report(
      {
        acl: "private",
        bucket: "logs",
        kmsKeyId: "key-id",
        arn: "arn:aws:s3:::x:123456789012:y",
        role: "arn/123456789012/r",
        endpoint: "db.mock.internal",
        secret: "[secret]",
        unknown: "[unknown]",
        sig: { "4dabf18193072939515e22adb298388d": "1", value: "x" },
        size: 10,
        versioning: true,
        list: ["a-id"],
        nested: { ref: "[unknown]" },
        unset: undefined,
      },
      {
        acl: "public-read",
        bucket: "logs",
        kmsKeyId: "real",
        arn: "arn:aws:s3:::real",
        role: "arn/999/r",
        endpoint: "db.real",
        secret: "s",
        unknown: "u",
        sig: "x",
        size: "10",
        versioning: "true",
        list: ["b"],
        nested: { ref: "x" },
        unset: "aws default",
        notPlanned: "x",
      },
    );
    assert.deepEqual(changes(d), [["acl", "public-read", "private"]]);
    assert.equal(d.compared, 1);
    assert.deepEqual(changes(report({ tags: { a: "1" } }, { tags: "1" })), [["tags", "1", { a: "1" }]]);
    assert.deepEqual(changes(report({ size: 10 }, { size: [10] })), [["size", [10], 10]]);
    assert.deepEqual(changes(report({ on: true }, { on: "false" })), [["on", "false", true]]);
  });

  it("separates changes under ignoreChanges, lists BASE resources the live stack lacks, skips non-custom ones", () => {
    const d = report(
      { acl: "private", tags: { a: "1" } },
      { acl: "public", tags: { a: "2" } },
      { options: { ignoreChanges: ["tags"] } },
    );
    assert.deepEqual(
      d.drifted.map((x) => [x.name, x.region, x.changes.map((c) => c.path), x.ignored.map((c) => c.path)]),
      [["b", "eu-west-1", ["acl"], ["tags.a"]]],
    );
    const base: ReviewPlan = {
      resources: [
        res("gone", {}),
        res("later", {}),
        res("comp", {}, { custom: false }),
        res("prov", {}, { type: "pulumi:providers:aws", urn: URN("pulumi:providers:aws", "prov") }),
      ],
    };
    assert.deepEqual(driftReport(base, live({}, true), () => null).missing, [
      { name: "gone", type: BUCKET },
      { name: "later", type: BUCKET },
    ]);
    assert.deepEqual(driftReport(base, live({}, false, [URN(BUCKET, "later")]), () => null).missing, [
      { name: "later", type: BUCKET },
    ]);
  });
});

describe("review: the drift section", () => {
  const item = (name: string, changes: number, ignored = 0) => ({
    urn: URN(BUCKET, name),
    name,
    type: BUCKET,
    region: name === "g" ? null : "eu-west-1",
    changes: Array.from({ length: changes }, (_, i) => ({ path: `p${i}`, old: `live|${i}`, new: i })),
    ignored: Array.from({ length: ignored }, (_, i) => ({ path: `i${i}`, old: 1, new: 2 })),
  });
  const text = (d: Partial<DriftReport>, max?: number) =>
    driftSection({ source: "stack export", drifted: [], missing: [], compared: 3, ...d }, (v) => showValue(v), max);

  it("says there is no drift, naming where the live state came from", () => {
    assert.equal(
      text({}),
      "#### Drift: the live stack differs from BASE on 0 of 3 resources\n\n" +
        "<sub>Live state from `pulumi stack export`; ids, ARNs and secrets are not compared.</sub>\n\nNo drift.\n",
    );
    assert.ok(
      text({ source: "preview" }).includes(
        "<sub>Live state from `pulumi preview --refresh --json` (the state it diffed against; resources without a step are not compared); ids, ARNs and secrets are not compared.</sub>",
      ),
    );
  });

  it("lists what up sets back and what it leaves, four changes each, up to the maximum, then the missing ones", () => {
    const missing = Array.from({ length: 12 }, (_, i) => ({ name: `m${i}`, type: BUCKET }));
    assert.equal(
      text({ drifted: [item("a", 5, 1), item("g", 0, 2), item("c", 1)], missing }, 2),
      [
        "#### Drift: the live stack differs from BASE on 3 of 3 resources",
        "",
        "<sub>Live state from `pulumi stack export`; ids, ARNs and secrets are not compared.</sub>",
        "",
        '- `a` (`aws:s3/bucket:Bucket`, eu-west-1): `p0` live `"live\\|0"`, code `0`; `p1` live `"live\\|1"`, code `1`; ' +
          '`p2` live `"live\\|2"`, code `2`; `p3` live `"live\\|3"`, code `3`: the next `pulumi up` sets it back; ' +
          "`i0` live `1`, code `2`: ignored (ignoreChanges), stays as it is",
        "- `g` (`aws:s3/bucket:Bucket`, global): `i0` live `1`, code `2`; `i1` live `1`, code `2`: ignored (ignoreChanges), stays as it is",
        "- and 1 more drifted resources",
        "- 12 resources of BASE are not in the live stack (deleted outside Pulumi, or not deployed yet; `pulumi up` " +
          "creates them): `m0`, `m1`, `m2`, `m3`, `m4`, `m5`, `m6`, `m7`, `m8`, `m9`, …",
        "",
      ].join("\n"),
    );
    assert.ok(
      text({ missing: missing.slice(0, 1) }).endsWith(
        "- 1 resource of BASE is not in the live stack (deleted outside Pulumi, or not deployed yet; `pulumi up` creates them): `m0`\n",
      ),
    );
    assert.ok(text({ missing: missing.slice(0, 10) }).endsWith("`m8`, `m9`\n"));
    assert.ok(!text({ drifted: [item("a", 1)] }).includes("more drifted"));
    assert.equal(text({ drifted: Array.from({ length: 40 }, () => item("x", 1)) }).split("\n").length, 45);
  });
});
