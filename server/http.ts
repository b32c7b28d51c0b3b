import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import { forwardingHeaders } from "@/lib/client-address";

export interface AddressOptions {
  /** Reverse proxies in front of Kotona whose X-Forwarded-For entries are believed. */
  trustedProxies: number;
  /** AUTH_URL's origin, or null: then the request's own Host is the host. */
  publicOrigin: URL | null;
}

/**
 * Rewrites the forwarded headers of one request in place (lib/client-address.ts decides how),
 * before Next or anything else reads them.
 */
export function applyForwardingHeaders(request: IncomingMessage, options: AddressOptions): void {
  const plan = forwardingHeaders({
    headers: request.headers,
    socketAddress: request.socket.remoteAddress,
    trustedProxies: options.trustedProxies,
    publicOrigin: options.publicOrigin,
  });
  for (const [name, value] of Object.entries(plan)) {
    if (value === null) delete request.headers[name];
    else request.headers[name] = value;
  }
}

/** An HTTP server whose handler only ever sees requests with trustworthy forwarded headers. */
export function createAddressAwareServer(handler: RequestListener, options: AddressOptions): Server {
  return createServer((request, response) => {
    applyForwardingHeaders(request, options);
    handler(request, response);
  });
}
