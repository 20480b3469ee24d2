import { strict as assert } from "assert";
import { resolveSecurity, securitySchema } from "../../components/config/sections/security";
import { withResolvedImages } from "../../components/security/image-digests";
import { imageSource, parseImage, unpinnedImageWarnings } from "../../components/config/images";
import { evaluatePolicies } from "../../policies/lib/offline";
import { imageDigest } from "../../policies/kubernetes/image-digest";
import { ofType, planFor } from "../helpers/plan";
import { configIssues } from "../helpers/stand-in";

const ECR = "111122223333.dkr.ecr.us-east-1.amazonaws.com";
const DIGEST = `sha256:${"b".repeat(64)}`;
const on = { pinDigests: true, mirror: ECR };

describe("security: images pinned by digest", () => {
  describe("planning (pure)", () => {
    it("parses registry, path and tag the way Docker does (first segment is a host only with . or :)", () => {
      assert.deepEqual(parseImage("nginxinc/nginx-unprivileged:1.28.0-alpine"), {
        host: undefined,
        path: "nginxinc/nginx-unprivileged",
        tag: "1.28.0-alpine",
      });
      assert.deepEqual(parseImage("registry:5000/app:2"), { host: "registry:5000", path: "app", tag: "2" });
      assert.deepEqual(parseImage(`${ECR}/team/app`), { host: ECR, path: "team/app" });
    });

    it("a digest stays as is; an ECR tag is looked up; others go to the mirror; with pinning off, tags stay", () => {
      assert.deepEqual(imageSource(`ghcr.io/x/app@${DIGEST}`, on), {
        kind: "digest",
        configured: `ghcr.io/x/app@${DIGEST}`,
        image: `ghcr.io/x/app@${DIGEST}`,
      });
      const own = "222233334444.dkr.ecr.eu-west-1.amazonaws.com/app:3";
      assert.deepEqual(imageSource(own, on), {
        kind: "ecr",
        configured: own,
        registryId: "222233334444",
        region: "eu-west-1",
        host: "222233334444.dkr.ecr.eu-west-1.amazonaws.com",
        repositoryName: "app",
        imageTag: "3",
      });
      const viaMirror = imageSource("ghcr.io/example/frontend:1.0.0", { pinDigests: true, mirror: `${ECR}/mirror/` });
      assert.deepEqual(
        [viaMirror.kind, (viaMirror as { repositoryName: string }).repositoryName],
        ["ecr", "mirror/example/frontend"],
      );
      assert.equal(imageSource("ghcr.io/example/frontend:1.0.0", { pinDigests: true }).kind, "tag");
      assert.equal(imageSource("nginx:1.28.0", { pinDigests: false, mirror: ECR }).kind, "tag");
    });

    it("pinning defaults on in staging and prod only", () => {
      const s = securitySchema.parse({});
      assert.deepEqual(
        ["dev", "staging", "prod"].map((e) => resolveSecurity(s, e).images.pinDigests),
        [false, true, true],
      );
    });

    it("swaps container and init-container images of workloads (CronJobs too), nothing else", () => {
      const resolve = (i: string) => `${i}-resolved`;
      const pod = { initContainers: [{ name: "i", image: "a:1" }], containers: [{ name: "c", image: "b:2" }] };
      const dep = withResolvedImages({ kind: "Deployment", spec: { replicas: 2, template: { spec: pod } } }, resolve);
      assert.deepEqual(dep.spec.template.spec, {
        initContainers: [{ name: "i", image: "a:1-resolved" }],
        containers: [{ name: "c", image: "b:2-resolved" }],
      });
      assert.equal(dep.spec.replicas, 2);
      const cron = withResolvedImages(
        { kind: "CronJob", spec: { jobTemplate: { spec: { template: { spec: pod } } } } },
        resolve,
      );
      assert.equal(cron.spec.jobTemplate.spec.template.spec.containers[0].image, "b:2-resolved");
      const svc = { kind: "Service", spec: { ports: [] } };
      assert.equal(withResolvedImages(svc, resolve), svc);
    });

    it("warns, naming the config key, when pinning is on and nothing resolves an image", () =>
      assert.deepEqual(
        unpinnedImageWarnings(
          { pinDigests: true },
          { "platform:gateway.image": "nginx:1.28.0", "platform:x": `a@${DIGEST}` },
        ),
        [
          'platform:gateway.image: "nginx:1.28.0" cannot be pinned by digest: expected repo@sha256:<64 hex>, an Amazon ECR image (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>), or platform:security.images.mirror naming the ECR registry that holds a copy (k8s-image-digest is mandatory in staging and prod)',
        ],
      ));

    it("prod needs a pinned digest for the Jenkins agent pool and the batch job too, only when they are on", () => {
      // Pulumi.prod.yaml's services and gateway images, without the Jenkins agent's and the batch job's.
      const digests = Object.fromEntries(
        [
          "ghcr.io/example/frontend:1.0.0",
          "ghcr.io/example/user-service:1.0.0",
          "ghcr.io/example/activity-service:1.0.0",
          "ghcr.io/example/notification-service:1.0.0",
          "nginxinc/nginx-unprivileged:1.28.0-alpine",
          "nginx/nginx-prometheus-exporter:1.4.2",
        ].map((ref) => [ref, DIGEST]),
      );
      const prod = (extra: Record<string, unknown>) =>
        configIssues({
          environment: "prod",
          regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }],
          security: { images: { digests } },
          ...extra,
        }).map((i) => [i.path, i.value, i.expected.split(" (")[0]]);
      const missing = (key: string, image: string) => [
        "platform:security.images.digests",
        image,
        `a digest for ${key}`,
      ];
      assert.deepEqual(prod({}), [
        missing("platform:jenkins.agents.image", "jenkins/inbound-agent:3385.vf1123fb_515da_-1"),
        missing("platform:batch.image", "ghcr.io/example/data-processor:1.0.0"),
      ]);
      assert.deepEqual(prod({ jenkins: { enabled: false }, batch: { enabled: false } }), []);
      assert.deepEqual(prod({ jenkins: { enabled: false }, batch: { image: "ghcr.io/example/etl:2.0.0" } }), [
        missing("platform:batch.image", "ghcr.io/example/etl:2.0.0"),
      ]);
    });

    it("a mirror that is not an ECR registry is a config error naming key, value and what was expected", () => {
      const issue = configIssues({
        environment: "dev",
        regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }],
        security: { images: { mirror: "ghcr.io/example" } },
      }).find((i) => i.path === "platform:security.images.mirror");
      assert.equal(issue?.value, "ghcr.io/example");
      assert.ok(
        issue.expected.startsWith("a private Amazon ECR registry, <12-digit account>.dkr.ecr.<region>.amazonaws.com"),
        issue.expected,
      );
    });
  });

  describe("the plans", () => {
    it("prod: every container pulls <mirror>/<path>@sha256 from ECR (the digest its stack file pins); no k8s-image-digest finding", async () => {
      const { plan } = await planFor("prod");
      const images = ofType(plan, "kubernetes:apps/v1:Deployment").flatMap((d) =>
        (d.inputs as any).spec.template.spec.containers.map((c: { image: string }) => c.image),
      );
      // Three regions x (four services, the notification worker, nginx and its exporter) = 21, and the
      // Jenkins agent pool in the primary region.
      assert.equal(images.length, 22);
      for (const i of images)
        assert.match(i, /^111122223333\.dkr\.ecr\.us-east-1\.amazonaws\.com\/[a-z/-]+@sha256:[a-f0-9]{64}$/);
      assert.deepEqual(
        plan.violations.filter((v) => v.policy === "k8s-image-digest"),
        [],
      );
    });

    it("prod with the tags rendered instead (no resolution) fails: one mandatory violation per container", async () => {
      const { plan } = await planFor("prod");
      const tagged = plan.resources.map((r) =>
        r.type === "kubernetes:apps/v1:Deployment"
          ? JSON.parse(
              JSON.stringify(r).replace(
                /111122223333\.dkr\.ecr\.us-east-1\.amazonaws\.com\/([a-z/-]+)@sha256:[a-f0-9]{64}/g,
                "ghcr.io/$1:1.0.0",
              ),
            )
          : r,
      );
      const found = evaluatePolicies(tagged, { environment: "prod", policies: [imageDigest()] });
      assert.equal(found.length, 22);
      assert.ok(found.every((v) => v.enforcementLevel === "mandatory"));
    });

    it("prod pulls the Jenkins agent and the batch job by the digests Pulumi.prod.yaml pins, not a tag's", async () => {
      const { plan } = await planFor("prod");
      const pod = (r: { inputs: unknown }) => {
        const spec = (r.inputs as any).spec;
        return (spec.jobTemplate?.spec ?? spec).template.spec;
      };
      const image = (type: string, name: string) =>
        ofType(plan, type)
          .filter((r) => (r.inputs as any).metadata.name === name)
          .map((r) => pod(r).containers[0].image);
      assert.deepEqual(image("kubernetes:apps/v1:Deployment", "jenkins-agent-pool"), [
        `${ECR}/jenkins/inbound-agent@sha256:0395c61126e95da8640453d2c9f0054fe7ec14cf3de9ac9838cd2d6e72e3ae63`,
      ]);
      assert.deepEqual(image("kubernetes:batch/v1:CronJob", "data-processing"), [
        `${ECR}/example/data-processor@sha256:993281536c02db50f94cf9e53c8851c84fcd6d3d91d23c5f97562c02d78fc444`,
      ]);
    });

    it("dev keeps tags: the finding is advisory, one per container (7 in the apps, the Jenkins agent, the batch job)", async () => {
      const { plan } = await planFor("dev");
      const found = plan.violations.filter((v) => v.policy === "k8s-image-digest");
      assert.deepEqual([found.length, [...new Set(found.map((v) => v.enforcementLevel))]], [7 + 1 + 1, ["advisory"]]);
      assert.equal(found.filter((v) => v.urn.includes("kubernetes:batch/v1:CronJob")).length, 1);
      assert.equal(found.filter((v) => v.urn.includes("jenkins-agent-pool")).length, 1);
    });
  });
});
