import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files at run time; bundling it breaks the first query.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  experimental: {
    // Caps what a server action (every form post) may send.
    serverActions: { bodySizeLimit: "200kb" },
  },
};

export default withNextIntl(nextConfig);
