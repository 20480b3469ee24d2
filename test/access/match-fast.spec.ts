import { strict as assert } from "assert";
import fc from "fast-check";
import {
  actionMatches,
  coversRequest,
  glob,
  principalMatch,
  resourceMatches,
  statementPrincipal,
  type RequestPrincipal,
} from "../../policies/lib/access/match";
import { statementsOf, type Statement } from "../../policies/lib/access/policy-doc";

// The Action, Resource and Principal elements as the IAM User Guide describes them
// (reference_policies_elements_action.html, _resource.html, _principal.html): `*` matches any run of
// characters (none included), `?` exactly one; every other character stands for itself; action names
// compare without regard to case, resource ARNs with it. The oracle below is a plain backtracking
// matcher written from that sentence, independent of the evaluator's regular expressions.
function wildcard(pattern: string, text: string): boolean {
  if (pattern === "") return text === "";
  const [p, rest] = [pattern[0], pattern.slice(1)];
  if (p === "*") return [...Array(text.length + 1).keys()].some((i) => wildcard(rest, text.slice(i)));
  if (text === "") return false;
  return (p === "?" || p === text[0]) && wildcard(rest, text.slice(1));
}

// Characters a regular expression treats specially, a line break, and letters of both cases.
const ALPHABET = ["a", "A", "b", "B", ":", ".", "+", "(", ")", "$", "^", "[", "]", "{", "}", "|", "\\", "/", "\n", "-"];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 7 }).map((xs) => xs.join(""));
const pattern = fc.array(fc.constantFrom(...ALPHABET, "*", "?"), { maxLength: 6 }).map((xs) => xs.join(""));

const A = "111111111111";
const B = "222222222222";
const roleOf = (name: string, account = A): RequestPrincipal => ({
  id: `arn:aws:iam::${account}:role/${name}`,
  kind: "role",
  account,
});

describe("access evaluator: Action, Resource and Principal matching", () => {
  it("a resource pattern matches exactly what the wildcard rule says, with case", () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => resourceMatches(p, t) === wildcard(p, t)),
      { numRuns: 400 },
    );
  });

  it("an action pattern matches the same, ignoring case; the two never share a compiled pattern", () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        const insensitive = wildcard(p.toLowerCase(), t.toLowerCase());
        // Asked in both orders, so a compiled pattern reused across the two modes would show.
        return (
          actionMatches(p, t) === insensitive &&
          resourceMatches(p, t) === wildcard(p, t) &&
          actionMatches(p, t) === insensitive
        );
      }),
      { numRuns: 400 },
    );
    assert.equal(glob("S3:Get*", "i").test("s3:getobject"), true);
    assert.equal(glob("S3:Get*").test("s3:getobject"), false);
  });

  it("concrete cases from the guide: s3:Get* and arn:aws:s3:::bucket/*", () => {
    assert.equal(actionMatches("s3:Get*", "S3:GETOBJECT"), true);
    assert.equal(actionMatches("s3:Get*", "s3:PutObject"), false);
    assert.equal(actionMatches("iam:*AccessKey*", "iam:ListAccessKeys"), true);
    assert.equal(resourceMatches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b.txt"), true);
    assert.equal(resourceMatches("arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/a"), false);
    assert.equal(resourceMatches("arn:aws:s3:::bucket/?", "arn:aws:s3:::bucket/ab"), false);
    assert.equal(resourceMatches("arn:aws:s3:::bucket.x", "arn:aws:s3:::bucketXx"), false);
  });

  describe("coversRequest: Action/NotAction, Resource/NotResource", () => {
    const s = (over: Partial<Statement>): Statement => ({ effect: "Allow", condition: {}, ref: "t#0", ...over });
    it("Action and Resource both have to match", () => {
      const st = s({ action: ["sqs:Send*"], resource: ["arn:aws:sqs:*:111111111111:jobs"] });
      assert.equal(coversRequest(st, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:jobs"), true);
      assert.equal(coversRequest(st, "sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111111111111:jobs"), false);
      assert.equal(coversRequest(st, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:other"), false);
    });
    it("NotAction covers every action but the listed ones; NotResource every resource but the listed", () => {
      const st = s({ notAction: ["iam:*", "sts:*"], notResource: ["arn:aws:s3:::keep/*"] });
      assert.equal(coversRequest(st, "s3:GetObject", "arn:aws:s3:::other/x"), true);
      assert.equal(coversRequest(st, "sts:AssumeRole", "arn:aws:s3:::other/x"), false);
      assert.equal(coversRequest(st, "s3:GetObject", "arn:aws:s3:::keep/x"), false);
    });
    it("a statement with neither Action nor NotAction covers nothing; one without Resource (trust) covers its role", () => {
      assert.equal(coversRequest(s({ resource: ["*"] }), "s3:GetObject", "arn:aws:s3:::b/x"), false);
      assert.equal(coversRequest(s({ action: ["sts:AssumeRole"] }), "sts:AssumeRole", "arn:aws:iam::1:role/r"), true);
    });
  });

  describe("Principal", () => {
    it('"*" names everyone directly', () => {
      assert.equal(principalMatch("*", roleOf("app")), "direct");
      assert.equal(principalMatch({ AWS: ["*"] }, roleOf("app", B)), "direct");
    });
    it("an account (id or root ARN) delegates to that account: direct only for the account itself", () => {
      for (const v of [A, `arn:aws:iam::${A}:root`]) {
        assert.equal(principalMatch({ AWS: [v] }, roleOf("app")), "account", v);
        assert.equal(principalMatch({ AWS: [v] }, roleOf("app", B)), null, v);
        assert.equal(
          principalMatch({ AWS: [v] }, { id: `arn:aws:iam::${A}:root`, kind: "account", account: A }),
          "direct",
        );
      }
      // Not twelve digits: neither an account id nor a root ARN.
      assert.equal(principalMatch({ AWS: ["11111111111"] }, roleOf("app")), null);
      assert.equal(principalMatch({ AWS: [`arn:aws:iam::${A}:rootx`] }, roleOf("app")), null);
      assert.equal(principalMatch({ AWS: [`xarn:aws:iam::${A}:root`] }, roleOf("app")), null);
      assert.equal(principalMatch({ AWS: [`${A}1`] }, roleOf("app")), null);
    });
    it("a role ARN names that role only; Service and Federated name their kind only", () => {
      assert.equal(principalMatch({ AWS: [roleOf("app").id] }, roleOf("app")), "direct");
      assert.equal(principalMatch({ AWS: [roleOf("app").id] }, roleOf("other")), null);
      const svc: RequestPrincipal = { id: "logs.amazonaws.com", kind: "service" };
      assert.equal(principalMatch({ Service: ["logs.amazonaws.com"] }, svc), "direct");
      assert.equal(principalMatch({ Service: ["logs.amazonaws.com"] }, { ...svc, kind: "federated" }), null);
      assert.equal(principalMatch({ AWS: ["logs.amazonaws.com"] }, svc), null);
      const fed: RequestPrincipal = { id: "arn:aws:iam::111111111111:oidc-provider/x", kind: "federated" };
      assert.equal(principalMatch({ Federated: [fed.id] }, fed), "direct");
      assert.equal(principalMatch({ Federated: [fed.id] }, { ...fed, kind: "service" }), null);
      assert.equal(principalMatch({ Service: [fed.id] }, fed), null);
      assert.equal(principalMatch({ CanonicalUser: [fed.id] }, fed), null);
    });
    it("a direct naming wins over an account naming, whatever the order", () => {
      const app = roleOf("app");
      assert.equal(principalMatch({ AWS: [A, app.id] }, app), "direct");
      assert.equal(principalMatch({ AWS: [app.id, A] }, app), "direct");
      assert.equal(principalMatch({ AWS: ["333333333333", A] }, app), "account");
      assert.equal(principalMatch({ AWS: [A, "333333333333"] }, app), "account");
    });
    it("NotPrincipal applies to everyone it does not name; a statement naming no one applies to no one", () => {
      const base: Statement = { effect: "Deny", condition: {}, ref: "bp#0" };
      const app = roleOf("app");
      assert.equal(statementPrincipal({ ...base, principal: { AWS: [app.id] } }, app), "direct");
      assert.equal(statementPrincipal({ ...base, notPrincipal: { AWS: [app.id] } }, app), null);
      assert.equal(statementPrincipal({ ...base, notPrincipal: { AWS: [app.id] } }, roleOf("x")), "direct");
      assert.equal(statementPrincipal({ ...base, notPrincipal: { AWS: [A] } }, app), null);
      assert.equal(statementPrincipal(base, app), null);
    });
  });

  describe("policy documents", () => {
    it("JSON text or object; a lone statement, strings and principals become lists; refs name Sid or index", () => {
      const text = JSON.stringify({
        Version: "2012-10-17",
        Statement: {
          Effect: "Deny",
          Principal: { AWS: "arn:aws:iam::111111111111:role/a", Service: ["s.amazonaws.com"] },
          Action: "s3:*",
          NotResource: "arn:aws:s3:::b/*",
        },
      });
      assert.deepEqual(statementsOf(text, "src"), [
        {
          effect: "Deny",
          principal: { AWS: ["arn:aws:iam::111111111111:role/a"], Service: ["s.amazonaws.com"] },
          notPrincipal: undefined,
          action: ["s3:*"],
          notAction: undefined,
          resource: undefined,
          notResource: ["arn:aws:s3:::b/*"],
          condition: {},
          ref: "src#Statement[0]",
        },
      ]);
      const two = statementsOf(
        {
          Statement: [
            { Sid: "One", Effect: "Allow", NotPrincipal: "*", NotAction: ["iam:*"], Resource: ["*"] },
            {
              Effect: "Allow",
              Principal: "*",
              Action: ["a:b"],
              Condition: { Bool: { "aws:SecureTransport": "true" } },
            },
          ],
        },
        "doc",
      );
      assert.deepEqual(
        two.map((s) => [s.ref, s.principal, s.notPrincipal, s.notAction, s.resource, s.condition]),
        [
          ["doc#One", undefined, "*", ["iam:*"], ["*"], {}],
          ["doc#Statement[1]", "*", undefined, undefined, undefined, { Bool: { "aws:SecureTransport": "true" } }],
        ],
      );
    });
    it("an Effect other than Allow or Deny, or a Principal that is neither * nor a map, is refused by name", () => {
      assert.throws(
        () => statementsOf({ Statement: [{ Effect: "Allow", Action: "a:b" }, { Effect: "allow" }] }, "p.json"),
        { message: 'p.json statement 1: Effect "allow", expected "Allow" or "Deny"' },
      );
      assert.throws(() => statementsOf({ Statement: [{ Effect: "Allow", Principal: "arn:aws:iam::1:root" }] }, "p"), {
        message: 'Principal "arn:aws:iam::1:root": expected "*" or a map',
      });
      assert.throws(() => statementsOf({ Statement: [{ Effect: "Allow", Principal: null }] }, "p"), {
        message: 'Principal null: expected "*" or a map',
      });
      assert.deepEqual(statementsOf({ Statement: [{ Effect: "Allow", Principal: { AWS: 123 } }] }, "p")[0].principal, {
        AWS: ["123"],
      });
    });
  });
});
