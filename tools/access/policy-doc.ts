/** The IAM evaluator is part of the policy pack (policies/lib/access), which uses it on its own. */
export * from "../../policies/lib/access/policy-doc";
