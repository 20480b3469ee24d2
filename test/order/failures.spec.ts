import { strict as assert } from "assert";
import { planFor } from "../helpers/plan";
import type { Plan } from "../../tools/plan-lib";
import { add, dropDependency, fixture, mandatory, named, remove, type Fixture } from "./plant";

/**
 * The failures a first `pulumi up` or a second one met, planted again on the prod plan: each makes
 * the model report a mandatory violation naming both resources (or the resource and what changes
 * its input) and the source of the rule; the unplanted fixture has none.
 */
describe("order model: the failures planted again on the prod plan", () => {
  let prod: Plan;
  const f = (): Fixture => fixture(prod);
  const messages = (x: Fixture) => mandatory(x).map((v) => v.message);
  before(async () => {
    prod = (await planFor("prod")).plan;
  });

  it("the fixture as planned has no mandatory finding", () => {
    assert.deepEqual(messages(f()), []);
  });

  it("KEDA: a ScaledObject with cpu triggers created before its Deployment", () => {
    const x = dropDependency(f(), "us-west-2-workloads-so-user-service", "us-west-2-workloads-deploy-user-service");
    const [m, ...more] = messages(x);
    assert.deepEqual(more, []);
    assert.match(
      m,
      /^us-west-2-workloads-so-user-service \(kubernetes:keda\.sh\/v1alpha1:ScaledObject\) must depend on us-west-2-workloads-deploy-user-service \(kubernetes:apps\/v1:Deployment\) \(keda-scaledobject-target: .*\)\. Source: kedacore\/keda apis\/keda\/v1alpha1\/scaledobject_webhook\.go/,
    );
  });

  it("KEDA: a ScaledObject without cpu or memory triggers is not looked up by the webhook", () => {
    const x = f();
    const so = named(x, "us-west-2-workloads-so-user-service");
    const spec = so.inputs.spec as { triggers: { type: string }[] };
    spec.triggers = spec.triggers.filter((t) => t.type !== "cpu" && t.type !== "memory");
    assert.ok(spec.triggers.length > 0);
    dropDependency(x, so.name, "us-west-2-workloads-deploy-user-service");
    assert.deepEqual(messages(x), []);
  });

  it("k6-operator: the chart's own Namespace beside the program's (namespace.create default true)", () => {
    const x = f();
    const ns = add(x, "us-west-2-workloads-keda-namespace", "us-west-2-loadtests-namespace", {});
    (ns.inputs.metadata as { name: string }).name = "loadtest";
    const rel = add(x, "us-west-2-workloads-keda", "us-west-2-loadtests-k6-operator", { dependencies: [ns.urn] });
    Object.assign(rel.inputs, {
      chart: "k6-operator",
      version: "4.6.0",
      namespace: "loadtest",
      values: { installCRDs: true },
    });
    assert.deepEqual(messages(x), [
      "us-west-2-loadtests-k6-operator (kubernetes:helm.sh/v3:Release) renders core/Namespace loadtest (namespace.create), which the program also creates as us-west-2-loadtests-namespace (kubernetes:core/v1:Namespace); Helm refuses to adopt an object it did not create. Set namespace.create: false. Source: grafana/k6-operator charts/k6-operator/templates/namespace.yaml and values.yaml (namespace.create: true) at helm-k6-operator-4.6.0, read in the upstream tag",
    ]);
    rel.inputs.values = { installCRDs: true, namespace: { create: false } };
    assert.deepEqual(messages(x), []);
  });

  it("CodeBuild webhook through the connection the same update creates (PENDING)", () => {
    const x = f();
    const project = named(x, "us-east-1-cluster-deployer");
    add(x, "us-east-1-cluster-deployer", "us-east-1-cluster-deployer-webhook", {
      type: "aws:codebuild/webhook:Webhook",
      inputs: { projectName: project.inputs.name, buildType: "BUILD" },
      dependencies: [project.urn],
    });
    const [m, ...more] = messages(x);
    assert.deepEqual(more, []);
    assert.match(
      m,
      /^us-east-1-cluster-deployer-webhook \(aws:codebuild\/webhook:Webhook\) needs us-east-1-cluster-deployer-github \(aws:codeconnections\/connection:Connection\) AVAILABLE, but the plan creates the connection in the same update, where it stays PENDING .*Source: https:\/\/docs\.aws\.amazon\.com\/dtconsole\/latest\/userguide\/connections-update\.html \(connections created by the CLI or CloudFormation are PENDING\); https:\/\/github\.com\/hashicorp\/terraform-provider-aws\/issues\/40656$/,
    );
    named(x, "us-east-1-cluster-deployer-github").inputs.tags = { "platform.io/handshake": "completed" };
    assert.deepEqual(messages(x), []);
  });

  it("AWS Config: the recorder role without its S3 grant", () => {
    const x = remove(f(), "security-config-delivery");
    const found = messages(x);
    assert.equal(found.length, 3);
    for (const region of ["us-east-1", "us-west-2", "eu-west-1"])
      assert.ok(
        found.includes(
          `security-${region}-config-channel (aws:cfg/deliveryChannel:DeliveryChannel) needs security-config-role (aws:iam/role:Role) to allow s3:PutObject, s3:GetBucketAcl on bucket platform-prod-config-123456789012 (config-role-can-deliver: for a bucket in the same account Config writes with the recorder's role; AWS_ConfigRole grants no S3 access, so PutDeliveryChannel fails with InsufficientDeliveryPolicyException). Source: https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html (IAM role policy for the S3 bucket); https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWS_ConfigRole.html`,
        ),
        region,
      );
  });

  it("AWS Config: a grant without s3:GetBucketAcl names only that action; a grant the channel does not wait for is an order violation", () => {
    const x = f();
    const grant = named(x, "security-config-delivery");
    const doc = JSON.parse(grant.inputs.policy as string);
    doc.Statement = doc.Statement.filter((s: { Action: string }) => s.Action !== "s3:GetBucketAcl");
    grant.inputs.policy = JSON.stringify(doc);
    assert.ok(messages(x).every((m) => / to allow s3:GetBucketAcl on bucket /.test(m)));
    const y = dropDependency(f(), "security-eu-west-1-config-channel", "security-config-delivery");
    assert.match(
      messages(y)[0],
      /^security-eu-west-1-config-channel \(aws:cfg\/deliveryChannel:DeliveryChannel\) must depend on security-config-delivery \(aws:iam\/rolePolicy:RolePolicy\) \(role-permissions-before-use: /,
    );
  });

  it("the second up: the GlobalCluster's engineVersion without ignoreChanges", () => {
    const x = f();
    named(x, "database-global").options!.ignoreChanges = [];
    assert.deepEqual(messages(x), [
      'database-global (aws:rds/globalCluster:GlobalCluster) sets engineVersion = "16.13", which AWS upgrades the minor version of every global database member (automatic minor upgrades, and at the end of a minor version\'s standard support); every later up would set it back. Add "engineVersion" to ignoreChanges or stop setting it (aurora-global-engine-version). Source: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-upgrade.html; https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_global_cluster (Upgrading Engine Versions: ignore_changes engine_version)',
    ]);
  });

  it("one DNS record, several owners: a regional certificate's own record for the shared origin name", () => {
    const x = f();
    add(x, "platform-origin-cert-validation", "us-west-2-edge-cert-validation-1", {});
    const [m, ...more] = messages(x);
    assert.deepEqual(more, []);
    assert.match(
      m,
      /^us-west-2-edge-cert-validation-1 \(aws:route53\/record:Record\) and platform-origin-cert-validation \(aws:route53\/record:Record\) own one DNS record \(CNAME _0123456789abcdef\.origin\.example\.com\.\); removing one owner deletes the record the others rely on/,
    );
  });
});
