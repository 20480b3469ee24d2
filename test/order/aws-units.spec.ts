import { strict as assert } from "assert";
import { awsFindings, awsRules } from "../../tools/order/aws";
import { PlanGraph } from "../../tools/order/graph";
import type { PlanResource } from "../../policies/lib/offline";
import { res } from "./units";

/**
 * AWS resources that need another in a given state first, on hand-built graphs; rule ids, states and
 * evidence tags written out from tools/order/aws-state.json (CreateListener's ISSUED certificate, the
 * CodeConnections handshake, Aurora's primary writer, IAM grants before use, Config's delivery check).
 */
const aws = (...rs: PlanResource[]) => awsFindings(new PlanGraph(rs));
const msgs = (...rs: PlanResource[]) => aws(...rs).map((v) => v.message);
const r = (type: string, name: string, inputs: Record<string, unknown> = {}, deps: PlanResource[] = []) =>
  res(type, name, inputs, { deps, provider: null });
const CERT = "aws:acm/certificate:Certificate";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
const LISTENER = "aws:lb/listener:Listener";
const CF = "aws:cloudfront/distribution:Distribution";

describe("order model units: certificates ISSUED before use", () => {
  const cert = r(CERT, "cert");
  const validation = r(VALIDATION, "cert-valid", {}, [cert]);

  it("an HTTPS listener waits for the certificate's validation, not the certificate alone", () => {
    const early = r(LISTENER, "https", { protocol: "HTTPS" }, [cert]);
    const [v] = aws(cert, validation, early);
    assert.equal(v.policy, "platform-order-admission");
    assert.equal(v.urn, early.urn);
    assert.ok(
      v.message.startsWith(
        "https (aws:lb/listener:Listener) must depend on cert-valid (aws:acm/certificateValidation:CertificateValidation) (https-listener-issued-certificate: ISSUED; CreateListener refuses",
      ),
      v.message,
    );
    assert.deepEqual(aws(cert, validation, r(LISTENER, "https", { protocol: "HTTPS" }, [validation])), []);
    assert.deepEqual(aws(cert, validation, r(LISTENER, "http", { protocol: "HTTP" }, [cert])), []);
  });

  it("no validation at all: said, with the certificate when there is one", () => {
    assert.deepEqual(
      msgs(cert, r(LISTENER, "https", { protocol: "HTTPS" }, [cert])).map((m) => m.split(". Source: ")[0]),
      [
        "https (aws:lb/listener:Listener): https-listener-issued-certificate: no CertificateValidation in the plan waits for its certificate cert (aws:acm/certificate:Certificate) to be ISSUED",
      ],
    );
    assert.deepEqual(
      msgs(r(LISTENER, "https", { protocol: "HTTPS" })).map((m) => m.split(". Source: ")[0]),
      [
        "https (aws:lb/listener:Listener): https-listener-issued-certificate: no CertificateValidation in the plan waits for its certificate to be ISSUED",
      ],
    );
    const unrelated = r(VALIDATION, "other-valid", {}, [r(CERT, "other")]);
    assert.equal(msgs(cert, unrelated, r(LISTENER, "https", { protocol: "HTTPS" }, [cert])).length, 1);
  });

  it("a distribution is a subject only when it names an ACM certificate", () => {
    const arn = (v: unknown) => ({ viewerCertificate: { acmCertificateArn: v } });
    assert.equal(msgs(cert, validation, r(CF, "cdn", arn("arn:aws:acm:us-east-1:1:certificate/x"), [cert])).length, 1);
    assert.ok(msgs(r(CF, "cdn", arn("arn")))[0].includes("cloudfront-issued-certificate"));
    assert.deepEqual(msgs(r(CF, "cdn", arn(""))), []);
    assert.deepEqual(msgs(r(CF, "cdn", arn(null))), []);
    assert.deepEqual(msgs(r(CF, "cdn", { viewerCertificate: { cloudfrontDefaultCertificate: true } })), []);
  });
});

describe("order model units: a CodeBuild webhook needs an AVAILABLE connection", () => {
  const CONN = "aws:codeconnections/connection:Connection";
  const HOOK = "aws:codebuild/webhook:Webhook";
  const conn = (tags?: Record<string, string>) => r(CONN, "conn", { name: "github", ...(tags ? { tags } : {}) });

  it("a connection created in the same update stays PENDING unless its handshake is attested", () => {
    const c = conn();
    const [v] = aws(c, r(HOOK, "hook", {}, [c]));
    assert.ok(
      v.message.startsWith(
        "hook (aws:codebuild/webhook:Webhook) needs conn (aws:codeconnections/connection:Connection) AVAILABLE, but the plan creates the connection in the same update, where it stays PENDING (",
      ),
      v.message,
    );
    const done = conn({ "platform.io/handshake": "completed" });
    assert.deepEqual(aws(done, r(HOOK, "hook", {}, [done])), []);
    const other = conn({ "platform.io/handshake": "pending" });
    assert.equal(aws(other, r(HOOK, "hook", {}, [other])).length, 1);
  });

  it("a connection no webhook uses yet: an advisory naming the next step", () => {
    const c = conn();
    const [v] = aws(c);
    assert.equal(v.enforcementLevel, "advisory");
    assert.equal(v.urn, c.urn);
    assert.ok(
      v.message.startsWith(
        "runner webhook held back: next step: complete the GitHub handshake of connection github (CodeConnections console",
      ),
      v.message,
    );
    assert.ok(aws(r(CONN, "conn2"))[0].message.includes("handshake of connection conn2 ("));
    assert.deepEqual(aws(c, r(HOOK, "unrelated")).length, 1);
  });
});

describe("order model units: an Aurora secondary after the primary's writer", () => {
  const GC = "aws:rds/globalCluster:GlobalCluster";
  const CL = "aws:rds/cluster:Cluster";
  const INST = "aws:rds/clusterInstance:ClusterInstance";
  const g = r(GC, "global");
  const primary = r(CL, "primary", { globalClusterIdentifier: "global-id", masterUsername: "admin" }, [g]);
  const writer = r(INST, "writer", {}, [primary]);

  it("the secondary depends on a writer instance of the primary in its global database", () => {
    const [v] = aws(g, primary, writer, r(CL, "secondary", { globalClusterIdentifier: "global-id" }, [g]));
    assert.ok(
      v.message.startsWith(
        "secondary (aws:rds/cluster:Cluster) must depend on writer (aws:rds/clusterInstance:ClusterInstance) (aurora-secondary-after-writer: available writer instance in the primary cluster;",
      ),
      v.message,
    );
    assert.deepEqual(
      aws(g, primary, writer, r(CL, "secondary", { globalClusterIdentifier: "global-id" }, [g, writer])),
      [],
    );
  });

  it("no writer: the primary itself; another global database or no global database: nothing", () => {
    const [v] = aws(g, primary, r(CL, "secondary", { globalClusterIdentifier: "global-id" }, [g]));
    assert.ok(
      v.message.startsWith("secondary (aws:rds/cluster:Cluster) must depend on primary (aws:rds/cluster:Cluster)"),
    );
    const g2 = r(GC, "global2");
    assert.deepEqual(aws(g, g2, primary, writer, r(CL, "secondary", { globalClusterIdentifier: "g2" }, [g2])), []);
    assert.deepEqual(aws(g, primary, writer, r(CL, "alone", {}, [g])), []);
  });
});

describe("order model units: IAM grants before the service that uses them", () => {
  const ROLE = "aws:iam/role:Role";
  const ATT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
  const role = r(ROLE, "role");
  const att = r(ATT, "att", {}, [role]);

  it("a node group waits for every policy attached to its role", () => {
    const [v] = aws(role, att, r("aws:eks/nodeGroup:NodeGroup", "ng", {}, [role]));
    assert.ok(
      v.message.startsWith(
        "ng (aws:eks/nodeGroup:NodeGroup) must depend on att (aws:iam/rolePolicyAttachment:RolePolicyAttachment) (role-permissions-before-use: the role's policies attached;",
      ),
      v.message,
    );
    assert.deepEqual(aws(role, att, r("aws:eks/nodeGroup:NodeGroup", "ng", {}, [role, att])), []);
    assert.deepEqual(
      aws(role, r("aws:iam/rolePolicy:RolePolicy", "other"), r("aws:eks/nodeGroup:NodeGroup", "ng", {}, [role])),
      [],
    );
    assert.deepEqual(aws(role, att, r("aws:s3/bucket:Bucket", "b", {}, [role])), []);
  });

  it("Config's recorder status reaches the role through its recorder", () => {
    const rec = r("aws:cfg/recorder:Recorder", "rec", {}, [role]);
    const status = (deps: PlanResource[]) => r("aws:cfg/recorderStatus:RecorderStatus", "status", {}, deps);
    assert.equal(aws(role, att, rec, status([rec])).length, 1);
    assert.deepEqual(aws(role, att, rec, status([rec, att])), []);
    // Directly on the role is not how a recorder status holds one.
    assert.deepEqual(aws(role, att, status([role])), []);
  });
});

describe("order model units: Config's role may deliver into its bucket", () => {
  const ROLE = "aws:iam/role:Role";
  const role = r(ROLE, "cfg-role");
  const rec = r("aws:cfg/recorder:Recorder", "rec", {}, [role]);
  const doc = (statements: unknown) => ({ Version: "2012-10-17", Statement: statements });
  const pol = (policy: unknown) => r("aws:iam/rolePolicy:RolePolicy", "deliver", { policy }, [role]);
  const channel = (bucket = "cfg-logs") =>
    r("aws:cfg/deliveryChannel:DeliveryChannel", "channel", { s3BucketName: bucket }, [rec]);
  const grantMsgs = (...rs: PlanResource[]) => msgs(...rs).filter((m) => m.includes("config-role-can-deliver"));
  const both = [
    { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::cfg-logs/AWSLogs/*" },
    { Effect: "Allow", Action: ["s3:GetBucketAcl"], Resource: ["arn:aws:s3:::cfg-logs"] },
  ];

  it("both actions on the bucket, as JSON text or an object, with s3:* standing for any action", () => {
    assert.deepEqual(grantMsgs(role, rec, pol(JSON.stringify(doc(both))), channel()), []);
    assert.deepEqual(grantMsgs(role, rec, pol(doc(both)), channel()), []);
    const star = doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::cfg-logs*" });
    assert.deepEqual(grantMsgs(role, rec, pol(JSON.stringify(star)), channel()), []);
  });

  it("a missing action, a Deny, another bucket or unreadable JSON: the actions not granted are named", () => {
    const [m] = grantMsgs(role, rec, pol(JSON.stringify(doc([both[0]]))), channel());
    assert.ok(
      m.startsWith(
        "channel (aws:cfg/deliveryChannel:DeliveryChannel) needs cfg-role (aws:iam/role:Role) to allow s3:GetBucketAcl on bucket cfg-logs (config-role-can-deliver: ",
      ),
      m,
    );
    const deny = both.map((s) => ({ ...s, Effect: "Deny" }));
    assert.ok(
      grantMsgs(role, rec, pol(JSON.stringify(doc(deny))), channel())[0].includes(
        "to allow s3:PutObject, s3:GetBucketAcl on bucket",
      ),
    );
    assert.equal(grantMsgs(role, rec, pol(JSON.stringify(doc(both))), channel("other-logs")).length, 1);
    assert.equal(grantMsgs(role, rec, pol("{not json"), channel()).length, 1);
    assert.equal(grantMsgs(role, rec, pol(JSON.stringify({ Version: "2012-10-17" })), channel()).length, 1);
    assert.equal(grantMsgs(role, rec, channel()).length, 1);
  });

  it("an unknown bucket or policy in a preview: 'cannot check until known', advisory", () => {
    for (const [bucket, policy] of [
      ["[unknown]", JSON.stringify(doc(both))],
      ["cfg-logs", "[unknown]"],
    ]) {
      const [v] = aws(role, rec, pol(policy), channel(bucket)).filter((x) =>
        x.message.includes("(config-role-can-deliver)"),
      );
      assert.equal(v.enforcementLevel, "advisory");
      assert.ok(
        v.message.startsWith(
          "cannot check until known: channel (aws:cfg/deliveryChannel:DeliveryChannel) needs cfg-role (aws:iam/role:Role) to allow s3:PutObject, s3:GetBucketAcl on its bucket",
        ),
        v.message,
      );
    }
  });
});

describe("order model units: bucket grants before the services that log into the bucket", () => {
  const bucket = r("aws:s3/bucket:Bucket", "logs");
  const policy = r("aws:s3/bucketPolicy:BucketPolicy", "logs-policy", {}, [bucket]);
  const acl = r("aws:s3/bucketAcl:BucketAcl", "logs-acl", {}, [bucket]);

  it("a load balancer waits for the bucket policy; a distribution also for the ACL", () => {
    const lb = (deps: PlanResource[]) => r("aws:lb/loadBalancer:LoadBalancer", "alb", {}, [bucket, ...deps]);
    const [v] = aws(bucket, policy, lb([]));
    assert.ok(
      v.message.startsWith(
        "alb (aws:lb/loadBalancer:LoadBalancer) must depend on logs-policy (aws:s3/bucketPolicy:BucketPolicy) (bucket-policy-before-delivery: ",
      ),
      v.message,
    );
    assert.deepEqual(aws(bucket, policy, acl, lb([policy])), []);
    const cdn = r(CF, "cdn", {}, [bucket, policy]);
    assert.deepEqual(
      msgs(bucket, policy, acl, cdn).map((m) => m.split(" (bucket-policy")[0]),
      ["cdn (aws:cloudfront/distribution:Distribution) must depend on logs-acl (aws:s3/bucketAcl:BucketAcl)"],
    );
  });

  it("a rule naming a check the model does not have is refused with its id", () => {
    const rules = awsRules() as unknown as { id: string; check: string }[];
    rules.push({ id: "made-up", check: "noSuchCheck" });
    try {
      assert.throws(
        () => aws(),
        (e: Error) => e.message === 'tools/order/aws-state.json: rule made-up names unknown check "noSuchCheck"',
      );
    } finally {
      rules.pop();
    }
  });
});
