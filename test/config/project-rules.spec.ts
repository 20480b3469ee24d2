import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { checkProject, checkStackValues, matchesType } from "../../tools/engine/project-rules";
import { StackFileError, readStackConfig } from "../../tools/engine/stack-config";
import { DEFAULT_ALLOWED_REGIONS } from "../../components/config/regions";
import { DEFAULT_ALLOWED_REGIONS as POLICY_DEFAULT } from "../../policies/stack/aws-allowed-regions";

const ROOT = path.resolve(__dirname, "..", "..");
const messages = (doc: unknown) => checkProject(doc, "Pulumi.yaml").issues.map((i) => `${i.key}: ${i.message}`);

describe("Pulumi CLI project rules (pulumi/pulumi v3.259.0, offline)", () => {
  it("accepts this repository's Pulumi.yaml, every key typed", () => {
    const doc = YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
    assert.deepEqual(messages(doc), []);
    for (const [key, decl] of Object.entries<{ type?: string }>(doc.config)) assert.ok(decl.type, `${key} has no type`);
  });

  it("refuses an array declaration without items (the Pulumi.yaml this fix replaced)", () => {
    assert.deepEqual(messages({ name: "platform", config: { regions: { type: "array", description: "x" } } }), [
      'config.regions: declares type "array" without "items" (e.g. items: { type: object }); the Pulumi CLI refuses this project',
    ]);
    assert.deepEqual(messages({ name: "p", config: { a: { type: "array", items: { type: "array" } } } }), [
      'config.a.items: declares type "array" without "items"; nested arrays need items too',
    ]);
  });

  it("refuses unknown types, unknown attributes, typed defaults of the wrong type, default with value", () => {
    assert.deepEqual(
      messages({
        name: "p",
        config: {
          a: { type: "map" },
          b: { type: "string", defualt: "x" },
          c: { type: "integer", default: "ten" },
          d: { default: 1, value: 2 },
          e: { type: "array", items: { type: "string" }, default: [1] },
        },
      }),
      [
        'config.a.type: got "map"; expected one of string, integer, boolean, array, object',
        "config.b.defualt: not allowed; did you mean 'default'? (allowed: type, items, description, secret, default, value)",
        'config.c.default: got "ten"; expected a value of type integer',
        "config.d: has both 'default' and 'value'; keep one",
        "config.e.default: got [1]; expected a value of type array<string>",
      ],
    );
  });

  it("lets keys of other namespaces carry only a value", () => {
    assert.deepEqual(
      messages({
        name: "p",
        config: { "aws:region": { type: "string", value: "x" }, "aws:profile": { default: "x" } },
      }),
      [
        "config.aws:region: is not in the project's namespace (p) and must not declare a type",
        "config.aws:profile: is not in the project's namespace: use 'value', not 'default'",
      ],
    );
  });

  it("matches values as ValidateConfigValue does (integer strings, boolean strings, whole floats)", () => {
    assert.ok(matchesType("integer", undefined, "42") && matchesType("integer", undefined, 3));
    assert.ok(!matchesType("integer", undefined, 3.5) && !matchesType("integer", undefined, "3.5"));
    assert.ok(matchesType("boolean", undefined, "true") && !matchesType("boolean", undefined, "yes"));
    assert.ok(!matchesType("array", undefined, []), "an array type without items never matches");
    assert.ok(matchesType("array", { type: "object" }, [{}]) && !matchesType("array", { type: "object" }, ["a"]));
  });

  it("checks stack values against declared types, required keys and secret declarations", () => {
    const decls = {
      environment: { type: "string" },
      size: { type: "integer", default: 1 },
      password: { type: "string", secret: true, default: "" },
    };
    const issues = checkStackValues(
      "p",
      decls,
      { "p:size": "big", "p:password": "plain-text-pw" },
      "Pulumi.x.yaml",
    ).map((i) => `${i.key}: ${i.message}`);
    assert.deepEqual(issues, [
      "p:environment: missing; Pulumi.yaml declares it without a default, so every stack sets it",
      'p:size: got "big"; expected a value of type integer, as Pulumi.yaml declares (pulumi preview refuses the stack otherwise)',
      "p:password: must be encrypted: Pulumi.yaml marks it secret; set it with `pulumi config set --secret password`",
    ]);
    assert.ok(!issues.join("\n").includes("plain-text-pw"));
    // A YAML number for a string key is text to the CLI, and a secure value is not type-checked offline.
    assert.deepEqual(checkStackValues("p", decls, { "p:environment": 3, "p:password": { secure: "v1:x" } }, "f"), []);
  });

  it("keeps the config and policy defaults for allowed regions equal", () =>
    assert.deepEqual([...DEFAULT_ALLOWED_REGIONS], [...POLICY_DEFAULT]));
});

describe("stack files read as the CLI reads them", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-files-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const failure = (file: string) => {
    try {
      readStackConfig(ROOT, file);
    } catch (err) {
      assert.ok(err instanceof StackFileError, String(err));
      return err.message;
    }
    return assert.fail("expected a StackFileError");
  };

  it("expands anchors and merge keys into the flat config", () => {
    const file = write(
      "Pulumi.m.yaml",
      "config:\n  platform:environment: dev\n  platform:regions: []\n  platform:network:\n    <<: {azCount: 2}\n    natGateways: single\n",
    );
    assert.equal(readStackConfig(ROOT, file).config["platform:network"], '{"azCount":2,"natGateways":"single"}');
  });

  it("names file and position of a YAML syntax error and never quotes the line", () => {
    const message = failure(write("Pulumi.s.yaml", 'config:\n  platform:dbPassword: "hunter2\n'));
    assert.match(message, /Pulumi\.s\.yaml: YAML syntax error at line \d+, column \d+: Missing closing "quote/);
    assert.ok(!message.includes("hunter2"));
  });

  it("refuses a misspelled top-level config key with a did-you-mean", () => {
    assert.match(
      failure(write("Pulumi.t.yaml", "confg:\n  platform:environment: dev\n")),
      /Pulumi\.t\.yaml: confg: unknown top-level key \(did you mean "config"\?\)/,
    );
  });
});
