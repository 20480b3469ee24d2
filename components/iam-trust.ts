/**
 * The trust policy of a role an AWS service assumes on this account's behalf (RDS enhanced
 * monitoring, VPC flow logs, AWS Config), with the confused-deputy guard each service's guide
 * documents: `aws:SourceAccount` limited to this account, so another account's resource cannot make
 * the service act with this role. JSON text, as `aws.iam.Role.assumeRolePolicy` takes it.
 */
export function serviceTrustPolicy(service: string, account: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
    ],
  });
}
