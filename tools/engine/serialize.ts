/** Signatures the Pulumi wire format uses for special values (see @pulumi/pulumi runtime/rpc). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const SECRET_PLACEHOLDER = "[secret]";
export const UNKNOWN_PLACEHOLDER = "[unknown]";

/**
 * Turn a serialized property struct into plain JSON for plan.json: secrets
 * become "[secret]" (never their value), resource references become their URN.
 */
export function toPlain(value: unknown): unknown {
  if (value === UNKNOWN) return UNKNOWN_PLACEHOLDER;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  switch (obj[SIG_KEY]) {
    case SECRET_SIG:
      return SECRET_PLACEHOLDER;
    case RESOURCE_SIG:
      return obj.urn;
    case OUTPUT_SIG:
      if (obj.secret) return SECRET_PLACEHOLDER;
      return "value" in obj ? toPlain(obj.value) : UNKNOWN_PLACEHOLDER;
    case ASSET_SIG:
    case ARCHIVE_SIG:
      return { asset: obj.path ?? obj.uri ?? "[inline]" };
    default: {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(obj)) out[k] = toPlain(v);
      return out;
    }
  }
}
