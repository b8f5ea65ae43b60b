import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import parseForwarded from 'forwarded-parse';
import ipaddr from 'ipaddr.js';
import type { Logger } from 'pino';
import type { ClientAddress } from './ClientLimitsTypes.js';

type Ip = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Ip, number];

/** The header trusted proxies name the client in. */
export type ForwardedHeader = 'x-forwarded-for' | 'forwarded';
export const FORWARDED_HEADERS: readonly ForwardedHeader[] = ['x-forwarded-for', 'forwarded'];

/** Names usable in an address list, for the usual ranges. */
const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
};

/** Hops of a forwarded header looked at, at most (a longer chain is cut at the nearest ones). */
const MAX_HOPS = 32;

export interface ClientAddressesOptions {
  /** Peers whose forwarded header is believed (addresses, CIDRs, `loopback`, `private`, `linklocal`); none by default. */
  trustedProxies?: readonly string[] | undefined;
  /** The header they set: X-Forwarded-For (default) or the standard Forwarded (RFC 7239). */
  header?: ForwardedHeader | undefined;
  /** Addresses the per-address limits do not apply to (same syntax). */
  exempt?: readonly string[] | undefined;
  /** Told once when a forwarded header arrives from a peer that is not trusted (a proxy nobody configured). */
  logger?: Logger | undefined;
}

/**
 * Who a request comes from: the socket's peer address, unless that peer is a trusted proxy, in which
 * case the forwarded header is read from the nearest hop outwards, skipping trusted proxies, and the
 * first address not trusted is the client (so a client cannot forge what it prepends). No header is
 * believed by default. IPv4-mapped IPv6 addresses count as IPv4; IPv6 clients are counted per /64.
 */
export class ClientAddresses {
  readonly #trusted: Range[];
  readonly #exempt: Range[];
  readonly #header: ForwardedHeader;
  readonly #logger: Logger | undefined;
  #warned = false;

  /** Parses an address list (TypeError naming a bad entry). */
  static parseRanges(entries: readonly string[]): Range[] {
    return entries.flatMap((entry) => {
      const named = NAMED_RANGES[entry.toLowerCase()];
      if (named) return named.map((cidr) => ipaddr.parseCIDR(cidr));
      if (entry.includes('/')) {
        const [ip, bits] = entry.split('/');
        if (isIP(ip ?? '') === 0 || !/^\d{1,3}$/.test(bits ?? '') || !ipaddr.isValidCIDR(entry))
          throw new TypeError(`${JSON.stringify(entry)} is not an address range`);
        const [address, prefix] = ipaddr.parseCIDR(entry);
        return [normalizeRange(address, prefix)];
      }
      if (isIP(entry) === 0)
        throw new TypeError(
          `${JSON.stringify(entry)} is not an IP address, a CIDR range or one of ${Object.keys(NAMED_RANGES).join(', ')}`,
        );
      const address = ipaddr.process(entry);
      return [[address, address.kind() === 'ipv4' ? 32 : 128] as Range];
    });
  }

  constructor(options: ClientAddressesOptions = {}) {
    this.#trusted = ClientAddresses.parseRanges(options.trustedProxies ?? []);
    this.#exempt = ClientAddresses.parseRanges(options.exempt ?? []);
    this.#header = options.header ?? 'x-forwarded-for';
    this.#logger = options.logger;
  }

  /** The client of a request from `peer` (the socket's remote address) carrying `headers`. */
  resolve(peer: string | undefined, headers: IncomingHttpHeaders): ClientAddress {
    const nearest = parseIp(peer);
    if (!nearest) return { ip: peer ?? 'unknown', key: `unknown:${peer ?? ''}`, exempt: false };
    let client = nearest;
    if (this.#trusted.length > 0 && inRanges(nearest, this.#trusted)) {
      for (const hop of this.#hops(headers)) {
        // A hop that is not an address (unknown, obfuscated, garbage): the last proxy is all we know.
        const ip = parseIp(hop);
        if (!ip) break;
        client = ip;
        if (!inRanges(ip, this.#trusted)) break;
      }
    } else if (!this.#warned && headers[this.#header] !== undefined) {
      this.#warned = true;
      this.#logger?.warn(
        { peer, header: this.#header },
        `a ${this.#header} header came from ${peer}, which VOXLAY_TRUSTED_PROXIES does not list: it is ignored, and if that peer is your reverse proxy every client behind it shares its per-address limits`,
      );
    }
    return { ip: client.toString(), key: keyOf(client), exempt: inRanges(client, this.#exempt) };
  }

  /** The forwarded addresses, nearest hop first. */
  #hops(headers: IncomingHttpHeaders): string[] {
    const raw = headers[this.#header];
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    if (value === undefined || value.trim() === '') return [];
    let hops: string[];
    if (this.#header === 'x-forwarded-for') {
      hops = value.split(',').map((hop) => hop.trim());
    } else {
      try {
        hops = parseForwarded(value).map((element) => stripPort(element.for ?? ''));
      } catch {
        return [];
      }
    }
    return hops.reverse().slice(0, MAX_HOPS);
  }
}

/** A strict IP literal (no IPv4 shorthands), IPv4-mapped IPv6 as IPv4; undefined otherwise. */
function parseIp(text: string | undefined): Ip | undefined {
  if (text === undefined) return undefined;
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIP(bare) === 0) return undefined;
  return ipaddr.process(bare.replace(/%.*$/, ''));
}

/** RFC 7239 node: `1.2.3.4`, `1.2.3.4:80`, `[2001:db8::1]`, `[2001:db8::1]:443`. */
function stripPort(node: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(node);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(node);
  return v4 ? v4[1]! : node;
}

function normalizeRange(address: Ip, prefix: number): Range {
  // An IPv4-mapped range (::ffff:10.0.0.0/104) matches the IPv4 addresses it maps.
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    return [(address as ipaddr.IPv6).toIPv4Address(), prefix - 96];
  }
  return [address, prefix];
}

function inRanges(ip: Ip, ranges: readonly Range[]): boolean {
  return ranges.some(([range, prefix]) => range.kind() === ip.kind() && ip.match(range, prefix));
}

/** IPv4: the address; IPv6: its /64 network. */
function keyOf(ip: Ip): string {
  if (ip.kind() === 'ipv4') return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}
