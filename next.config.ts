import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { staticSecurityHeaders } from "./lib/security-headers";

const withNextIntl = createNextIntlPlugin("./server/i18n.ts");

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files at run time, argon2 is a native binary and
  // rate-limiter-flexible imports drizzle-orm dynamically, pdfkit reads its font metrics from its
  // own folder at run time: each breaks when bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "rate-limiter-flexible", "pdfkit", "fontkit"],
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders(process.env.NODE_ENV === "production") },
      { source: "/staff/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
  experimental: {
    // forbidden(): a signed-in staff member without the permission gets a 403 page.
    authInterrupts: true,
    // Caps what a server action (every form post) may send.
    serverActions: { bodySizeLimit: "200kb" },
  },
};

export default withNextIntl(nextConfig);
