// SSRF guard: Newsroom fetches URLs that strangers give it (feeds, links inside feeds,
// redirects), so it must never be turned against the machine it runs on or its network.
// Addresses are checked after DNS resolution, on every connection, so a hostname that
// resolves to 10.0.0.1 or a redirect to http://169.254.169.254/ is refused like the literal.
import dns from 'node:dns';
import net from 'node:net';

export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDENADDRESS';
  constructor(readonly address: string, readonly host: string) {
    super(`refused to connect to ${host} (${address}): private, loopback, link-local, multicast or unspecified address`);
  }
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

const V4_BLOCKED: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

function inV4Range(ip: string, base: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((ipv4ToNumber(ip) & mask) >>> 0) === ((ipv4ToNumber(base) & mask) >>> 0);
}

function isLoopbackV4(ip: string): boolean {
  return inV4Range(ip, '127.0.0.0', 8);
}

/** Expands an IPv6 address to its eight 16-bit groups. */
function ipv6Groups(ip: string): number[] {
  let address = ip.toLowerCase().split('%')[0] ?? '';
  const v4Tail = address.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4Tail?.[1]) {
    const n = ipv4ToNumber(v4Tail[1]);
    address = address.replace(v4Tail[1], `${((n >>> 16) & 0xffff).toString(16)}:${(n & 0xffff).toString(16)}`);
  }
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  return groups.map((g) => parseInt(g, 16) || 0);
}

export type AddressVerdict = 'public' | 'loopback' | 'forbidden';

/** Classifies one IP address (v4 or v6). Anything unparseable is forbidden. */
export function classifyAddress(ip: string): AddressVerdict {
  const family = net.isIP(ip);
  if (family === 4) {
    if (isLoopbackV4(ip)) return 'loopback';
    return V4_BLOCKED.some(([base, bits]) => inV4Range(ip, base, bits)) ? 'forbidden' : 'public';
  }
  if (family === 6) {
    const g = ipv6Groups(ip);
    const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
    const allZeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
    if (allZeroTo(7) && g7 === 1) return 'loopback'; // ::1
    if (allZeroTo(8)) return 'forbidden'; // ::
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address.
    if (allZeroTo(5) && (g5 === 0xffff || g5 === 0)) {
      const v4 = `${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`;
      return classifyAddress(v4);
    }
    if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
      return classifyAddress(`${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`); // NAT64
    }
    if (g0 === 0x2002) {
      return classifyAddress(`${g1 >> 8}.${g1 & 0xff}.${g2 >> 8}.${g2 & 0xff}`); // 6to4 wraps an IPv4 address
    }
    if (g0 === 0x2001 && g1 === 0) return 'forbidden'; // Teredo: tunnels to an obfuscated IPv4 address
    if ((g0 & 0xfe00) === 0xfc00) return 'forbidden'; // unique local fc00::/7
    if ((g0 & 0xffc0) === 0xfe80) return 'forbidden'; // link-local fe80::/10
    if ((g0 & 0xffc0) === 0xfec0) return 'forbidden'; // site-local (deprecated) fec0::/10
    if ((g0 & 0xff00) === 0xff00) return 'forbidden'; // multicast ff00::/8
    if (g0 === 0x2001 && g1 === 0x0db8) return 'forbidden'; // documentation
    return 'public';
  }
  return 'forbidden';
}

export function isAllowedAddress(ip: string, allowLoopback: boolean): boolean {
  const verdict = classifyAddress(ip);
  return verdict === 'public' || (verdict === 'loopback' && allowLoopback);
}

type LookupAddress = { address: string; family: number };
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for net/tls connect options that resolves the name, then refuses the
 * connection when any address it resolves to is not allowed (an attacker's DNS may
 * return one public and one private address).
 */
export function guardedLookup(allowLoopback: boolean, resolve: typeof dns.lookup = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => !isAllowedAddress(a.address, allowLoopback));
      if (bad) return callback(new ForbiddenAddressError(bad.address, hostname) as unknown as NodeJS.ErrnoException, []);
      if (list.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      if (options.all) return callback(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** Checks a URL whose host is an IP literal, which connect() would use without a lookup. */
export function checkLiteralHost(url: URL, allowLoopback: boolean): ForbiddenAddressError | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) === 0) return null;
  return isAllowedAddress(host, allowLoopback) ? null : new ForbiddenAddressError(host, url.hostname);
}
