import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../tags";

export interface ValidatedCertificateArgs {
  /** First entry is the certificate's domain name; the rest are SANs. Plain values: they decide how many records exist. */
  domains: readonly string[];
  /** Route53 hosted zone the validation records go into. */
  zoneId: pulumi.Input<string>;
  /** Names whose validation record has one owner elsewhere (sharedValidationRecord): waited for, not created. */
  shared?: readonly SharedValidation[];
}

/** A validation record several certificates use: its domain and the record's FQDN (which carries the dependency). */
export interface SharedValidation {
  domain: string;
  fqdn: pulumi.Output<string>;
}

/**
 * The one owner of the validation record of a name several regional certificates cover. ACM's
 * CNAME for a name is the same for every certificate of the account in every region ("the CNAME
 * validation token works for any AWS Region", ACM user guide, DNS validation, read 2026-12-07),
 * so one record validates them all; with a record per certificate, removing a region would delete
 * the record the others renew with. The owner reads the CNAME from a certificate of its own for
 * the name alone, so it depends on no region. `adopt` names the record it takes over in an existing
 * stack (an alias: the record is updated in place, not deleted and created again).
 */
export function sharedValidationRecord(
  name: string,
  args: { domain: string; zoneId: pulumi.Input<string>; adopt?: pulumi.Alias },
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): SharedValidation {
  const certificate = new aws.acm.Certificate(
    name,
    { domainName: args.domain, validationMethod: "DNS", keyAlgorithm: "RSA_2048", tags: nameTags(args.domain) },
    opts,
  );
  const record = validationRecord(`${name}-validation`, certificate, args.domain, args.zoneId, {
    ...opts,
    aliases: args.adopt ? [args.adopt] : undefined,
  });
  return { domain: args.domain, fqdn: record.fqdn };
}

function validationRecord(
  name: string,
  certificate: aws.acm.Certificate,
  domain: string,
  zoneId: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): aws.route53.Record {
  const option = certificate.domainValidationOptions.apply((opts) => {
    const o = opts.find((x) => x.domainName === domain);
    if (!o) throw new Error(`${name}: ACM returned no validation option for ${domain}`);
    return o;
  });
  return new aws.route53.Record(
    name,
    {
      zoneId,
      name: option.apply((o) => o.resourceRecordName!),
      type: option.apply((o) => o.resourceRecordType!),
      records: [option.apply((o) => o.resourceRecordValue!)],
      ttl: 300,
      allowOverwrite: true,
    },
    opts,
  );
}

/**
 * An ACM certificate validated by DNS in our hosted zone: a validation record per name, except the
 * names in `shared`, whose one record is owned elsewhere. Records may overwrite (allowOverwrite
 * matters only at creation), e.g. a record left from an earlier owner.
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
  const shared = args.shared ?? [];
  // Keyed by domain position (stable); a shared name's record is owned elsewhere.
  const own = args.domains.flatMap((domain, i) =>
    shared.some((x) => x.domain === domain)
      ? []
      : [validationRecord(`${name}-validation-${i}`, certificate, domain, args.zoneId, opts).fqdn],
  );
  const validation = new aws.acm.CertificateValidation(
    `${name}-validation`,
    {
      certificateArn: certificate.arn,
      validationRecordFqdns: [...own, ...shared.map((x) => x.fqdn)],
    },
    opts,
  );
  return { certificate, validation };
}
