import { strict as assert } from "assert";
import { imageIssues, imageSource } from "../../components/config/images";
import { pinnedImageAfterCheck } from "../../components/security/image-digests";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { ofType, planFor, ROOT } from "../helpers/plan";

// Prod pulls the digests review saw: pinned in config, checked against immutable ECR tags.
const ECR = "444455556666.dkr.ecr.eu-west-1.amazonaws.com";
const PIN = `sha256:${"c".repeat(64)}`;
const settings = { pinDigests: true, mirror: `${ECR}/mirror`, digests: { "ghcr.io/example/app:2.0.0": PIN } };

describe("supply chain: images pinned in config", () => {
  it("a pinned image pulls its configured digest from the mirror; the tag is only checked, never followed", () => {
    const src = imageSource("ghcr.io/example/app:2.0.0", settings);
    assert.deepEqual(src, {
      kind: "pinned",
      configured: "ghcr.io/example/app:2.0.0",
      image: `${ECR}/mirror/example/app@${PIN}`,
      check: {
        registryId: "444455556666",
        region: "eu-west-1",
        repositoryName: "mirror/example/app",
        imageTag: "2.0.0",
        imageDigest: PIN,
      },
    });
  });

  it("a mutable ECR repository is refused; an immutable one (or an answer offline cannot know) passes", () => {
    const src = imageSource("ghcr.io/example/app:2.0.0", settings);
    if (src.kind !== "pinned") throw new Error(src.kind);
    assert.throws(
      () => pinnedImageAfterCheck(src, "MUTABLE"),
      /imageTagMutability MUTABLE; pinned digests need IMMUTABLE/,
    );
    assert.equal(pinnedImageAfterCheck(src, "IMMUTABLE"), `${ECR}/mirror/example/app@${PIN}`);
    assert.equal(pinnedImageAfterCheck(src, undefined), `${ECR}/mirror/example/app@${PIN}`);
  });

  it("in prod a tag without a digest, and a malformed digest, are config errors; outside prod tags may stay", () => {
    const issues: string[] = [];
    const add = (p: string, v: unknown, e: string) => issues.push(`${p}: ${JSON.stringify(v)}: ${e}`);
    const images = {
      "platform:services[0].image": "ghcr.io/example/app:2.0.0",
      "platform:gateway.image": "nginx:1.28",
    };
    imageIssues({ ...settings, digests: { ...settings.digests, "x:1": "sha256:12" } }, add, { images });
    assert.deepEqual(issues, [
      'platform:security.images.digests: "sha256:12": a digest sha256:<64 lowercase hex> for x:1',
      'platform:security.images.digests: "nginx:1.28": a digest for platform:gateway.image ("nginx:1.28": sha256:<64 hex>, read from the registry when the image is released; prod never resolves a tag at deploy time)',
    ]);
    issues.length = 0;
    imageIssues(settings, add);
    assert.deepEqual(issues, []);
  });

  it("prod plan: every digest Pulumi.prod.yaml pins is pulled (services, gateway, Jenkins agent, batch job)", async () => {
    const { plan } = await planFor("prod");
    const stack = YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8"));
    const pins = Object.values(stack.config["platform:security"].images.digests as Record<string, string>);
    type Pod = { template: { spec: { containers: { image: string }[] } } };
    const images = [
      ...ofType(plan, "kubernetes:apps/v1:Deployment").map((d) => d.inputs.spec as Pod),
      // The batch job's pod template sits one level deeper (CronJob -> Job).
      ...ofType(plan, "kubernetes:batch/v1:CronJob").map(
        (c) => (c.inputs.spec as { jobTemplate: { spec: Pod } }).jobTemplate.spec,
      ),
    ].flatMap((p) => p.template.spec.containers.map((c) => c.image));
    for (const pin of pins)
      assert.ok(
        images.some((i) => i.endsWith(`@${pin}`)),
        `no container pulls ${pin}`,
      );
  }).timeout(120_000);
});
