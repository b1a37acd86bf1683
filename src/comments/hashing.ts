// What we keep instead of what readers give us: hashes. An email address is never stored,
// a client's address never either; a held comment is found again by a random token.
import crypto from 'node:crypto';
import net from 'node:net';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const hmac = (key: string, text: string) => crypto.createHmac('sha256', key).update(text).digest('hex');

/** SHA-256 of the trimmed, lower-cased address: what Gravatar-style avatar services key on. */
export function hashEmail(email: string): string {
  return sha256(email.trim().toLowerCase());
}

/** A name as bans compare it: case and spacing do not matter. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The key of a name + email pair. Keyed with the site's secret so a copy of the database does
 * not tell which pairs belong to a guessed address.
 */
export function authorKey(secret: string, name: string, email: string | null): string {
  return hmac(secret, `author\n${normaliseName(name)}\n${(email ?? '').trim().toLowerCase()}`).slice(0, 40);
}

/**
 * The network a client posts from: an IPv4 address, or the /64 of an IPv6 one (one household
 * or server usually holds a whole /64, so limiting single IPv6 addresses limits nothing).
 */
export function clientNetwork(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!net.isIPv6(plain)) return plain;
  const [head = '', tail = ''] = plain.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = plain.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Salted hash of the client's network: rate limits and bans without keeping the address. */
export function hashClient(salt: string, address: string): string {
  return hmac(salt, `client\n${clientNetwork(address)}`).slice(0, 40);
}

/** A random token for a held comment, kept by its author's browser. */
export function newHeldToken(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export function newSecret(): string {
  return crypto.randomBytes(32).toString('hex');
}
