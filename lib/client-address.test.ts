import { describe, expect, it } from "vitest";
import {
  ADDRESS_SERVER_MARKER,
  CLIENT_ADDRESS_HEADER,
  clientAddressFrom,
  forwardingHeaders,
  limiterAddress,
  normalizeAddress,
  publicOriginFrom,
  resolveClientAddress,
  trustedProxiesFrom,
} from "./client-address";

describe("normalizeAddress", () => {
  it.each([
    ["IPv4", "192.0.2.7", "192.0.2.7"],
    ["IPv4 with spaces", "  192.0.2.7 ", "192.0.2.7"],
    ["IPv4 with a port", "192.0.2.7:51234", "192.0.2.7"],
    ["IPv6 in upper case, uncompressed", "2001:0DB8:0000:0000:0000:0000:0000:0042", "2001:db8::42"],
    ["IPv6 compressed", "2001:db8::42", "2001:db8::42"],
    ["IPv6 in brackets with a port", "[2001:db8::42]:443", "2001:db8::42"],
    ["IPv6 in brackets", "[2001:db8::42]", "2001:db8::42"],
    ["IPv6 loopback", "::1", "::1"],
    ["IPv4-mapped IPv6 (how Node reports an IPv4 peer on a dual-stack socket)", "::ffff:127.0.0.1", "127.0.0.1"],
    ["IPv4-mapped IPv6 in hex", "::FFFF:c000:0207", "192.0.2.7"],
    ["IPv4-mapped IPv6 in brackets with a port", "[::ffff:198.51.100.9]:8080", "198.51.100.9"],
  ])("%s", (_label, raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each([
    ["empty", ""],
    ["spaces", "   "],
    ["null", null],
    ["undefined", undefined],
    ["a host name", "proxy.example"],
    ["unknown, as some proxies write", "unknown"],
    ["an obfuscated RFC 7239 identifier", "_hidden"],
    ["an octet past 255", "192.0.2.256"],
    ["leading zeros (octal in some parsers)", "010.0.0.1"],
    ["three octets", "192.0.2"],
    ["a hex IPv4", "0x7f.0.0.1"],
    ["an IPv6 zone id", "fe80::1%eth0"],
    ["IPv6 with a port but no brackets", "2001:db8::42:443:1:2:3:4"],
    ["two addresses", "192.0.2.1 192.0.2.2"],
    ["script", "<script>"],
    ["too long", `${"1".repeat(70)}`],
  ])("refuses %s", (_label, raw) => {
    expect(normalizeAddress(raw)).toBeNull();
  });
});

describe("resolveClientAddress", () => {
  const socket = "203.0.113.10";

  it("with no trusted proxy, the socket's address whatever X-Forwarded-For says", () => {
    for (const forwardedFor of [undefined, "198.51.100.1", "198.51.100.1, 198.51.100.2", "garbage", ["198.51.100.1", "198.51.100.2"]]) {
      expect(resolveClientAddress({ socketAddress: socket, forwardedFor, trustedProxies: 0 })).toBe(socket);
    }
  });

  it("with one trusted proxy, the entry that proxy appended (the rightmost), not what the client sent", () => {
    // The client sent "198.51.100.66"; the proxy appended the address it saw, 198.51.100.1.
    expect(resolveClientAddress({ socketAddress: socket, forwardedFor: "198.51.100.66, 198.51.100.1", trustedProxies: 1 })).toBe("198.51.100.1");
    expect(resolveClientAddress({ socketAddress: socket, forwardedFor: "198.51.100.1", trustedProxies: 1 })).toBe("198.51.100.1");
  });

  it("with two trusted proxies, the second entry from the right", () => {
    expect(
      resolveClientAddress({ socketAddress: socket, forwardedFor: "198.51.100.66, 198.51.100.1, 10.0.0.5", trustedProxies: 2 }),
    ).toBe("198.51.100.1");
  });

  it("joins repeated X-Forwarded-For headers in order", () => {
    expect(resolveClientAddress({ socketAddress: socket, forwardedFor: ["198.51.100.66", "198.51.100.1, 10.0.0.5"], trustedProxies: 2 })).toBe(
      "198.51.100.1",
    );
  });

  it("with fewer entries than hops, the leftmost address it has", () => {
    expect(resolveClientAddress({ socketAddress: socket, forwardedFor: "198.51.100.1", trustedProxies: 3 })).toBe("198.51.100.1");
    expect(resolveClientAddress({ socketAddress: socket, forwardedFor: undefined, trustedProxies: 2 })).toBe(socket);
    expect(resolveClientAddress({ socketAddress: socket, forwardedFor: "", trustedProxies: 2 })).toBe(socket);
  });

  it("stops before a malformed entry: the hop that reported it is the client", () => {
    expect(resolveClientAddress({ socketAddress: socket, forwardedFor: "198.51.100.66, not-an-address", trustedProxies: 1 })).toBe(socket);
    expect(resolveClientAddress({ socketAddress: socket, forwardedFor: "198.51.100.66, , 10.0.0.5", trustedProxies: 2 })).toBe("10.0.0.5");
    expect(resolveClientAddress({ socketAddress: socket, forwardedFor: "198.51.100.66, unknown, 10.0.0.5", trustedProxies: 3 })).toBe("10.0.0.5");
  });

  it("reads IPv6 and IPv4-mapped IPv6 hops", () => {
    expect(resolveClientAddress({ socketAddress: "::ffff:10.0.0.5", forwardedFor: "[2001:DB8::7]:1234", trustedProxies: 1 })).toBe("2001:db8::7");
    expect(resolveClientAddress({ socketAddress: "::ffff:10.0.0.5", forwardedFor: undefined, trustedProxies: 0 })).toBe("10.0.0.5");
    expect(resolveClientAddress({ socketAddress: "2001:db8::1", forwardedFor: "::ffff:198.51.100.1", trustedProxies: 1 })).toBe("198.51.100.1");
  });

  it("is unknown without a socket address", () => {
    expect(resolveClientAddress({ socketAddress: undefined, forwardedFor: "198.51.100.1", trustedProxies: 1 })).toBeNull();
  });
});

describe("forwardingHeaders", () => {
  const forged = {
    "x-forwarded-for": "198.51.100.66",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-port": "443",
    "x-real-ip": "198.51.100.67",
    forwarded: "for=198.51.100.68;host=evil.example",
    [CLIENT_ADDRESS_HEADER]: "198.51.100.69",
  };

  it("with no trusted proxy, replaces every forwarded header a client could forge", () => {
    expect(forwardingHeaders({ headers: forged, socketAddress: "::ffff:127.0.0.1", trustedProxies: 0, publicOrigin: null })).toEqual({
      [CLIENT_ADDRESS_HEADER]: "127.0.0.1",
      "x-forwarded-for": "127.0.0.1",
      "x-forwarded-host": null,
      "x-forwarded-proto": null,
      "x-forwarded-port": null,
      "x-real-ip": null,
      forwarded: null,
    });
  });

  it("behind a trusted proxy, keeps the proxy's protocol (the nearest value) but never a forwarded host", () => {
    const headers = { ...forged, "x-forwarded-for": "198.51.100.66, 198.51.100.1", "x-forwarded-proto": "http, https" };
    expect(forwardingHeaders({ headers, socketAddress: "10.0.0.5", trustedProxies: 1, publicOrigin: null })).toMatchObject({
      [CLIENT_ADDRESS_HEADER]: "198.51.100.1",
      "x-forwarded-for": "198.51.100.1",
      "x-forwarded-host": null,
      "x-forwarded-proto": "https",
    });
    expect(
      forwardingHeaders({ headers: { "x-forwarded-proto": "gopher" }, socketAddress: "10.0.0.5", trustedProxies: 1, publicOrigin: null })["x-forwarded-proto"],
    ).toBeNull();
  });

  it("with AUTH_URL set, the host and protocol are the configured origin's", () => {
    const publicOrigin = new URL("https://kotona.example.fi");
    expect(forwardingHeaders({ headers: forged, socketAddress: "10.0.0.5", trustedProxies: 0, publicOrigin })).toMatchObject({
      "x-forwarded-host": "kotona.example.fi",
      "x-forwarded-proto": "https",
    });
  });

  it("removes the internal header when the address is unknown", () => {
    expect(forwardingHeaders({ headers: forged, socketAddress: undefined, trustedProxies: 0, publicOrigin: null })[CLIENT_ADDRESS_HEADER]).toBeNull();
  });
});

describe("clientAddressFrom", () => {
  const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: "192.0.2.7", "x-forwarded-for": "198.51.100.66" });

  it("reads the server's header only when the Kotona server runs the app", () => {
    expect(clientAddressFrom(headers, { [ADDRESS_SERVER_MARKER]: "1" })).toBe("192.0.2.7");
    expect(clientAddressFrom(headers, {})).toBeNull();
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "198.51.100.66" }), { [ADDRESS_SERVER_MARKER]: "1" })).toBeNull();
  });
});

describe("limiterAddress", () => {
  it.each([
    ["IPv4 per address", "192.0.2.7", "192.0.2.7"],
    ["IPv6 per /64", "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["IPv6 per /64, compressed", "2001:db8::42", "2001:db8:0:0::/64"],
    ["loopback", "::1", "0:0:0:0::/64"],
    ["unknown", null, "unknown"],
  ])("%s", (_label, address, expected) => {
    expect(limiterAddress(address)).toBe(expected);
  });

  it("gives one bucket to every address of one /64", () => {
    expect(limiterAddress("2001:db8:aa:bb::1")).toBe(limiterAddress("2001:db8:aa:bb:ffff:ffff:ffff:ffff"));
    expect(limiterAddress("2001:db8:aa:bb::1")).not.toBe(limiterAddress("2001:db8:aa:bc::1"));
  });
});

describe("configuration", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["0", 0],
    ["1", 1],
    [" 2 ", 2],
  ])("KOTONA_TRUSTED_PROXIES=%j is %d hops", (value, hops) => {
    expect(trustedProxiesFrom({ KOTONA_TRUSTED_PROXIES: value })).toBe(hops);
  });

  it.each(["-1", "1.5", "one", "11", "true"])("refuses KOTONA_TRUSTED_PROXIES=%j", (value) => {
    expect(() => trustedProxiesFrom({ KOTONA_TRUSTED_PROXIES: value })).toThrow(/KOTONA_TRUSTED_PROXIES/);
  });

  it("AUTH_URL gives an origin; a bad one stops start-up", () => {
    expect(publicOriginFrom({})).toBeNull();
    expect(publicOriginFrom({ AUTH_URL: "https://kotona.example.fi/some/path" })?.origin).toBe("https://kotona.example.fi");
    expect(() => publicOriginFrom({ AUTH_URL: "kotona.example.fi" })).toThrow(/AUTH_URL/);
    expect(() => publicOriginFrom({ AUTH_URL: "javascript:alert(1)" })).toThrow(/AUTH_URL/);
  });
});
