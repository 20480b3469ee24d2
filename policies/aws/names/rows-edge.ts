import { charset, lengthBetween } from "./rules";
import { src, type NameRow } from "./row";

const CONFIG_API = "https://docs.aws.amazon.com/config/latest/APIReference";

/**
 * WAFv2, CodeConnections and AWS Config names. None is `autoNamed`: the Config recorder and delivery
 * channel default to "default" rather than a provider auto-name, and for the others nobody has read
 * how the provider names them when `name` is absent, so an absent name is not guessed at.
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
];
