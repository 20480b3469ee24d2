/**
 * Schedule and duration syntax as their consumers parse them, as plain functions: config
 * validation and the manifests judge a value the same way, and config, the bottom layer, imports
 * nothing from the areas above it. Cron grammar is robfig/cron v3.0.1's parser (parser.go,
 * spec.go; vendored by kedacore/keda v2.20.2), with the options each consumer sets:
 * - KEDA's cron scaler (pkg/scalers/cron_scaler.go at v2.20.2):
 *   NewParser(Minute | Hour | Dom | Month | Dow), five fields, no descriptors, no seconds;
 * - Chaos Mesh's Schedule (api/v1alpha1/schedule_types.go): SecondOptional | Minute | Hour | Dom |
 *   Month | Dow | Descriptor, five or six fields, @hourly and the like, `@every <Go duration>`.
 */
import { GO_DURATION_RE } from "./primitives";
import { isIanaZone } from "./timezones";

export { GO_DURATION_RE };
const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  "\u00b5s": 1e-6,
  "\u03bcs": 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

export function goDurationSeconds(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/([0-9]*\.?[0-9]*)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/g))
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
  return total;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const SECONDS: Bounds = { min: 0, max: 59 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 }, // minute
  { min: 0, max: 23 }, // hour
  { min: 1, max: 31 }, // day of month
  { min: 1, max: 12, names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])) },
  { min: 0, max: 6, names: Object.fromEntries(DAYS.map((d, i) => [d, i])) },
];
const DESCRIPTORS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

/** strconv.Atoi, then not negative; names (month, day of week) case-insensitive where the field has them. */
function intOrName(text: string, b: Bounds): number | undefined {
  const named = b.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n < 0 ? undefined : n;
}

/** getRange: `*` or `?`, a value or a-b, optionally /step (a lone value with a step runs to the max). */
function rangeOk(expr: string, b: Bounds): boolean {
  const slash = expr.split("/");
  if (slash.length > 2) return false;
  const dash = slash[0].split("-");
  let start: number | undefined;
  let end: number | undefined;
  if (dash[0] === "*" || dash[0] === "?") [start, end] = [b.min, b.max];
  else {
    if (dash.length > 2) return false;
    start = intOrName(dash[0], b);
    end = dash.length === 2 ? intOrName(dash[1], b) : start;
  }
  if (start === undefined || end === undefined) return false;
  if (slash.length === 2) {
    if (!/^[+-]?[0-9]+$/.test(slash[1]) || Number(slash[1]) <= 0) return false;
    if (dash.length === 1 && dash[0] !== "*" && dash[0] !== "?") end = b.max;
  }
  return start >= b.min && end <= b.max && start <= end;
}

const fieldOk = (field: string, b: Bounds) => field.split(",").every((part) => rangeOk(part, b));

export interface CronOptions {
  /** A leading seconds field may be given (six fields). */
  secondOptional: boolean;
  /** @hourly and friends, and `@every <duration>`. */
  descriptors: boolean;
}

/** robfig/cron v3 Parser.Parse with the given options: true when it would return a schedule. */
export function parsesAsCron(spec: string, o: CronOptions): boolean {
  let rest = spec;
  const tz = /^(?:CRON_TZ|TZ)=(\S+) (.*)$/.exec(rest);
  if (tz) {
    if (!isIanaZone(tz[1])) return false;
    rest = tz[2].trim();
  }
  if (rest.length === 0) return false;
  if (rest.startsWith("@")) {
    if (!o.descriptors) return false;
    if (DESCRIPTORS.has(rest)) return true;
    const every = /^@every (.+)$/.exec(rest);
    return !!every && GO_DURATION_RE.test(every[1]);
  }
  const fields = rest.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length === 6 && o.secondOptional)
    return fieldOk(fields[0], SECONDS) && fields.slice(1).every((f, i) => fieldOk(f, FIELDS[i]));
  return fields.length === 5 && fields.every((f, i) => fieldOk(f, FIELDS[i]));
}

/** KEDA's cron scaler start/end: five fields, nothing else. */
export function isKedaCron(spec: string): boolean {
  return parsesAsCron(spec, { secondOptional: false, descriptors: false });
}

/** Chaos Mesh Schedules: five or six fields, descriptors, `@every` (a positive Go duration). */
export function isChaosSchedule(schedule: string): boolean {
  const every = /^@every (.+)$/.exec(schedule);
  if (every && !(GO_DURATION_RE.test(every[1]) && goDurationSeconds(every[1]) > 0)) return false;
  return parsesAsCron(schedule, { secondOptional: true, descriptors: true });
}
