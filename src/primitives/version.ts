/** Flink versions flink-mem models, and comparisons between them. */

export interface FlinkVersion {
  readonly major: number;
  readonly minor: number;
  /** Only 1.10.0 differs from its later patches in the memory model; null means "any patch". */
  readonly patch: number | null;
}

/** Every minor version the model knows, oldest first. 2.1 and 2.2 share 2.0's memory options. */
export const KNOWN_VERSIONS: readonly string[] = [
  '1.10',
  '1.11',
  '1.12',
  '1.13',
  '1.14',
  '1.15',
  '1.16',
  '1.17',
  '1.18',
  '1.19',
  '1.20',
  '2.0',
  '2.1',
  '2.2',
];

export const NEWEST_VERSION = KNOWN_VERSIONS[KNOWN_VERSIONS.length - 1]!;

const VERSION_RE = /^v?(\d+)[._](\d+)(?:[._](\d+))?(?:[-.]?[A-Za-z].*)?$/;

/** Parses "1.20", "1.10.0", "2.0-SNAPSHOT" or the operator's "v1_20". Returns null when unknown. */
export function parseVersion(text: string): FlinkVersion | null {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return null;
  const v: FlinkVersion = {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: m[3] === undefined ? null : Number(m[3]),
  };
  if (!KNOWN_VERSIONS.includes(`${v.major}.${v.minor}`)) return null;
  return v;
}

export function versionLabel(v: FlinkVersion): string {
  return v.patch === null ? `${v.major}.${v.minor}` : `${v.major}.${v.minor}.${v.patch}`;
}

/** Compares two versions on major.minor, then patch (null patch counts as the latest patch). */
export function compareVersions(a: FlinkVersion, b: FlinkVersion): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  return (a.patch ?? 999) - (b.patch ?? 999);
}

/** True when `v` is at least `min` ("1.17", "1.10.1"). */
export function atLeast(v: FlinkVersion, min: string): boolean {
  const m = parseLoose(min);
  if (v.major !== m.major) return v.major > m.major;
  if (v.minor !== m.minor) return v.minor > m.minor;
  if (m.patch === null) return true;
  return (v.patch ?? 999) >= m.patch;
}

/** The model asks `atLeast` with a handful of literal versions, thousands of times per file. */
const loose = new Map<string, FlinkVersion>();

function parseLoose(text: string): FlinkVersion {
  let v = loose.get(text);
  if (!v) {
    const [a, b, c] = text.split('.');
    v = { major: Number(a), minor: Number(b), patch: c === undefined ? null : Number(c) };
    if (loose.size < 256) loose.set(text, v);
  }
  return v;
}

export function defaultVersion(): FlinkVersion {
  return parseVersion(NEWEST_VERSION)!;
}

/**
 * The Flink version an official image runs, from its tag: `flink:1.17-java11`,
 * `apache/flink:1.12.1-scala_2.11-java8`, `docker.io/library/flink:2.0.0-java17`. Null for other
 * images (a custom image says nothing about its Flink) and for tags without a version (`latest`).
 */
export function imageVersion(image: string): FlinkVersion | null {
  const at = image.indexOf('@');
  const ref = (at >= 0 ? image.slice(0, at) : image).trim();
  const slash = ref.lastIndexOf('/');
  const last = ref.slice(slash + 1);
  const colon = last.indexOf(':');
  if (colon < 0 || last.slice(0, colon) !== 'flink') return null;
  const m = /^(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?(?:[-_].{0,100})?$/.exec(last.slice(colon + 1));
  if (!m) return null;
  return parseVersion(m[3] === undefined ? `${m[1]}.${m[2]}` : `${m[1]}.${m[2]}.${m[3]}`);
}
