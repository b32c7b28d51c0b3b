import { gzipSync } from "node:zlib";

/** What a page makes the browser download: its HTML and the scripts it loads, gzip-compressed. */
export interface PageWeight {
  path: string;
  htmlGzipBytes: number;
  scriptGzipBytes: number;
  scripts: string[];
  thirdParty: string[];
}

export const BUDGET = {
  /** Per public page; the framework alone is about 135 KB. */
  scriptGzipBytes: 150 * 1024,
  /** A question page's HTML. */
  questionHtmlGzipBytes: 30 * 1024,
} as const;

/** `<script src>` of a page, leaving out `nomodule` (never run by browsers that support modules). */
export function scriptSources(html: string): string[] {
  const sources: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attributes = match[1] ?? "";
    if (/\bnomodule\b/i.test(attributes)) continue;
    const src = /\bsrc="([^"]+)"/i.exec(attributes)?.[1];
    if (src) sources.push(src.replaceAll("&amp;", "&"));
  }
  return [...new Set(sources)];
}

/** Every URL in src/href attributes that points to another host. */
export function thirdPartyUrls(html: string, origin: string): string[] {
  const urls = [...html.matchAll(/\b(?:src|href)="(https?:\/\/[^"]+)"/gi)].map((m) => m[1]!);
  return urls.filter((url) => new URL(url).origin !== origin && !url.startsWith("mailto:"));
}

export async function measurePage(
  html: string,
  path: string,
  origin: string,
  fetchText: (url: string) => Promise<string>,
): Promise<PageWeight> {
  const scripts = scriptSources(html);
  let scriptGzipBytes = 0;
  for (const src of scripts) scriptGzipBytes += gzipSync(await fetchText(new URL(src, origin).toString())).length;
  return {
    path,
    htmlGzipBytes: gzipSync(html).length,
    scriptGzipBytes,
    scripts,
    // Links to other sites in the text (the Ombudsman's site) are not requests; scripts, styles
    // and images from elsewhere would be.
    thirdParty: thirdPartyUrls(html.replace(/<a\b[^>]*>/gi, ""), origin),
  };
}

export function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
