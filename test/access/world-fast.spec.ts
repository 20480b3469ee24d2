import { strict as assert } from "assert";
import { accessEntries, accessProblem, accessReport, unusedProblem, REQUIREMENTS } from "../../tools/access";
import type { AccessEntry } from "../../tools/access/model";
import { unusedGrants } from "../../tools/access/unused";
import { accessViolations, ACCESS_ADVISORY_POLICY, ACCESS_POLICY } from "../../tools/access/violations";
import { buildWorld, managedStatements } from "../../tools/access/world";
import { ACC, PINNED, QUEUE, RESOURCES, ROLE, UNPINNED, res } from "./world-fixture";

// The access model's world and reports on the hand-written resources of world-fixture.ts.
describe("access model world, decisions and reports on hand-written resources", () => {
  it("a role's identity gathers inline, role-policy and attached policies; unpinned AWS policies are unknown", () => {
    const w = buildWorld(RESOURCES);
    const role = w.roles.get(ROLE)!;
    const pinned = managedStatements(PINNED)!;
    assert.ok(pinned.length > 0 && pinned[0].ref.startsWith(`${PINNED}@v`));
    assert.deepEqual(
      role.identity.map((s) => s.ref),
      [
        "urn:pulumi:test::platform::aws:iam/role:Role::app#Send",
        "urn:pulumi:test::platform::aws:iam/policy:Policy::custom#Read",
        ...pinned.map((s) => s.ref),
        "urn:pulumi:test::platform::aws:iam/rolePolicy:RolePolicy::rp#Logs",
      ],
    );
    assert.deepEqual(role.unknownManaged, [UNPINNED, UNPINNED + "2"]);
    assert.deepEqual(
      [role.boundaryArn, role.boundary?.map((s) => s.ref)],
      [`arn:aws:iam::${ACC}:policy/boundary`, ["urn:pulumi:test::platform::aws:iam/policy:Policy::boundary#Cap"]],
    );
    assert.equal(w.roles.get(`arn:aws:iam::${ACC}:role/bare`)?.boundary, undefined);
    for (const ref of [ROLE, "app", "app-id"]) assert.equal(w.roleRef(ref), role, ref);
    assert.equal(w.roleRef(42), undefined);
    assert.equal(managedStatements(UNPINNED), undefined);
    assert.deepEqual(
      w.ofType("aws:sns/topic:Topic").map((r) => r.name),
      ["plain", "owned"],
    );
  });

  it("resource policies by ARN: bucket (objects too), queue by URL, topic and key with AWS's defaults, role trust", () => {
    const w = buildWorld(RESOURCES);
    const refs = (arn: string, action = "x:Y") => {
      const p = w.resourcePolicy(arn, action);
      return p && [p.kms, p.statements.map((s) => s.ref)];
    };
    const urn = (t: string, n: string) => `urn:pulumi:test::platform::${t}::${n}`;
    assert.deepEqual(refs("arn:aws:s3:::logs-bucket/a/b"), [
      false,
      [`${urn("aws:s3/bucketPolicy:BucketPolicy", "logs-policy")}#Bare`],
    ]);
    assert.deepEqual(refs("arn:aws:s3:::logs-bucket"), [
      false,
      [`${urn("aws:s3/bucketPolicy:BucketPolicy", "logs-policy")}#Bare`],
    ]);
    assert.equal(refs("arn:aws:s3:::other/x"), undefined);
    assert.deepEqual(refs(QUEUE), [false, [`${urn("aws:sqs/queuePolicy:QueuePolicy", "jobs-policy")}#Bare`]]);
    assert.deepEqual(refs(`arn:aws:sns:us-east-1:${ACC}:plain`), [
      false,
      ["aws-default-topic-policy#__default_statement_ID"],
    ]);
    assert.deepEqual(refs(`arn:aws:sns:us-east-1:${ACC}:owned`), [
      false,
      [`${urn("aws:sns/topicPolicy:TopicPolicy", "owned-policy")}#Only`],
    ]);
    const key = w.resourcePolicy(`arn:aws:kms:us-east-1:${ACC}:key/k`, "kms:Decrypt")!;
    assert.deepEqual(
      key.statements.map((s) => [s.ref, s.principal, s.action, s.resource]),
      [["aws-default-key-policy#Enable IAM User Permissions", { AWS: [`arn:aws:iam::${ACC}:root`] }, ["kms:*"], ["*"]]],
    );
    assert.equal(key.kms, true);
    for (const a of ["sts:AssumeRole", "STS:AssumeRoleWithWebIdentity", "sts:TagSession"])
      assert.deepEqual(refs(ROLE, a), [false, [`${urn("aws:iam/role:Role", "app")}#Statement[0]`]], a);
    assert.equal(refs(ROLE, "iam:PassRole"), undefined);
    assert.equal(refs(`arn:aws:iam::${ACC}:role/bare`, "sts:AssumeRole"), undefined);
  });

  it("the plan's account is the one its inputs' ARNs name most; none named: 000000000000", () => {
    const named = (acct: string, n: string) =>
      res("aws:sns/topic:Topic", n, { displayName: `arn:aws:sns:us-east-1:${acct}:t` });
    assert.equal(
      buildWorld([named("999999999999", "a"), named("999999999999", "b"), named(ACC, "c")]).account,
      "999999999999",
    );
    assert.equal(buildWorld([named(ACC, "a"), named("999999999999", "b"), named(ACC, "c")]).account, ACC);
    assert.equal(buildWorld([res("aws:sns/topic:Topic", "t", {})]).account, "000000000000");
  });

  it("unused grants: a role's own allowed actions no allowed required entry exercises, AWS managed ones aside", () => {
    const w = buildWorld(RESOURCES);
    const entry = (action: string, over: Partial<AccessEntry> = {}): AccessEntry => ({
      requirement: "r",
      kind: "required",
      principal: ROLE,
      action,
      resource: "*",
      allowed: true,
      ok: true,
      ...over,
    });
    const unused = (entries: AccessEntry[]) => unusedGrants(w, entries).map((u) => [u.role, u.urn, u.actions]);
    const urn = "urn:pulumi:test::platform::aws:iam/role:Role::app";
    assert.deepEqual(unused([entry("S3:GETOBJECT"), entry("logs:PutLogEvents")]), [
      [ROLE, urn, ["s3:ListBucket", "sqs:SendMessage"]],
    ]);
    assert.deepEqual(
      unused([
        entry("s3:GetObject", { kind: "forbidden" }),
        entry("s3:ListBucket", { allowed: false }),
        entry("sqs:SendMessage", { principal: `arn:aws:iam::${ACC}:role/bare` }),
      ]),
      [[ROLE, urn, ["logs:PutLogEvents", "s3:GetObject", "s3:ListBucket", "sqs:SendMessage"]]],
    );
    assert.deepEqual(
      unused(["logs:PutLogEvents", "s3:GetObject", "s3:ListBucket", "sqs:SendMessage"].map((a) => entry(a))),
      [],
    );
  });

  it("reports: unused grants of the program's roles, the one-line problems and the violations", () => {
    // A resource no earlier run has seen, so that the report is decided here, not taken from the last one.
    const fresh = [...RESOURCES, res("aws:sns/topic:Topic", `t${Date.now()}${Math.random()}`, {})];
    const r = accessReport(fresh);
    assert.equal(accessReport([...fresh]), r);
    // The report is kept for resources equal in what the model reads: a Kubernetes object's region is not.
    const cm = res("kubernetes:core/v1:ConfigMap", "cm", {});
    const withCm = accessReport([...fresh, cm]);
    assert.notEqual(withCm, r);
    assert.equal(accessReport([...fresh, { ...cm, region: "eu-west-1" }]), withCm);
    const topic = fresh[fresh.length - 1];
    assert.notEqual(accessReport([...fresh.slice(0, -1), { ...topic, region: "eu-west-1" }, cm]), withCm);
    assert.notEqual(accessReport([...fresh, { ...cm, parent: "urn:p" }]), withCm);
    assert.deepEqual(accessEntries(fresh), r.entries);
    assert.deepEqual(r.unused, [
      {
        role: ROLE,
        urn: "urn:pulumi:test::platform::aws:iam/role:Role::app",
        actions: ["logs:PutLogEvents", "s3:GetObject", "s3:ListBucket", "sqs:SendMessage"],
      },
    ]);
    const many = { role: ROLE, urn: "u", actions: Array.from({ length: 14 }, (_, i) => `a:${i}`) };
    assert.equal(
      unusedProblem(many),
      `unused grants: ${ROLE} may 14 action(s) no required access uses: a:0, a:1, a:2, a:3, a:4, a:5, a:6, a:7, a:8, a:9, a:10, a:11 and 2 more`,
    );
    assert.equal(
      unusedProblem({ ...many, actions: ["a:1"] }),
      `unused grants: ${ROLE} may 1 action(s) no required access uses: a:1`,
    );
    const bad = {
      requirement: "x",
      kind: "forbidden" as const,
      principal: "p",
      action: "a:b",
      resource: "r",
      allowed: true,
      ok: false,
      reason: "allowed by s",
    };
    assert.equal(accessProblem(bad), "x (forbidden): p a:b on r is allowed: allowed by s");
    assert.equal(accessProblem({ ...bad, kind: "required", reason: "no" }), "x (required): p a:b on r is denied: no");
    const v = accessViolations({
      entries: [bad, { ...bad, requirement: "deploy-creates-planned-role", urn: "urn:d" }, { ...bad, ok: true }],
      unused: [many],
    });
    assert.deepEqual(
      v.map((x) => [x.policy, x.enforcementLevel, x.urn]),
      [
        [ACCESS_POLICY, "mandatory", ""],
        [ACCESS_ADVISORY_POLICY, "advisory", "urn:d"],
        [ACCESS_ADVISORY_POLICY, "advisory", "u"],
      ],
    );
    assert.deepEqual([ACCESS_POLICY, ACCESS_ADVISORY_POLICY], ["platform-access", "platform-access-advisory"]);
    assert.equal(v[0].message, accessProblem(bad));
    assert.ok(
      Object.values(REQUIREMENTS).every((x) => x.why.length > 0 && /^(https:\/\/|docs\/|components\/)/.test(x.source)),
    );
  });
});
