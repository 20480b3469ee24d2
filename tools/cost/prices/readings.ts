import type { Reading } from "./types";

/**
 * Date of the readings below. They were taken on the stored copies of public pages (the offline
 * search corpora of this workspace), not on the live pages: a page's own date, when it states one,
 * is in `says`.
 */
export const READ_ON = "2026-12-02";

/**
 * Date of the readings taken after the prices were pinned (DynamoDB, Lambda, Route53 zones, the
 * Asia-Pacific figures). A later reading that gives the pinned figure confirms it still held.
 */
export const READ_ON_LATER = "2026-12-07";

/** A reading taken on READ_ON_LATER. */
export const later = (r: Reading): Reading => ({ ...r, readOn: READ_ON_LATER });

type Regions = Reading["regions"];

/** A reading on a page published by AWS. */
export const onAws = (url: string, regions: Regions, usd: number, says: string): Reading => ({
  url,
  readOn: READ_ON,
  publisher: "aws",
  regions,
  usd,
  says,
});

/** A reading on a third-party page (weaker evidence than an AWS page). */
export const onThirdParty = (url: string, regions: Regions, usd: number, says: string): Reading => ({
  url,
  readOn: READ_ON,
  publisher: "third-party",
  regions,
  usd,
  says,
});

/**
 * An AWS bill for May 2025 (Billing and Cost Management, printed 2025-06-01) kept as a sample document in a
 * public repository: its Asia Pacific (Singapore) lines state the rate of each charge. AWS wrote the rates; the
 * page is a third party's copy, so it counts as third-party evidence.
 */
export const SINGAPORE_BILL =
  "https://github.com/rahmat-ullah/DocParser/blob/d890afd0132a77830a6244c67d434f21a08058f8/backend/sample_full_document.md";

/** A rate read on the Singapore bill (read on READ_ON_LATER). */
export const onSingaporeBill = (usd: number, line: string, regions: Regions = ["ap-southeast-1"]): Reading =>
  later(onThirdParty(SINGAPORE_BILL, regions, usd, `AWS bill, May 2025: "${line}".`));

/** Pages read more than once. */
export const PAGES = {
  cloudfrontPricing: "https://aws.amazon.com/cloudfront/pricing/",
  eksExtendedBlog:
    "https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/",
  vantageEksBlog: "https://www.vantage.sh/blog/amazon-eks-extended-support-cost-kubernetes",
  wafC3x: "https://c3x.dev/blog/aws-waf-cost-explained/",
  wafNegotiations: "https://awsnegotiations.com/waf-pricing-strategy.html",
  natCloudpipelines: "https://cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026/",
  natMedampudi: "https://rajesh.medampudi.com/blog/aws-nat-gateway-hidden-tax",
  vpcPricingTranscript:
    "https://raw.githubusercontent.com/api-evangelist/amazon-vpc/refs/heads/main/plans/amazon-vpc-plans-pricing.yml",
  elbPricingTranscript:
    "https://raw.githubusercontent.com/api-evangelist/amazon-elastic-load-balancing/refs/heads/main/plans/amazon-elastic-load-balancing-plans-pricing.yml",
  albCalculator: "https://cal53.calculator.city/aws-alb-cost-calculator/",
  albGist2018: "https://gist.github.com/jbuck/0497eb62f4cda29ac4de76d6e0cc9e51",
  auroraWring: "https://www.wring.co/blog/aws-aurora-pricing-guide",
  rdsAuroraCalculator: "https://store-v2-khaki.vercel.app/rds-vs-aurora-cost-calculator.html",
  codebuildC3x: "https://c3x.dev/resources/aws/aws_codebuild_project/",
} as const;

/** Applies when a page and the AWS blog on WAF agree (the blog gives no figure). */
export const WAF_UNIFORM =
  "The AWS Networking & Content Delivery blog (https://aws.amazon.com/blogs/networking-and-content-delivery/" +
  "cost-effective-ways-for-securing-your-web-applications-using-aws-waf/) says AWS WAF pricing is the same in " +
  "all AWS Regions, without giving the figure.";
