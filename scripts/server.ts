/**
 * The Kotona HTTP server: Next.js's documented custom server with one job added. Next gives
 * route handlers and server actions no socket address and passes a client's own X-Forwarded-*
 * headers through, so before Next sees a request this server decides the client's address from
 * the socket and KOTONA_TRUSTED_PROXIES (lib/client-address.ts), sets it in one internal header
 * (removing any inbound copy) and drops the forwarded headers no trusted hop vouches for.
 * `npm start` and `npm run start:server` both run it; it serves the production build.
 */
import next from "next";
import { ADDRESS_SERVER_MARKER, publicOriginFrom, trustedProxiesFrom } from "@/lib/client-address";
import { createAddressAwareServer } from "@/server/http";

async function main() {
  let options;
  try {
    options = { trustedProxies: trustedProxiesFrom(process.env), publicOrigin: publicOriginFrom(process.env) };
  } catch (error) {
    console.error(`\nKotona cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  // The app reads the internal address header only when this server put it there.
  process.env[ADDRESS_SERVER_MARKER] = "1";
  // Like `next start`: every interface, no hostname (a container's HOSTNAME is not a listen address).
  const app = next({ dev: false, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createAddressAwareServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Next answers its own errors; this is only a fault in the handler itself.
      console.error(error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  }, options);
  server.listen(port, () => {
    const proxies = options.trustedProxies === 0 ? "client address from the socket" : `client address ${options.trustedProxies} trusted hop(s) from the right`;
    console.log(`Kotona listening on port ${port} (${proxies}${options.publicOrigin ? `, public origin ${options.publicOrigin.origin}` : ""}).`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests still running get a moment; a stuck one does not keep the process alive.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
