import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The folders' boundaries (../shared/CONVENTIONS.md, "Where things live"): app → server → db → lib.
 * Each block names what its folder may not import, with the reason in the message.
 */
const nodeIo = ["fs", "fs/*", "child_process", "http", "https", "http2", "dgram", "dns", "dns/*", "tls", "cluster", "worker_threads", "readline", "stream", "stream/*", "os", "vm"].flatMap(
  (name) => [name, `node:${name}`],
);

const restrict = (message, groups, paths = []) => ["error", { paths, patterns: [{ group: groups, message }] }];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // lib/ holds the rules as pure functions: no data access, no framework, no I/O.
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict(
        "lib/ is pure (CONVENTIONS.md): no db/, app/, components/, server/, demo/, Next.js or Node I/O. Pass data in; put glue in server/.",
        ["@/db", "@/db/*", "@/app/*", "@/components/*", "@/server/*", "@/demo/*", "@/auth", "@/auth.config", "**/db/*", "**/app/*", "**/components/*", "**/server/*", "**/demo/*", "next", "next/*", "next-auth", "next-auth/*", "next-intl/server", "server-only", ...nodeIo],
        // Address parsing is pure; the rest of node:net is not.
        [{ name: "node:net", allowImportNames: ["isIP", "isIPv4", "isIPv6"], message: "lib/ is pure: only node:net's address checks." }],
      ),
    },
  },
  {
    // db/ fetches, calls the rule, writes and audits; it stores codes and never renders.
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        "db/ imports lib/ only (CONVENTIONS.md): no app/, components/, server/, demo/ or messages/ (store codes; labels are shown by the pages).",
        ["@/app/*", "@/components/*", "@/server/*", "@/demo/*", "@/messages/*", "**/app/*", "**/components/*", "**/server/*", "**/demo/*", "**/messages/*"],
      ),
    },
  },
  {
    // components/ render what pages hand them.
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": restrict(
        "components/ import lib/ and components/ only (CONVENTIONS.md): pages load data and pass it in; actions are passed as props.",
        ["@/app/*", "@/db", "@/db/*", "@/server/*", "**/app/*", "**/db/*", "**/server/*"],
      ),
    },
  },
  {
    // demo/ is content (the fictional municipality's settings, consent texts and accounts) for the
    // seed, the scripts and the tests; it may read lib/ and db/, never the app or its glue.
    files: ["demo/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        "demo/ imports lib/ and db/ only (CONVENTIONS.md): the synthetic world — settings, texts, accounts, factories and the seed — for the demo and the tests.",
        ["@/app/*", "@/components/*", "@/server/*", "**/app/*", "**/components/*", "**/server/*"],
      ),
    },
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  { ignores: [".next/**", "node_modules/**", "drizzle/**", ".kotona/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];
export default config;
