import { strict as assert } from "assert";
import { formatIssue } from "../../components/config";
import {
  ecrRegistryOf,
  imageIssues,
  imageSource,
  mirrored,
  parseImage,
  platformImages,
  unpinnedImageWarnings,
} from "../../components/config/images";
import { resolveSecurity, securitySchema, sharedAccountWarnings } from "../../components/config/sections/security";
import { regionIssues } from "../../components/config/sections/core-rules";
import { configIssues } from "../helpers/stand-in";

/**
 * Image references as the distribution reference grammar reads them (the first path component is
 * a registry host when it holds "." or ":" or is "localhost"; the tag follows the last ":" of the
 * rest; a digest follows "@"), Amazon ECR hosts as <12-digit account>.dkr.ecr.<region>.amazonaws.com,
 * and the digest rules of staging and prod.
 */
const ECR = "111122223333.dkr.ecr.eu-west-1.amazonaws.com";
const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("image references, sources and digest rules", () => {
  it("parses host, path and tag", () => {
    assert.deepEqual(parseImage("nginx:1.27"), { host: undefined, path: "nginx", tag: "1.27" });
    assert.deepEqual(parseImage("library/nginx"), { host: undefined, path: "library/nginx" });
    assert.deepEqual(parseImage("ghcr.io/example/api:1.0.0"), { host: "ghcr.io", path: "example/api", tag: "1.0.0" });
    assert.deepEqual(parseImage("localhost:5000/api:2"), { host: "localhost:5000", path: "api", tag: "2" });
    assert.deepEqual(parseImage("localhost/api"), { host: "localhost", path: "api" });
    assert.deepEqual(parseImage(`ghcr.io/example/api@${DIGEST}`), { host: "ghcr.io", path: "example/api" });
  });

  it("recognises ECR hosts only", () => {
    assert.deepEqual(ecrRegistryOf(ECR), { registryId: "111122223333", region: "eu-west-1" });
    assert.equal(ecrRegistryOf("11112222333.dkr.ecr.eu-west-1.amazonaws.com"), undefined);
    assert.equal(ecrRegistryOf("ghcr.io"), undefined);
    assert.equal(ecrRegistryOf(undefined), undefined);
    assert.equal(mirrored("ghcr.io/example/api:1.0.0", `${ECR}/mirror//`), `${ECR}/mirror/example/api:1.0.0`);
    assert.equal(mirrored("nginx", ECR), `${ECR}/nginx`);
  });

  it("sources: a digest as is; tags unless pinning; ECR tags resolved; configured pins used", () => {
    const tagged = "ghcr.io/example/api:1.0.0";
    assert.deepEqual(imageSource(`x/y@${DIGEST}`, { pinDigests: true }), {
      kind: "digest",
      configured: `x/y@${DIGEST}`,
      image: `x/y@${DIGEST}`,
    });
    assert.deepEqual(imageSource(tagged, { pinDigests: false, mirror: ECR }), {
      kind: "tag",
      configured: tagged,
      image: tagged,
    });
    assert.deepEqual(imageSource(tagged, { pinDigests: true }), { kind: "tag", configured: tagged, image: tagged });
    assert.deepEqual(imageSource(tagged, { pinDigests: true, mirror: ECR }), {
      kind: "ecr",
      configured: tagged,
      registryId: "111122223333",
      region: "eu-west-1",
      host: ECR,
      repositoryName: "example/api",
      imageTag: "1.0.0",
    });
    assert.deepEqual(imageSource(tagged, { pinDigests: true, digests: { [tagged]: DIGEST } }), {
      kind: "pinned",
      configured: tagged,
      image: `ghcr.io/example/api@${DIGEST}`,
    });
    const own = `${ECR}/api:3`;
    assert.deepEqual(
      imageSource(own, {
        pinDigests: true,
        mirror: "999988887777.dkr.ecr.us-east-1.amazonaws.com",
        digests: { [own]: DIGEST },
      }),
      {
        kind: "pinned",
        configured: own,
        image: `${ECR}/api@${DIGEST}`,
        check: {
          registryId: "111122223333",
          region: "eu-west-1",
          repositoryName: "api",
          imageTag: "3",
          imageDigest: DIGEST,
        },
      },
    );
    assert.deepEqual(imageSource("nginx", { pinDigests: true, digests: { nginx: DIGEST } }), {
      kind: "pinned",
      configured: "nginx",
      image: `nginx@${DIGEST}`,
    });
    assert.equal(imageSource(`${ECR}/api`, { pinDigests: true }).kind, "tag");
  });

  it("digest issues: malformed pins, prod images without one (once each), a mirror that is not ECR", () => {
    const got: string[] = [];
    const add = (path: string, value: unknown, expected: string) => got.push(formatIssue({ path, value, expected }));
    imageIssues({ pinDigests: true, digests: { "a:1": "sha256:XYZ", "b:1": DIGEST }, mirror: "ghcr.io/mirror" }, add, {
      images: {
        "platform:services[0].image": "c:1",
        "platform:services[1].image": "c:1",
        "platform:gateway.image": "b:1",
        "platform:x": `d@${DIGEST}`,
      },
    });
    assert.deepEqual(got, [
      'platform:security.images.digests: got "sha256:XYZ"; expected a digest sha256:<64 lowercase hex> for a:1',
      'platform:security.images.digests: got "c:1"; expected a digest for platform:services[0].image ("c:1": sha256:<64 hex>, read from the registry when the image is released; prod never resolves a tag at deploy time)',
      'platform:security.images.mirror: got "ghcr.io/mirror"; expected a private Amazon ECR registry, <12-digit account>.dkr.ecr.<region>.amazonaws.com[/prefix] (the program asks ECR for each tag\'s digest at deploy time)',
    ]);
    got.length = 0;
    imageIssues({ pinDigests: false, mirror: `${ECR}/prefix` }, add, { images: { "platform:x": "c:1" } });
    imageIssues({ pinDigests: true }, add);
    assert.deepEqual(got, []);
  });

  it("platform images: services, gateway, and Jenkins agents and batch only when on", () => {
    const services = [{ image: "s:1" }];
    const gateway = { image: "g:1", exporterImage: "e:1" };
    assert.deepEqual(platformImages(services, gateway), {
      "platform:services[0].image": "s:1",
      "platform:gateway.image": "g:1",
      "platform:gateway.exporterImage": "e:1",
    });
    const more = { jenkins: { enabled: true, agents: { image: "j:1" } }, batch: { enabled: true, image: "b:1" } };
    assert.equal(platformImages(services, gateway, more)["platform:jenkins.agents.image"], "j:1");
    assert.equal(platformImages(services, gateway, more)["platform:batch.image"], "b:1");
    const off = { jenkins: { enabled: false, agents: { image: "j:1" } }, batch: { enabled: false, image: "b:1" } };
    assert.equal(Object.keys(platformImages(services, gateway, off)).length, 3);
  });

  it("warns about images that cannot be pinned while pinning", () => {
    const images = { "platform:gateway.image": "ghcr.io/x/g:1", "platform:x": `${ECR}/x:1` };
    assert.deepEqual(unpinnedImageWarnings({ pinDigests: false }, images), []);
    assert.deepEqual(unpinnedImageWarnings({ pinDigests: true }, images), [
      'platform:gateway.image: "ghcr.io/x/g:1" cannot be pinned by digest: expected repo@sha256:<64 hex>, an Amazon ECR image (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>), or platform:security.images.mirror naming the ECR registry that holds a copy (k8s-image-digest is mandatory in staging and prod)',
    ]);
  });

  it("security defaults: detective services on in prod unless delegated; digests pinned in staging and prod", () => {
    const s = (c: Record<string, unknown>, env: string) => resolveSecurity(securitySchema.parse(c), env);
    assert.deepEqual(s({}, "prod"), {
      guardDuty: true,
      awsConfig: true,
      securityHub: true,
      configRetentionDays: 365,
      images: { pinDigests: true },
      sharedAccount: false,
    });
    assert.deepEqual(s({ delegatedAdministrator: true }, "prod").guardDuty, false);
    assert.deepEqual(
      s({ guardDuty: true, images: { mirror: ECR, digests: { a: DIGEST } }, accountId: "111122223333" }, "dev"),
      {
        guardDuty: true,
        awsConfig: false,
        securityHub: false,
        configRetentionDays: 365,
        images: { pinDigests: false, mirror: ECR, digests: { a: DIGEST } },
        accountId: "111122223333",
        sharedAccount: false,
      },
    );
    assert.equal(s({}, "staging").images.pinDigests, true);
    assert.deepEqual(sharedAccountWarnings({ sharedAccount: false }, "prod"), []);
    assert.match(
      sharedAccountWarnings({ sharedAccount: true, accountId: "111122223333" }, "staging")[0],
      /^SHARED ACCOUNT: platform:security\.sharedAccount is true, so 111122223333 also holds another environment's stack\. .* staging stack's secrets/,
    );
    assert.match(sharedAccountWarnings({ sharedAccount: true }, "dev")[0], /so this account also holds/);
  });

  it("prod names its account; Jenkins runs in a stack region and needs observability", () => {
    const account = (environment: string, accountId?: string) =>
      regionIssues({ environment, security: securitySchema.parse(accountId ? { accountId } : {}) } as never).map(
        formatIssue,
      );
    assert.deepEqual(account("prod"), [
      "platform:security.accountId: got (missing); expected the 12-digit id of prod's own AWS account (prod refuses to run in any other; docs/security.md, Accounts)",
    ]);
    assert.deepEqual(account("prod", "111122223333"), []);
    assert.deepEqual(account("staging"), []);
    const dev = { environment: "dev", regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }] };
    const jenkins = (j: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      configIssues({ ...dev, jenkins: { enabled: true, ...j }, ...extra })
        .filter((i) => i.path.startsWith("platform:jenkins"))
        .map(formatIssue);
    assert.deepEqual(jenkins({ region: "us-east-1" }), []);
    assert.deepEqual(jenkins({ region: "eu-west-1" }), [
      'platform:jenkins.region: got "eu-west-1"; expected one of the stack\'s regions (us-east-1); Jenkins runs one controller in one region',
    ]);
    assert.deepEqual(jenkins({}, { observability: { enabled: false } }), [
      "platform:jenkins.enabled: got true; expected false while platform:observability.enabled is false (the agents scale on Jenkins metrics Prometheus scrapes)",
    ]);
  });
});
