import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../tags";

export interface ValidatedCertificateArgs {
  /** First entry is the certificate's domain name; the rest are SANs. Plain values: they decide how many records exist. */
  domains: readonly string[];
  /** Route53 hosted zone the validation records go into. */
  zoneId: pulumi.Input<string>;
}

/**
 * An ACM certificate validated by DNS in our hosted zone. Validation records are keyed by
 * domain position (stable) and may overwrite: ACM gives the same CNAME for the same name in
 * every region and certificate, so several certificates share records.
 */
export function validatedCertificate(
  name: string,
  args: ValidatedCertificateArgs,
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): { certificate: aws.acm.Certificate; validation: aws.acm.CertificateValidation } {
  if (args.domains.length === 0) throw new Error(`${name}: a certificate needs at least one domain`);
  const [domainName, ...sans] = args.domains;
  const certificate = new aws.acm.Certificate(
    name,
    {
      domainName,
      subjectAlternativeNames: sans,
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
      tags: nameTags(domainName),
    },
    { ...opts, deleteBeforeReplace: false },
  );
  const records = args.domains.map((domain, i) => {
    const option = certificate.domainValidationOptions.apply((opts) => {
      const o = opts.find((x) => x.domainName === domain);
      if (!o) throw new Error(`${name}: ACM returned no validation option for ${domain}`);
      return o;
    });
    return new aws.route53.Record(
      `${name}-validation-${i}`,
      {
        zoneId: args.zoneId,
        name: option.apply((o) => o.resourceRecordName!),
        type: option.apply((o) => o.resourceRecordType!),
        records: [option.apply((o) => o.resourceRecordValue!)],
        ttl: 300,
        allowOverwrite: true,
      },
      opts,
    );
  });
  const validation = new aws.acm.CertificateValidation(
    `${name}-validation`,
    {
      certificateArn: certificate.arn,
      validationRecordFqdns: records.map((r) => r.fqdn),
    },
    opts,
  );
  return { certificate, validation };
}
