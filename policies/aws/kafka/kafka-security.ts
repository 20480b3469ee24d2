import type { ResourceValidationPolicy } from "@pulumi/policy";

export const MSK_CLUSTER = "aws:msk/cluster:Cluster";
export const MSK_SERVERLESS_CLUSTER = "aws:msk/serverlessCluster:ServerlessCluster";

/**
 * Mandatory: an MSK cluster authenticates every client with IAM (SASL/IAM: the pod roles the
 * access model checks decide who reads and writes which topic), never admits unauthenticated
 * clients, speaks only TLS to clients and between brokers, encrypts its storage with a
 * customer-managed key, and has no public endpoint. MSK's own defaults are TLS in transit and an
 * AWS-managed key, so a cluster that omits encryptionInfo still fails the key rule.
 */
export function kafkaSecurity(): ResourceValidationPolicy {
  return {
    name: "aws-msk-security",
    description:
      "MSK clusters use IAM client authentication only (unauthenticated access off), TLS to clients and between brokers, a customer-managed KMS key at rest, and no public access.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      const p = args.props;
      if (args.type === MSK_SERVERLESS_CLUSTER) {
        if (p.clientAuthentication?.sasl?.iam?.enabled !== true)
          reportViolation(`MSK Serverless cluster "${args.name}" must enable IAM client authentication`);
        return;
      }
      if (args.type !== MSK_CLUSTER) return;
      const what = `MSK cluster "${args.name}"`;
      const auth = p.clientAuthentication;
      if (auth?.sasl?.iam !== true)
        reportViolation(`${what} must authenticate clients with IAM (clientAuthentication.sasl.iam: true)`);
      if (auth?.unauthenticated === true)
        reportViolation(`${what} must not admit unauthenticated clients (clientAuthentication.unauthenticated: false)`);
      if (auth?.sasl?.scram === true || (auth?.tls?.certificateAuthorityArns ?? []).length > 0)
        reportViolation(
          `${what} must use IAM as its only client authentication (no SCRAM secrets or client certificates)`,
        );
      const transit = p.encryptionInfo?.encryptionInTransit;
      const clientBroker = transit?.clientBroker ?? "TLS";
      if (clientBroker !== "TLS")
        reportViolation(
          `${what} must encrypt client traffic with TLS only (clientBroker "TLS", got "${clientBroker}")`,
        );
      if (transit?.inCluster === false)
        reportViolation(`${what} must encrypt traffic between brokers (inCluster: true)`);
      const key = p.encryptionInfo?.encryptionAtRestKmsKeyArn;
      if (key === undefined || key === null || key === "")
        reportViolation(`${what} must encrypt its storage with a customer-managed KMS key (encryptionAtRestKmsKeyArn)`);
      const publicType = p.brokerNodeGroupInfo?.connectivityInfo?.publicAccess?.type;
      if (publicType !== undefined && publicType !== "DISABLED")
        reportViolation(`${what} must not have public access (publicAccess.type "${publicType}")`);
    },
  };
}
