import { expect, test } from "@playwright/test";
import { BUDGET, formatKb, measurePage, type PageWeight } from "../lib/perf/page-weight";
import { fillIntake } from "./intake-helpers";

/**
 * The performance budget of the public pages (issue 3): at most 150 KB of gzip JavaScript per page,
 * a question page's HTML at most 30 KB gzip, no requests to other hosts. Prints the figures.
 */
test("public pages stay within the page-weight budget", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const origin = new URL(baseURL!).origin;
  const results: PageWeight[] = [];
  const measure = async (path: string) => {
    const html = await page.content();
    const raw = await page.request.get(path).then((r) => r.text()); // the server's HTML, before scripts ran
    results.push(await measurePage(raw.includes("<html") ? raw : html, path, origin, (url) => page.request.get(url).then((r) => r.text())));
  };
  for (const path of ["/fi", "/ar", "/fi/privacy", "/fi/accessibility", "/fi/sign-in", "/fi/intake"]) {
    await page.goto(path);
    await measure(path);
  }
  await fillIntake(page, "fi", {
    onPage: async (name) => {
      if (name === "start") return;
      await measure(`/fi/intake/${name}`);
    },
  });

  console.log(["page | HTML gzip | JS gzip", ...results.map((r) => `${r.path} | ${formatKb(r.htmlGzipBytes)} | ${formatKb(r.scriptGzipBytes)}`)].join("\n"));
  for (const r of results) {
    expect(r.scriptGzipBytes, `${r.path} loads ${formatKb(r.scriptGzipBytes)} of JavaScript`).toBeLessThanOrEqual(BUDGET.scriptGzipBytes);
    expect(r.thirdParty, `${r.path} requests other hosts`).toEqual([]);
    if (r.path.startsWith("/fi/intake/") && !r.path.endsWith("consent")) {
      expect(r.htmlGzipBytes, `${r.path} HTML`).toBeLessThanOrEqual(BUDGET.questionHtmlGzipBytes);
    }
  }
});
