import { strict as assert } from "node:assert";
import { dependsOn, guardUnknowns, known, read, readConfig, urnTypeChain } from "../lib/policy";
import { resourceArgs, runResource, stackResource } from "./harness";

/** Named like @pulumi/policy's error for a value unknown during preview (matched by name). */
class UnknownValueError extends Error {}

describe("policy helpers: read", () => {
  it("tells an unknown value apart from a known one", () => {
    assert.deepEqual(
      read(() => 3),
      { known: true, value: 3 },
    );
    assert.equal(
      read(() => {
        throw new UnknownValueError("unknown");
      }).known,
      false,
    );
  });

  it("lets any other error through: a bug in a policy is not an unknown value", () => {
    assert.throws(
      () =>
        read(() => {
          throw new TypeError("boom");
        }),
      TypeError,
    );
  });
});

describe("policy helpers: readConfig", () => {
  const defaults = { environment: "prod", protectedEnvironments: ["prod"] };
  const argsWith = (config: Record<string, unknown>) => resourceArgs("t:m:T", {}, { config });

  it("keeps each default the config does not give, and takes each value it gives", () => {
    assert.deepEqual(readConfig(argsWith({ protectedEnvironments: ["staging"] }), defaults), {
      environment: "prod",
      protectedEnvironments: ["staging"],
    });
  });

  it("keeps the default where the config gives undefined", () => {
    assert.deepEqual(readConfig(argsWith({ environment: undefined }), defaults), defaults);
  });

  it("does not pass the enforcementLevel key the CLI adds to every policy's config", () => {
    assert.deepEqual(readConfig(argsWith({ enforcementLevel: "advisory" }), defaults), defaults);
  });
});

describe("policy helpers: dependsOn", () => {
  const target = stackResource("aws:kms/key:Key", "key", {});
  const other = stackResource("aws:kms/key:Key", "other", {});
  const r = (dependencies: (typeof target)[], propertyDependencies: Record<string, (typeof target)[]>) =>
    stackResource("aws:rds/cluster:Cluster", "db", {}, { dependencies, propertyDependencies });

  it("looks only at the named property's dependencies when it has any", () => {
    assert.equal(dependsOn(r([target], { kmsKeyId: [other] }), target, "kmsKeyId"), false);
    assert.equal(dependsOn(r([other], { kmsKeyId: [target] }), target, "kmsKeyId"), true);
  });

  it("falls back to all dependencies when the property has none recorded", () => {
    assert.equal(dependsOn(r([target], { kmsKeyId: [] }), target, "kmsKeyId"), true);
    assert.equal(dependsOn(r([other], {}), target, "kmsKeyId"), false);
  });
});

describe("policy helpers: urnTypeChain", () => {
  // https://www.pulumi.com/docs/iac/concepts/resources/names/#urns (read 2026-12-07):
  // urn:pulumi:<stack>::<project>::<parent-type>$<type>::<name>
  it("lists the type chain outermost first", () => {
    assert.deepEqual(urnTypeChain("urn:pulumi:prod::platform::platform:data:Tier$aws:rds/cluster:Cluster::db"), [
      "platform:data:Tier",
      "aws:rds/cluster:Cluster",
    ]);
  });

  it("gives nothing for a string that is not a URN", () => {
    assert.deepEqual(urnTypeChain("aws:rds/cluster:Cluster::db"), []);
  });
});

describe("policy helpers: guardUnknowns", () => {
  const unknownRead = () => {
    throw new UnknownValueError("unknown");
  };
  const policy = (readUnknown: boolean, violate: boolean) =>
    guardUnknowns({
      name: "p",
      description: "d",
      validateResource: (_args, report) => {
        if (readUnknown) known(unknownRead);
        if (violate) report("bad");
      },
    }) as Parameters<typeof runResource>[0];
  const args = resourceArgs("t:m:T", {});

  it("rethrows the unknown instead of a violation decided on it", () => {
    assert.throws(() => runResource(policy(true, true), args), UnknownValueError);
  });

  it("reports a violation when no unknown was read", () => {
    assert.deepEqual(runResource(policy(false, true), args), { messages: ["bad"] });
  });

  it("stays silent when an unknown was read but nothing is reported", () => {
    assert.deepEqual(runResource(policy(true, false), args), { messages: [] });
  });

  it("passes an asynchronous policy's reports through", async () => {
    const messages: string[] = [];
    const p = guardUnknowns({
      name: "p",
      description: "d",
      validateResource: async (_args, report) => {
        report("early");
        await Promise.resolve();
        report("late");
      },
    }) as Parameters<typeof runResource>[0];
    const v = p.validateResource as (a: typeof args, r: (m: string) => void) => Promise<void>;
    await v(args, (m) => messages.push(m));
    assert.deepEqual(messages, ["early", "late"]);
  });
});
