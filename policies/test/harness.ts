import type {
  PolicyProviderResource,
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/** Thrown by args.notApplicable, like @pulumi/policy's own NotApplicableError. */
export class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "");
};

export const STACK = "dev";
export const PROJECT = "platform";

/** A URN under optional parent types: urnOf("aws:ec2/vpc:Vpc", "v", ["platform:network:Vpc"]). */
export function urnOf(type: string, name: string, parents: string[] = []): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${[...parents, type].join("$")}::${name}`;
}

export const PLATFORM_TAGS = {
  project: "platform",
  stack: "dev",
  environment: "dev",
  region: "us-east-1",
  "managed-by": "pulumi",
};

/** The regional provider the platform builds: explicit name, region, defaultTags. */
export function awsProvider(
  region = "us-east-1",
  tags: Record<string, string> = { ...PLATFORM_TAGS, region },
): PolicyProviderResource {
  const name = `aws-${region}`;
  return {
    type: "pulumi:providers:aws",
    name,
    urn: urnOf("pulumi:providers:aws", name),
    props: { region, defaultTags: { tags } },
  };
}

export interface ResourceOptions {
  name?: string;
  provider?: PolicyProviderResource;
  parents?: string[];
  config?: Record<string, unknown>;
}

/** ResourceValidationArgs as @pulumi/policy 1.2x builds them. */
export function resourceArgs(
  type: string,
  props: Record<string, any>,
  o: ResourceOptions = {},
): ResourceValidationArgs {
  const name = o.name ?? "res";
  return {
    type,
    props,
    urn: urnOf(type, name, o.parents),
    name,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    provider: o.provider,
    stackTags: new Map(),
    isType: (cls: any) => cls?.__pulumiType === type,
    asType: ((cls: any) => (cls?.__pulumiType === type ? props : undefined)) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => ({ ...(o.config ?? {}) }) as T,
    notApplicable,
  };
}

export interface Outcome {
  messages: string[];
  /** The reason given to notApplicable, if the policy declared itself not applicable. */
  notApplicable?: string;
}

export function runResource(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Outcome {
  const messages: string[] = [];
  try {
    // Our policies validate synchronously; a Promise would be a bug the assertions then expose.
    for (const validate of [policy.validateResource ?? []].flat()) void validate(args, (m) => messages.push(m));
  } catch (e) {
    if (e instanceof NotApplicable) return { messages, notApplicable: e.message };
    throw e;
  }
  return { messages };
}

export interface StackResourceOptions {
  provider?: PolicyProviderResource | null;
  dependencies?: PolicyResource[];
  propertyDependencies?: Record<string, PolicyResource[]>;
  parents?: string[];
}

/** A PolicyResource; AWS types get the us-east-1 platform provider unless told otherwise. */
export function stackResource(
  type: string,
  name: string,
  props: Record<string, any>,
  o: StackResourceOptions = {},
): PolicyResource {
  const provider =
    o.provider === null ? undefined : (o.provider ?? (type.startsWith("aws:") ? awsProvider() : undefined));
  return {
    type,
    name,
    urn: urnOf(type, name, o.parents),
    props,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    provider,
    dependencies: o.dependencies ?? [],
    propertyDependencies: o.propertyDependencies ?? {},
    isType: (cls: any) => cls?.__pulumiType === type,
    asType: ((cls: any) => (cls?.__pulumiType === type ? props : undefined)) as PolicyResource["asType"],
  };
}

export interface StackViolation {
  message: string;
  urn?: string;
}

export function runStack(
  policy: StackValidationPolicy,
  resources: PolicyResource[],
  config: Record<string, unknown> = {},
): StackViolation[] {
  const out: StackViolation[] = [];
  const args: StackValidationArgs = {
    resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => ({ ...config }) as T,
    notApplicable,
  };
  void policy.validateStack(args, (message, urn) => out.push({ message, urn }));
  return out;
}

export const clone = <T>(value: T): T => structuredClone(value);
