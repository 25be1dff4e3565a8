import { BlockList, isIP } from 'node:net';

export interface WebhookAddressOptions {
  /** Let loopback addresses (127/8, ::1) through: tests and demos whose receiver runs on this machine. @default false */
  allowLoopback?: boolean;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * What a webhook may never call, by why: addresses of this machine and of its link, not
 * of another application. The private ranges (10/8, 172.16/12, 192.168/16, fc00::/7) stay
 * callable: agency applications live on the government's private networks.
 */
const REFUSED: ReadonlyArray<readonly [string, BlockList]> = [
  ['a loopback address', LOOPBACK],
  ['an unspecified address', blockList([['0.0.0.0', 8, 'ipv4'], ['::', 128, 'ipv6']])],
  // RFC 3927 / RFC 4291; 169.254.169.254 is the cloud metadata service.
  ['a link-local address (cloud metadata among them)', blockList([['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']])],
  ['a multicast address', blockList([['224.0.0.0', 4, 'ipv4'], ['ff00::', 8, 'ipv6']])],
  // 240/4 is reserved, 255.255.255.255 the limited broadcast at its top.
  ['a reserved or broadcast address', blockList([['240.0.0.0', 4, 'ipv4']])],
];

function blockList(subnets: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6']>): BlockList {
  const list = new BlockList();
  for (const [network, prefix, family] of subnets) list.addSubnet(network, prefix, family);
  return list;
}

/**
 * Why a webhook must not call `address` (an IPv4 or IPv6 address, as DNS answers it or a
 * URL spells it, brackets and zone allowed), or null when it may. An IPv6 address carrying
 * an IPv4 one (IPv4-mapped `::ffff:a.b.c.d`, or the old IPv4-compatible `::a.b.c.d`) is
 * judged as that IPv4 address as well, so `::ffff:127.0.0.1` is loopback. A string that
 * is no address is refused.
 */
export function webhookAddressRefusal(address: string, { allowLoopback = false }: WebhookAddressOptions = {}): string | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return 'is not an IP address';
  const candidates: Array<[string, 'ipv4' | 'ipv6']> = [[bare, family === 4 ? 'ipv4' : 'ipv6']];
  const embedded = family === 6 ? embeddedIpv4(bare) : null;
  if (embedded) candidates.push([embedded, 'ipv4']);
  for (const [reason, list] of REFUSED) {
    if (allowLoopback && list === LOOPBACK) continue;
    if (candidates.some(([a, f]) => list.check(a, f))) return `is ${reason}`;
  }
  return null;
}

/**
 * Why a webhook URL's host must not be registered, or null: an IP literal judged by
 * `webhookAddressRefusal` (the WHATWG URL parser has already turned `0x7f000001` or
 * `127.1` into `127.0.0.1`), or a name reserved for loopback (`localhost` and the names
 * under it, RFC 6761). Other names are judged where they are resolved, at each call.
 */
export function webhookHostRefusal(hostname: string, options: WebhookAddressOptions = {}): string | null {
  if (hostname.startsWith('[') || isIP(hostname) !== 0) return webhookAddressRefusal(hostname, options);
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (!options.allowLoopback && (name === 'localhost' || name.endsWith('.localhost'))) return 'is a loopback name (localhost)';
  return null;
}

/** The IPv4 address an IPv6 one carries in its last 32 bits when its first 96 are `::ffff` or zero (RFC 4291 §2.5.5), else null. */
function embeddedIpv4(ipv6: string): string | null {
  // The URL serializer writes any IPv6 address in one canonical form (RFC 5952: lower case, hex groups, longest zero run as ::).
  const canonical = new URL(`http://[${ipv6}]/`).hostname.slice(1, -1);
  const match = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!match) return null;
  const high = parseInt(match[1]!, 16);
  const low = parseInt(match[2]!, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
