import type { NameCheck, NameSource } from "./rules";

/** One row: a resource type, the input that is its physical name, and the rules AWS applies to it. */
export interface NameRow {
  type: string;
  /** The input that is this resource's own physical name (not a reference to another resource). */
  key: string;
  checks: readonly NameCheck[];
  sources: readonly NameSource[];
  /** The `<key>Prefix` input and its own limit where the provider documents one. */
  prefix?: { key: string; max: number; source: NameSource };
  /**
   * When `key` is absent the provider makes a name: the resource name, "-", 7 random hex characters
   * (pulumi-aws sets this for every resource whose name input is `name`), so that name is checked.
   */
  autoNamed?: boolean;
}

export const READ = "2026-12-02";
export const KOTLIN = "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest";
export const PULUMI_AWS = "node_modules/@pulumi/aws (7.48.0)";
export const TF_2018 = "github.com/pulumi/terraform-provider-aws@72e8bb4fc26f aws/";

export const src = (url: string, saw: string): NameSource => ({ url, read: READ, saw });
