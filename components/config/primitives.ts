import { z } from "zod";
import { Address4 } from "ip-address";

/** Reusable field types. Messages read as the "expected ..." half of an error. */

export const percent = z
  .number({ error: "a number between 1 and 100" })
  .int({ error: "an integer percentage between 1 and 100" })
  .min(1, { error: "a percentage between 1 and 100" })
  .max(100, { error: "a percentage between 1 and 100" });

export const positiveInt = z
  .number({ error: "a positive integer" })
  .int({ error: "a positive integer" })
  .min(1, { error: "a positive integer (>= 1)" });
export const nonNegativeInt = z
  .number({ error: "an integer >= 0" })
  .int({ error: "an integer >= 0" })
  .min(0, { error: "an integer >= 0" });

export const DURATION_RE = /^([0-9]+(ms|s|m|h))+$/;
/** Go/Kubernetes style duration, e.g. "30s", "5m", "1h30m". */
export const duration = z
  .string({ error: 'a duration like "30s", "5m" or "1h30m"' })
  .regex(DURATION_RE, { error: 'a duration like "30s", "5m" or "1h30m"' });

/**
 * Prometheus duration (retention, scrape and evaluation intervals, Alertmanager repeat_interval):
 * units y, w, d, h, m, s, ms, each at most once, largest first. Pattern of the prometheus-operator
 * CRDs' Duration type (monitoring.coreos.com_prometheuses.yaml), which also accepts "0".
 */
export const PROM_DURATION_RE =
  /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
const PROM_MESSAGE =
  'a Prometheus duration like "15s", "360h", "30d" or "1w" (units y, w, d, h, m, s, ms, largest first)';
export const promDuration = z
  .string({ error: PROM_MESSAGE })
  .regex(PROM_DURATION_RE, { error: PROM_MESSAGE })
  .refine((v) => v !== "" && durationSeconds(v) > 0, { error: `${PROM_MESSAGE}, greater than 0` });

/**
 * Karpenter v1 NodePool disruption durations (consolidateAfter, expireAfter): the CRD pattern at
 * v1.14.1 (charts/karpenter-crd/templates/karpenter.sh_nodepools.yaml), `^(([0-9]+(s|m|h))+|Never)$`:
 * whole seconds, minutes and hours only ("500ms" and "1.5h" are refused by the API server).
 */
export const KARPENTER_DURATION_RE = /^(([0-9]+(s|m|h))+|Never)$/;
const KARPENTER_MESSAGE = 'a Karpenter duration like "30s", "720h" or "1h30m" (units h, m, s; whole numbers)';
export const karpenterDuration = z
  .string({ error: KARPENTER_MESSAGE })
  .regex(/^([0-9]+(s|m|h))+$/, { error: KARPENTER_MESSAGE });
export const karpenterDurationOrNever = z
  .string({ error: `${KARPENTER_MESSAGE}, or "Never"` })
  .regex(KARPENTER_DURATION_RE, { error: `${KARPENTER_MESSAGE}, or "Never"` });

/**
 * Go's time.ParseDuration (Chaos Mesh reads `duration` with it): one or more decimal numbers, each
 * with digits before or after an optional point and a unit ns, us, µs (U+00B5), μs (U+03BC), ms, s,
 * m or h; "0" alone. No sign here: a negative experiment length means nothing.
 */
export const GO_DURATION_RE = /^(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;
const GO_MESSAGE = 'a Go duration like "30s", "1.5m" or "1h30m" (units ns, us, ms, s, m, h)';
export const goDuration = z.string({ error: GO_MESSAGE }).regex(GO_DURATION_RE, { error: GO_MESSAGE });

/**
 * A protobuf Duration in its JSON form, as Istio's CRDs take it (google/protobuf/duration.proto:
 * seconds with up to nine fractional digits and the suffix "s"), at least `minSeconds` (Istio's CEL
 * rules ask for at least 1ms on outlier-detection intervals and ejection times).
 */
export function isProtobufDuration(text: string, minSeconds = 0.001): boolean {
  const m = /^(-?)([0-9]+)(\.([0-9]{1,9}))?s$/.exec(text);
  if (!m) return false;
  const seconds = Number(`${m[1]}${m[2]}${m[3] ?? ""}`);
  return seconds >= minSeconds && seconds <= 315_576_000_000;
}

/**
 * AWS tags (docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html, "Tag naming limits and
 * requirements", and the EFS/EC2 API Tag shapes, read 2026-12-07): Unicode letters, digits,
 * white space and _ . : / = + - @; values 0-256 characters; neither may start with "aws:" in any
 * case (reserved for AWS). Keys: 128 characters in general, but EC2's Tag takes at most 127
 * (docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html) and the default tags land on EC2
 * resources (VPC, subnets, launch templates), so 1-127.
 */
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const reserved = (v: string) => /^aws:/i.test(v);
export function awsTagKeyProblem(key: string): string | undefined {
  const n = [...key].length;
  if (n < 1 || n > 127) return `a tag key of 1 to 127 characters (got ${n}; EC2 takes at most 127)`;
  if (!TAG_CHARS.test(key)) return "a tag key of letters, digits, spaces and _ . : / = + - @";
  if (reserved(key)) return 'a tag key not starting with "aws:" (reserved for AWS)';
  return undefined;
}
export function awsTagValueProblem(value: string): string | undefined {
  const n = [...value].length;
  if (n > 256) return `a tag value of at most 256 characters (got ${n})`;
  if (!TAG_CHARS.test(value)) return "a tag value of letters, digits, spaces and _ . : / = + - @";
  if (reserved(value)) return 'a tag value not starting with "aws:" (reserved for AWS)';
  return undefined;
}

export function durationSeconds(text: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)(ms|y|w|d|h|m|s)/g)) total += Number(m[1]) * units[m[2]];
  return total;
}

export const CPU_RE = /^([0-9]+m|[0-9]+(\.[0-9]+)?)$/;
export const MEMORY_RE = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
export const cpuQuantity = z
  .string({ error: 'a CPU quantity like "100m" or "2"' })
  .regex(CPU_RE, { error: 'a CPU quantity like "100m" or "2"' });
export const memoryQuantity = z
  .string({ error: 'a memory quantity like "128Mi" or "1Gi"' })
  .regex(MEMORY_RE, { error: 'a memory quantity like "128Mi" or "1Gi"' });

/** Parse a Kubernetes CPU quantity to millicores. */
export function cpuMillis(q: string): number {
  return q.endsWith("m") ? Number(q.slice(0, -1)) : Number(q) * 1000;
}

/** Parse a Kubernetes memory quantity to bytes. */
export function memoryBytes(q: string): number {
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(q);
  if (!m) return NaN;
  const mult: Record<string, number> = {
    "": 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
  };
  return Number(m[1]) * (mult[m[2]] ?? NaN);
}

/** An IPv4 network address in CIDR form whose host bits are zero. */
export const ipv4Cidr = z.string({ error: "an IPv4 CIDR block like 10.0.0.0/16" }).superRefine((value, ctx) => {
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(value) || !Address4.isValid(value)) {
    ctx.addIssue({ code: "custom", message: "an IPv4 CIDR block like 10.0.0.0/16" });
    return;
  }
  const addr = new Address4(value);
  if (addr.startAddress().correctForm() !== addr.correctForm()) {
    ctx.addIssue({
      code: "custom",
      message: `a network address (host bits zero), e.g. ${addr.startAddress().correctForm()}/${addr.subnetMask}`,
    });
  }
});

export const DNS_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 label: Kubernetes object names, service names. */
export const dnsLabel = z
  .string({ error: "a lowercase DNS label (a-z, 0-9, '-', at most 63 characters)" })
  .max(63, { error: "a lowercase DNS label of at most 63 characters" })
  .regex(DNS_LABEL_RE, { error: "a lowercase DNS label (a-z, 0-9, '-'), starting and ending alphanumeric" });

export const DOMAIN_RE = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const domainName = z
  .string({ error: "a fully qualified domain name like example.com" })
  .regex(DOMAIN_RE, { error: "a lowercase fully qualified domain name like example.com" });

/** A container image pinned by tag or digest; never `latest`, never untagged. */
export const pinnedImage = z
  .string({ error: "a container image reference pinned to a tag or digest" })
  .superRefine((image, ctx) => {
    const digest = /@sha256:[a-f0-9]{64}$/.test(image);
    const lastSegment = image.split("/").pop() ?? "";
    const tag = lastSegment.includes(":") ? lastSegment.split(":").pop() : undefined;
    if (!digest && (!tag || tag === "latest")) {
      ctx.addIssue({
        code: "custom",
        message: 'an image pinned to a version tag or sha256 digest (not "latest", not untagged)',
      });
    }
  });

/** Items that occur more than once, each reported once. */
export function duplicates<T>(items: readonly T[]): T[] {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const i of items) (seen.has(i) ? dup : seen).add(i);
  return [...dup];
}
