import { strict as assert } from "node:assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { evaluatePolicies, policyConfigFor } from "../lib/offline";
import { cleanPlan, find } from "./plan-fixture";
import { urnOf } from "./harness";

const SERVICE = "kubernetes:core/v1:Service";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const BUCKET = "aws:s3/bucket:Bucket";

describe("policies: offline evaluator", () => {
  for (const environment of ["dev", "prod"])
    it(`reports nothing for a clean plan in ${environment}`, () =>
      assert.deepEqual(evaluatePolicies(cleanPlan(environment), { environment }), []));

  it("reports a planted LoadBalancer Service as a mandatory violation on that Service", () => {
    const plan = cleanPlan();
    (find(plan, SERVICE, "user-service").inputs.spec as { type?: string }).type = "LoadBalancer";
    assert.deepEqual(evaluatePolicies(plan, { environment: "dev" }), [
      {
        policy: "k8s-no-external-service",
        enforcementLevel: "mandatory",
        urn: urnOf(SERVICE, "user-service"),
        message: "Service type LoadBalancer is not allowed; use ClusterIP behind the ALB TargetGroupBinding",
      },
    ]);
  });

  it("reports a bucket whose public access block is missing (stack policy)", () => {
    const plan = cleanPlan().filter((r) => r.name !== "alb-logs-pab");
    assert.deepEqual(evaluatePolicies(plan, { environment: "dev" }), [
      {
        policy: "aws-s3-public-access-block",
        enforcementLevel: "mandatory",
        urn: urnOf(BUCKET, "alb-logs"),
        message: 'S3 bucket "alb-logs" has no BucketPublicAccessBlock',
      },
    ]);
  });

  it("makes hygiene policies mandatory in prod only", () => {
    const plan = cleanPlan();
    const deployment = find(plan, DEPLOYMENT, "user-service").inputs as {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    delete deployment.spec.template.spec.containers[0].readinessProbe;
    const expected = (enforcementLevel: string) => [
      {
        policy: "k8s-probes",
        enforcementLevel,
        urn: urnOf(DEPLOYMENT, "user-service"),
        message: 'container "app" must define a readinessProbe',
      },
    ];
    assert.deepEqual(evaluatePolicies(plan, { environment: "dev" }), expected("advisory"));
    const prodPlan = cleanPlan("prod");
    delete (find(prodPlan, DEPLOYMENT, "user-service").inputs as typeof deployment).spec.template.spec.containers[0]
      .readinessProbe;
    assert.deepEqual(evaluatePolicies(prodPlan, { environment: "prod" }), expected("mandatory"));
  });

  it("honours per-policy config: level overrides and policy settings", () => {
    const plan = cleanPlan();
    (find(plan, SERVICE, "user-service").inputs.spec as { type?: string }).type = "NodePort";
    assert.deepEqual(
      evaluatePolicies(plan, { environment: "dev", config: { "k8s-no-external-service": "disabled" } }),
      [],
    );
    const regions = evaluatePolicies(cleanPlan(), {
      environment: "dev",
      config: { "aws-allowed-regions": { allowedRegions: ["eu-west-1"] } },
    });
    // One violation per disallowed region (all 9 AWS resources of the clean plan are in us-east-1).
    assert.equal(regions.length, 1);
    assert.ok(regions.every((v) => v.policy === "aws-allowed-regions" && v.enforcementLevel === "mandatory"));
    assert.match(
      regions[0].message,
      /^9 AWS resources \(first: aws:ec2\/vpc:Vpc "vpc"\) are in region us-east-1, allowed: eu-west-1;/,
    );
  });

  it("checks the environment tag against the stack's environment", () => {
    const violations = evaluatePolicies(cleanPlan("dev"), { environment: "staging" });
    assert.equal(violations.length, 6);
    assert.deepEqual(violations[0], {
      policy: "aws-required-tags",
      enforcementLevel: "mandatory",
      urn: urnOf("aws:ec2/vpc:Vpc", "vpc"),
      message: 'aws:ec2/vpc:Vpc "vpc" has tag environment=dev, expected staging',
    });
  });

  it("resolves provider references of the form urn::id", () => {
    const plan = cleanPlan("prod").map((r) => (r.provider ? { ...r, provider: `${r.provider}::04da6b54` } : r));
    assert.deepEqual(evaluatePolicies(plan, { environment: "prod" }), []);
  });

  it("reports AWS resources without provider (default provider) once per resource", () => {
    const plan = cleanPlan();
    find(plan, "aws:kms/key:Key", "eks-secrets").provider = null;
    const violations = evaluatePolicies(plan, { environment: "dev" }).map((v) => `${v.policy}: ${v.message}`);
    assert.deepEqual(violations, [
      'aws-no-default-provider: aws:kms/key:Key "eks-secrets" uses no explicit provider; pass the regional aws.Provider',
      'aws-allowed-regions: aws:kms/key:Key "eks-secrets" has no region pinned on its provider',
      'aws-required-tags: aws:kms/key:Key "eks-secrets" is missing tags: project, stack, environment, region, managed-by',
    ]);
  });

  it("treats notApplicable as no violation", () => {
    const plan = cleanPlan();
    Object.assign(find(plan, "aws:kms/key:Key", "eks-secrets").inputs, {
      enableKeyRotation: false,
      customerMasterKeySpec: "ECC_NIST_P256",
    });
    assert.deepEqual(evaluatePolicies(plan, { environment: "dev" }), []);
  });

  it("refuses asynchronous policies instead of silently dropping their violations", () => {
    const asyncPolicy: ResourceValidationPolicy = {
      name: "async",
      description: "d",
      enforcementLevel: "mandatory",
      validateResource: async () => {},
    };
    assert.throws(() => evaluatePolicies(cleanPlan(), { environment: "dev", policies: [asyncPolicy] }), {
      message: "policy async returned a Promise; the offline evaluator only runs synchronous policies",
    });
  });

  it("passes the getConfig, stackTags and provider the engine would", () => {
    const seen: unknown[] = [];
    const probe: ResourceValidationPolicy = {
      name: "probe",
      description: "d",
      enforcementLevel: "advisory",
      validateResource: (args) => {
        if (args.name === "vpc")
          seen.push(args.getConfig(), args.provider?.props.region, args.stackTags.size, args.opts.parent);
      },
    };
    evaluatePolicies(cleanPlan(), {
      environment: "dev",
      policies: [probe],
      config: { probe: { enforcementLevel: "mandatory", limit: 3 } },
    });
    assert.deepEqual(seen, [{ limit: 3 }, "us-east-1", 0, undefined]);
  });

  it("policyConfigFor escalates the strict policies in prod and pins the environment tag", () => {
    assert.deepEqual(policyConfigFor("dev"), {
      "aws-allowed-regions": { allowedRegions: ["us-east-1", "us-west-2", "eu-west-1"] },
      "aws-required-tags": { environment: "dev" },
      "aws-detection-services": { required: [] },
    });
    const prod = policyConfigFor("prod", { allowedRegions: ["us-east-1"] });
    assert.deepEqual(prod["aws-allowed-regions"], { allowedRegions: ["us-east-1"] });
    assert.deepEqual(
      Object.entries(prod)
        .filter(([, v]) => typeof v === "object" && v.enforcementLevel === "mandatory")
        .map(([k]) => k),
      [
        "aws-detection-services",
        "cost-budget",
        "aws-alarm-subscriptions",
        "aws-security-group-descriptions",
        "aws-s3-encryption",
        "aws-s3-log-bucket-versioning",
        "aws-rds-iam-auth",
        "aws-rds-performance-insights",
        "aws-waf-logging",
        "k8s-read-only-root-filesystem",
        "k8s-probes",
        "k8s-image-digest",
        "k8s-pdb-for-replicated",
        "mesh-mtls-strict",
      ],
    );
  });
});
