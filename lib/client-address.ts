import { isIPv4, isIPv6 } from "node:net";

/**
 * Where a request came from, decided once at the edge of the app (scripts/server.ts) and never
 * from a header the client chose. The rules here are pure so they can be tested case by case.
 */

/** The header the Kotona server sets; any inbound copy is removed before it is set. */
export const CLIENT_ADDRESS_HEADER = "x-kotona-client-address";

/**
 * Set by scripts/server.ts in its own process. Without it (next dev, a bare `next start`) the
 * header above could have come from anyone, so the address is unknown instead.
 */
export const ADDRESS_SERVER_MARKER = "KOTONA_ADDRESS_SERVER";

/** More hops than this is a configuration mistake, not a deployment. */
export const MAX_TRUSTED_PROXIES = 10;

type Env = Readonly<Record<string, string | undefined>>;

/** Zero hops unless set: the socket's address is the client's. A bad value stops start-up. */
export function trustedProxiesFrom(env: Env): number {
  const raw = env.KOTONA_TRUSTED_PROXIES?.trim() ?? "";
  if (raw === "") return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_TRUSTED_PROXIES) {
    throw new RangeError(`KOTONA_TRUSTED_PROXIES must be a whole number from 0 to ${MAX_TRUSTED_PROXIES} (the reverse proxies in front of Kotona).`);
  }
  return Number(raw);
}

/** AUTH_URL's origin, when set: the one origin redirects and forwarded-host headers may name. */
export function publicOriginFrom(env: Env): URL | null {
  const raw = env.AUTH_URL?.trim() || env.NEXTAUTH_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new RangeError("AUTH_URL must be an absolute http(s) URL such as https://kotona.example.fi", { cause: error });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RangeError("AUTH_URL must start with https:// or http://");
  return new URL(url.origin);
}

const MAPPED_IPV4 = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/**
 * One address in canonical form, or null when it is not one: IPv4 in dotted decimal, IPv6
 * compressed in lower case, an IPv4-mapped IPv6 address as the IPv4 address it carries. A port
 * (`192.0.2.1:443`, `[2001:db8::1]:443`) is dropped; zone ids, host names and junk are refused.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let text = raw?.trim() ?? "";
  if (text === "" || text.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else {
    const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
    if (withPort) text = withPort[1]!;
  }
  if (isIPv4(text)) return text;
  if (!isIPv6(text) || text.includes("%")) return null;
  // The URL parser gives the canonical compressed form (RFC 5952), IPv4 tails in hex.
  const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const mapped = MAPPED_IPV4.exec(canonical);
  if (mapped) {
    const high = parseInt(mapped[1]!, 16);
    const low = parseInt(mapped[2]!, 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join(".");
  }
  return canonical;
}

function headerEntries(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const joined = typeof value === "string" ? value : value.join(",");
  if (joined.trim() === "") return [];
  return joined.split(",").map((entry) => entry.trim());
}

/**
 * The client's address. With no trusted proxy, the socket's peer. With N trusted proxies, walk
 * left from the socket through `X-Forwarded-For` at most N hops: each trusted hop appended the
 * address it saw. The walk stops early at the leftmost entry (fewer entries than hops) or before a
 * malformed one, so a client can never pick an address further left than the trusted hops vouch for.
 */
export function resolveClientAddress({
  socketAddress,
  forwardedFor,
  trustedProxies,
}: {
  socketAddress: string | null | undefined;
  forwardedFor: string | readonly string[] | undefined;
  trustedProxies: number;
}): string | null {
  let client = normalizeAddress(socketAddress);
  if (client === null || trustedProxies === 0) return client;
  const entries = headerEntries(forwardedFor);
  for (let hop = 0; hop < trustedProxies && entries.length > 0; hop++) {
    const next = normalizeAddress(entries.pop());
    if (next === null) break;
    client = next;
  }
  return client;
}

/**
 * What the server does to a request's headers before the app sees it: header name → new value, or
 * null to remove it. The app then reads the client address only from CLIENT_ADDRESS_HEADER;
 * `X-Forwarded-For` is rewritten to that one address for anything else that reads it; the host
 * and protocol come from AUTH_URL when it is set, the protocol from the nearest trusted proxy
 * otherwise, and `X-Forwarded-Host` from a client never (Next then uses the request's own Host).
 */
export function forwardingHeaders({
  headers,
  socketAddress,
  trustedProxies,
  publicOrigin,
}: {
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  socketAddress: string | null | undefined;
  trustedProxies: number;
  publicOrigin: URL | null;
}): Record<string, string | null> {
  const client = resolveClientAddress({ socketAddress, forwardedFor: headers["x-forwarded-for"], trustedProxies });
  const nearestProto = trustedProxies > 0 ? headerEntries(headers["x-forwarded-proto"]).pop()?.toLowerCase() : undefined;
  const proto = publicOrigin ? publicOrigin.protocol.slice(0, -1) : nearestProto === "https" || nearestProto === "http" ? nearestProto : null;
  return {
    [CLIENT_ADDRESS_HEADER]: client,
    "x-forwarded-for": client,
    "x-forwarded-host": publicOrigin ? publicOrigin.host : null,
    "x-forwarded-proto": proto,
    "x-forwarded-port": null,
    "x-real-ip": null,
    forwarded: null,
  };
}

/**
 * The client address a route handler or server action may rely on: the one the Kotona server set,
 * or null when the app runs without it (next dev), because then the header is the client's word.
 */
export function clientAddressFrom(headers: Headers, env: Env = process.env): string | null {
  if (env[ADDRESS_SERVER_MARKER] !== "1") return null;
  return normalizeAddress(headers.get(CLIENT_ADDRESS_HEADER));
}

function expandIPv6(address: string): number[] {
  const [head = "", tail] = address.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The part of an address a limiter counts. One IPv6 host usually holds a whole /64 and can
 * rotate through it at will, so IPv6 addresses count per /64; IPv4 per address. Null (unknown)
 * is one shared bucket.
 */
export function limiterAddress(address: string | null): string {
  if (address === null) return "unknown";
  if (!address.includes(":")) return address;
  const groups = expandIPv6(address).slice(0, 4);
  return `${groups.map((group) => group.toString(16)).join(":")}::/64`;
}
