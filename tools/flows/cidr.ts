/** IPv4 CIDR arithmetic for the reachability model (IPv6 is not planned by this platform). */
export interface Range {
  start: number;
  end: number;
}

export function parseCidr(cidr: string): Range | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const ip = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(ip / size) * size;
  return { start, end: start + size - 1 };
}

/** True if every address of `inner` is in `outer`. */
export function covers(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return !!o && !!i && o.start <= i.start && i.end <= o.end;
}

export const prefixLength = (cidr: string): number => Number(cidr.split("/")[1] ?? -1);
