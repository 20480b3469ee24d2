import { charset, lengthBetween, notStartsWith, type NameCheck } from "./rules";
import { src, type NameRow } from "./row";

const CONFIG_API = "https://docs.aws.amazon.com/config/latest/APIReference";
const READ_DEC_7 = "2026-12-07";

const labelsUpTo63: NameCheck = {
  rule: "have no label (between dots) longer than 63 characters",
  ok: (v) => v.split(".").every((label) => label.length <= 63),
};

/**
 * WAFv2, CodeConnections, AWS Config, Route53 hosted zone and SSM document names. None is
 * `autoNamed`: the Config recorder and delivery channel default to "default" rather than a provider
 * auto-name, and for the others nobody has read how the provider names them when `name` is absent,
 * so an absent name is not guessed at.
 */
export const EDGE_ROWS: readonly NameRow[] = [
  {
    type: "aws:wafv2/webAcl:WebAcl",
    key: "name",
    checks: [lengthBetween(1, 128), charset(/^[\w-]+$/, "letters, digits, underscores and hyphens")],
    // The WAFv2 WebACL type (not the WAF Classic page of the same name, whose pattern is .*\S.*).
    sources: [
      src(
        "https://docs.amazonaws.cn/en_us/waf/latest/APIReference/API_WebACL.html",
        "Name: The name of the web ACL. Length Constraints: Minimum length of 1. Maximum length of 128. Pattern: ^[\\w\\-]+$",
      ),
    ],
  },
  {
    type: "aws:codeconnections/connection:Connection",
    key: "name",
    // The page's pattern [\s\S]* admits any character, so only the length is checked.
    checks: [lengthBetween(1, 32)],
    sources: [
      src(
        "https://docs.aws.amazon.com/codeconnections/latest/APIReference/API_CreateConnection.html",
        "ConnectionName: Length Constraints: Minimum length of 1. Maximum length of 32. Pattern: [\\s\\S]*",
      ),
    ],
  },
  {
    type: "aws:cfg/recorder:Recorder",
    key: "name",
    checks: [lengthBetween(1, 256)],
    sources: [
      src(
        "https://docs.amazonaws.cn/en_us/config/latest/APIReference/API_ConfigurationRecorder.md",
        "ConfigurationRecorder name: Length Constraints: Minimum length of 1. Maximum length of 256.",
      ),
      src(
        `${CONFIG_API}/API_ConfigurationRecorderSummary.html`,
        "name: The name of the configuration recorder. Length Constraints: Minimum length of 1. Maximum length of 256.",
      ),
    ],
  },
  {
    type: "aws:cfg/deliveryChannel:DeliveryChannel",
    key: "name",
    checks: [lengthBetween(1, 256)],
    sources: [
      src(
        `${CONFIG_API}/API_DeliveryChannel.html`,
        "name: The name of the delivery channel. Length Constraints: Minimum length of 1. Maximum length of 256.",
      ),
    ],
  },
  {
    type: "aws:route53/zone:Zone",
    key: "name",
    // A domain name (private zones too); the API's own limit (1024) is looser than the DNS one.
    checks: [lengthBetween(1, 255), labelsUpTo63, charset(/^[\x21-\x7e]+$/, "printable ASCII characters, no spaces")],
    sources: [
      {
        url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html",
        read: READ_DEC_7,
        saw: "Domain names (including the names of domains, hosted zones, and records) consist of a series of labels separated by dots. Each label can be up to 63 bytes long. The total length of a domain name cannot exceed 255 bytes, including the dots. For hosted zones and records, the domain name can include any of the following printable ASCII characters (excluding spaces)",
      },
      {
        url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html",
        read: READ_DEC_7,
        saw: "Name: The name of the domain. Type: String. Length Constraints: Maximum length of 1024.",
      },
    ],
  },
  {
    type: "aws:ssm/document:Document",
    key: "name",
    checks: [
      lengthBetween(3, 128),
      charset(/^[a-zA-Z0-9_\-.]+$/, "letters, digits, underscores, hyphens and periods"),
      notStartsWith("aws", "amazon", "amzn", "AWSEC2", "AWSConfigRemediation", "AWSSupport"),
    ],
    sources: [
      {
        url: "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_CreateDocument.html",
        read: READ_DEC_7,
        saw: "Name: A name for the SSM document. Type: String. Pattern: ^[a-zA-Z0-9_\\-.]{3,128}$. Required: Yes",
      },
      {
        url: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ssm/aws.sdk.kotlin.services.ssm.model/-create-document-request/name.html",
        read: READ_DEC_7,
        saw: "You can't use the following strings as document name prefixes. These are reserved by Amazon Web Services for use as document name prefixes: aws, amazon, amzn, AWSEC2, AWSConfigRemediation, AWSSupport",
      },
    ],
  },
];
