// The planned CI roles that ci-roles.spec.ts and ci-roles-engine.spec.ts share.
import { parseCiRolesInput, planCiRoles, type PolicyStatement } from "../../components/bootstrap/ci-roles";

export const PROVIDER = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
export const input = parseCiRolesInput({ repository: "example-org/platform" });
export const plans = planCiRoles(input);
export const byKey = (key: string) => plans.find((p) => p.key === key)!;
export const actions = (s: PolicyStatement) => [s.Action ?? []].flat();
