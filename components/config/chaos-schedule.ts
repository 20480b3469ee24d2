/**
 * The schedule and duration syntax Chaos Mesh accepts, as plain functions: config validation
 * (platform:chaos) and the chaos manifests judge a schedule the same way, and config, the bottom
 * layer, imports nothing from the areas above it.
 */
/** Go time.ParseDuration syntax (what Chaos Mesh parses `duration` with), without sign. */
export const GO_DURATION_RE = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

export function goDurationSeconds(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
  return total;
}

// Field ranges of robfig/cron with SecondOptional|Minute|Hour|Dom|Month|Dow|Descriptor,
// the parser Chaos Mesh's Schedule webhook uses (api/v1alpha1/schedule_types.go).
const CRON_FIELDS: [number, number][] = [
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 6], // day of week
];
const SECOND_FIELD: [number, number] = [0, 59];
const CRON_NAMES = /^(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT)$/i;
const DESCRIPTORS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

function cronFieldOk(field: string, [lo, hi]: [number, number]): boolean {
  return field.split(",").every((part) => {
    const m = /^(\*|\?|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/([0-9]+))?$/.exec(part);
    if (!m || (m[2] !== undefined && Number(m[2]) < 1)) return false;
    if (m[1] === "*" || m[1] === "?") return true;
    return m[1].split("-").every((v) => (/^[0-9]+$/.test(v) ? Number(v) >= lo && Number(v) <= hi : CRON_NAMES.test(v)));
  });
}

/** True for the schedules Chaos Mesh accepts: 5/6-field cron, descriptors, `@every <duration>`. */
export function isChaosSchedule(schedule: string): boolean {
  if (DESCRIPTORS.has(schedule)) return true;
  const every = /^@every (.+)$/.exec(schedule);
  if (every) return GO_DURATION_RE.test(every[1]) && goDurationSeconds(every[1]) > 0;
  const fields = schedule.trim().split(/\s+/);
  if (fields.length === 6)
    return cronFieldOk(fields[0], SECOND_FIELD) && fields.slice(1).every((f, i) => cronFieldOk(f, CRON_FIELDS[i]));
  return fields.length === 5 && fields.every((f, i) => cronFieldOk(f, CRON_FIELDS[i]));
}
