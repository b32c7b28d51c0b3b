import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { allPermissions } from "@/lib/auth/permissions";
import { staffRoles } from "@/lib/auth/roles";
import { publicLocales, staffLocales } from "@/lib/i18n/locales";

/**
 * The message files (messages/*.json): en.json is the source of truth for keys and meaning; every
 * other locale must have exactly the same keys, no empty texts, the same ICU arguments, and must
 * really be translated. Failures name the locale and the key path.
 */

const ROOT = path.resolve(__dirname, "../..");
const MESSAGES_DIR = path.join(ROOT, "messages");

/** Texts this long that are identical to English are taken for untranslated copies. */
const UNTRANSLATED_MIN_LENGTH = 25;

/**
 * "locale:key.path" entries allowed to equal English (or to miss the locale's script) although
 * longer than UNTRANSLATED_MIN_LENGTH, e.g. a proper name or an address that is the same in
 * every language. Keep it small and explain each entry.
 */
const IDENTICAL_TO_ENGLISH_ALLOWED: ReadonlySet<string> = new Set<string>([]);

type Messages = { [key: string]: string | Messages };

function loadMessages(locale: string): Messages {
  return JSON.parse(readFileSync(path.join(MESSAGES_DIR, `${locale}.json`), "utf8")) as Messages;
}

/** Leaf key paths ("ns.key") to values; a non-string, non-object leaf is reported by the caller. */
function flatten(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A small ICU MessageFormat reader: the arguments a message uses, as "name" or "name:type", plus
// rich-text tags as "<tag>". Plural and select branches are walked (their selectors differ by
// language and are not compared); quoting with apostrophes follows ICU ('' is a literal quote, a
// quote before a brace starts a quoted literal).

class IcuSyntaxError extends Error {}

function icuArguments(message: string): string[] {
  const found = new Set<string>();
  const end = readMessage(message, 0, found, false);
  if (end !== message.length) throw new IcuSyntaxError(`unexpected "}" at ${end}`);
  for (const match of message.matchAll(/<\/?([A-Za-z][\w-]*)\s*\/?>/g)) found.add(`<${match[1]}>`);
  return [...found].sort();
}

/** Reads message text from `i` until an unmatched "}" (returns its index) or the end. */
function readMessage(s: string, i: number, found: Set<string>, inPlural: boolean): number {
  while (i < s.length) {
    const ch = s[i];
    if (ch === "'") {
      const next = s[i + 1];
      if (next === "'") i += 2;
      else if (next === "{" || next === "}" || (inPlural && next === "#")) {
        const close = s.indexOf("'", i + 1);
        i = close === -1 ? s.length : close + 1;
      } else i += 1;
    } else if (ch === "{") {
      i = readArgument(s, i + 1, found);
    } else if (ch === "}") {
      return i;
    } else i += 1;
  }
  return i;
}

/** Reads an argument after its "{"; returns the index after its closing "}". */
function readArgument(s: string, i: number, found: Set<string>): number {
  const nameEnd = indexOfAny(s, i, ",}");
  const name = s.slice(i, nameEnd).trim();
  if (!/^[\p{L}\p{N}_]+$/u.test(name)) throw new IcuSyntaxError(`bad argument name "${name}"`);
  if (s[nameEnd] === "}") {
    found.add(name);
    return nameEnd + 1;
  }
  const typeEnd = indexOfAny(s, nameEnd + 1, ",}");
  const type = s.slice(nameEnd + 1, typeEnd).trim();
  found.add(`${name}:${type}`);
  if (s[typeEnd] === "}") return typeEnd + 1;
  if (type === "plural" || type === "selectordinal" || type === "select") {
    let j = typeEnd + 1;
    for (;;) {
      while (j < s.length && /\s/.test(s.charAt(j))) j += 1;
      if (j >= s.length) throw new IcuSyntaxError(`unclosed ${type} "${name}"`);
      if (s[j] === "}") return j + 1;
      const open = s.indexOf("{", j);
      if (open === -1) throw new IcuSyntaxError(`${type} "${name}" branch without a message`);
      const close = readMessage(s, open + 1, found, type !== "select");
      if (s[close] !== "}") throw new IcuSyntaxError(`unclosed branch in ${type} "${name}"`);
      j = close + 1;
    }
  }
  // number, date, time with a style or skeleton: no nested braces.
  const close = s.indexOf("}", typeEnd);
  if (close === -1) throw new IcuSyntaxError(`unclosed argument "${name}"`);
  return close + 1;
}

function indexOfAny(s: string, from: number, chars: string): number {
  for (let i = from; i < s.length; i += 1) if (chars.includes(s.charAt(i))) return i;
  throw new IcuSyntaxError(`unclosed argument starting at ${from}`);
}

/** A value to format each argument with, so that formatting the message exercises every part. */
function sampleValues(args: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of args) {
    if (arg.startsWith("<")) {
      const tag = arg.slice(1, -1);
      values[tag] = (chunks: unknown) => chunks;
      continue;
    }
    const [name = "", type] = arg.split(":");
    if (type === "number" || type === "plural" || type === "selectordinal") values[name] = 2;
    else if (type === "date" || type === "time") values[name] = new Date("2026-11-22T12:00:00Z");
    else values[name] = "x";
  }
  return values;
}

// ---------------------------------------------------------------------------------------------

const locales = [...publicLocales];
const messages = Object.fromEntries(locales.map((locale) => [locale, loadMessages(locale)])) as Record<
  (typeof locales)[number],
  Messages
>;
const flat = Object.fromEntries(locales.map((locale) => [locale, flatten(messages[locale])])) as Record<
  (typeof locales)[number],
  Map<string, unknown>
>;
const english = flat.en;

describe("message files", () => {
  it("exist for every public locale (which include every staff locale), and no others", () => {
    const files = readdirSync(MESSAGES_DIR)
      .filter((file) => file.endsWith(".json"))
      .map((file) => file.replace(/\.json$/, ""))
      .sort();
    expect(files).toEqual([...publicLocales].sort());
    for (const locale of staffLocales) expect(publicLocales as readonly string[]).toContain(locale);
  });

  it("hold only non-empty strings", () => {
    const problems: string[] = [];
    for (const locale of locales) {
      for (const [key, value] of flat[locale]) {
        if (typeof value !== "string") problems.push(`${locale}: ${key} is ${JSON.stringify(value)}, not a string`);
        else if (value.trim() === "") problems.push(`${locale}: ${key} is empty`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(locales.filter((l) => l !== "en"))("%s has exactly the keys of en.json", (locale) => {
    const keys = flat[locale];
    const missing = [...english.keys()].filter((key) => !keys.has(key)).map((key) => `${locale}: missing ${key}`);
    const extra = [...keys.keys()].filter((key) => !english.has(key)).map((key) => `${locale}: ${key} is not in en.json`);
    expect([...missing, ...extra]).toEqual([]);
  });

  it("use the same ICU arguments and tags as en.json, and parse", () => {
    const problems: string[] = [];
    for (const locale of locales) {
      for (const [key, value] of flat[locale]) {
        if (typeof value !== "string") continue;
        let args: string[];
        try {
          args = icuArguments(value);
        } catch (error) {
          problems.push(`${locale}: ${key}: ICU syntax error (${(error as Error).message})`);
          continue;
        }
        const source = english.get(key);
        if (locale === "en" || typeof source !== "string") continue;
        let expected: string[];
        try {
          expected = icuArguments(source);
        } catch {
          continue; // reported under en
        }
        if (args.join(",") !== expected.join(",")) {
          problems.push(`${locale}: ${key}: arguments [${args.join(", ")}], en.json has [${expected.join(", ")}]`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("format with next-intl in every locale without errors", () => {
    const problems: string[] = [];
    let current = "";
    for (const locale of locales) {
      const t = createTranslator({
        locale,
        messages: messages[locale],
        timeZone: "Europe/Helsinki",
        onError: (error) => problems.push(`${locale}: ${current}: ${error.message}`),
      });
      for (const [key, value] of flat[locale]) {
        current = key;
        if (typeof value !== "string") continue;
        let args: string[];
        try {
          args = icuArguments(value);
        } catch {
          continue; // reported above
        }
        const values = sampleValues(args);
        // Dynamic keys: the translator is typed for literal keys only.
        const format = t as unknown as {
          (key: string, values?: Record<string, unknown>): string;
          rich: (key: string, values?: Record<string, unknown>) => unknown;
        };
        if (args.some((arg) => arg.startsWith("<"))) format.rich(key, values);
        else format(key, values);
      }
    }
    expect(problems).toEqual([]);
  });

  it("are translated: no long text in another locale is identical to English", () => {
    const problems: string[] = [];
    for (const locale of locales.filter((l) => l !== "en")) {
      for (const [key, value] of flat[locale]) {
        const source = english.get(key);
        if (typeof value !== "string" || typeof source !== "string") continue;
        if (source.length <= UNTRANSLATED_MIN_LENGTH || value !== source) continue;
        if (IDENTICAL_TO_ENGLISH_ALLOWED.has(`${locale}:${key}`)) continue;
        problems.push(`${locale}: ${key} is still the English text`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("are written in each locale's script (catches copies of another language)", () => {
    const scriptOf: Partial<Record<string, { pattern: RegExp; name: string }>> = {
      ar: { pattern: /\p{Script=Arabic}/u, name: "Arabic" },
      uk: { pattern: /\p{Script=Cyrillic}/u, name: "Cyrillic" },
      ru: { pattern: /\p{Script=Cyrillic}/u, name: "Cyrillic" },
    };
    // Letters one of the two languages has and the other lacks.
    const notInUkrainian = /[ыэъёЫЭЪЁ]/u;
    const notInRussian = /[іїєґІЇЄҐ]/u;
    const problems: string[] = [];
    for (const locale of locales) {
      const script = scriptOf[locale];
      for (const [key, value] of flat[locale]) {
        if (typeof value !== "string" || value.length <= UNTRANSLATED_MIN_LENGTH) continue;
        if (IDENTICAL_TO_ENGLISH_ALLOWED.has(`${locale}:${key}`)) continue;
        if (script && !script.pattern.test(value)) problems.push(`${locale}: ${key} has no ${script.name} letters`);
        if (locale === "uk" && notInUkrainian.test(value)) problems.push(`${locale}: ${key} has Russian-only letters`);
        if (locale === "ru" && notInRussian.test(value)) problems.push(`${locale}: ${key} has Ukrainian-only letters`);
      }
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Keys used in the source exist in en.json.
//
// A regex scan, not a type check: it finds translators bound with
//   const t = await getTranslations("ns") | getTranslations({ locale, namespace: "ns" })
//   const t = useTranslations("ns")
// and their calls with a literal key: t("key"), t.rich("key"), t.markup("key"), t.raw("key").
// A call uses the nearest binding of that name above it in the same file. Translators bound to a
// non-literal namespace and calls with a computed key are skipped; the computed keys the app is
// known to use (roles, permissions) are checked separately below.

const SOURCE_DIRS = ["app", "components", "lib"];

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) files.push(...sourceFiles(full));
    } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

interface Binding {
  name: string;
  namespace: string | null; // null: not a literal, calls are skipped
  index: number;
}

const BINDING =
  /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?(?:getTranslations|useTranslations)\s*\(([^)]*)\)/g;

function namespaceOf(argument: string): string | null {
  const arg = argument.trim();
  if (arg === "") return "";
  const literal = /^(["'`])([^"'`$]*)\1$/.exec(arg);
  if (literal) return literal[2] ?? "";
  if (arg.startsWith("{")) {
    const ns = /\bnamespace\s*:\s*(["'`])([^"'`$]*)\1/.exec(arg);
    if (ns) return ns[2] ?? "";
    return /\bnamespace\b/.test(arg) ? null : "";
  }
  return null;
}

function usedKeys(): { file: string; key: string }[] {
  const used: { file: string; key: string }[] = [];
  for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    const text = readFileSync(file, "utf8");
    const bindings: Binding[] = [...text.matchAll(BINDING)].map((m) => ({
      name: m[1] ?? "",
      namespace: namespaceOf(m[2] ?? ""),
      index: m.index,
    }));
    for (const name of new Set(bindings.map((b) => b.name))) {
      const escaped = name.replace(/\$/g, "\\$");
      const call = new RegExp(`(?<![\\w$.])${escaped}(?:\\.(?:rich|markup|raw))?\\(\\s*(["'\`])([^"'\`$]*)\\1\\s*[,)]`, "g");
      for (const m of text.matchAll(call)) {
        const binding = bindings.filter((b) => b.name === name && b.index < m.index).at(-1);
        if (!binding || binding.namespace === null) continue;
        const key = binding.namespace ? `${binding.namespace}.${m[2]}` : (m[2] ?? "");
        used.push({ file: path.relative(ROOT, file), key });
      }
    }
  }
  return used;
}

describe("keys used in the source", () => {
  it("exist in en.json", () => {
    const used = usedKeys();
    // Guards the scanner itself: the public layout alone uses several keys.
    expect(used.length).toBeGreaterThan(10);
    const namespaces = new Set([...english.keys()].map((key) => key.split(".")[0]));
    const missing = used
      .filter(({ key }) => !english.has(key) && !(namespaces.has(key) && !key.includes(".")))
      .map(({ file, key }) => `${file}: ${key} is not in en.json`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it("cover every staff role and permission (the staff pages look them up by computed key)", () => {
    const missing = [
      ...staffRoles.map((role) => `roles.${role}`),
      ...allPermissions.filter((p) => p !== "staff:home").map((p) => `permissions.${p.replace(":", "_")}`),
    ].filter((key) => !english.has(key));
    expect(missing).toEqual([]);
  });
});
