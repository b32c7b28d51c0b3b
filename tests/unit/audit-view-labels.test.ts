import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActions } from "@/lib/audit-actions";
import { unusualAccessKinds, viewBases } from "@/lib/audit-view";
import { publicLocales } from "@/lib/i18n/locales";

/**
 * Store codes, show labels (docs/decisions/0006): the audit view shows every action by its label in
 * the staff member's language, so every action recorded, whoever adds it, needs one (the CSV keeps
 * the codes). tests/unit/messages.test.ts checks the other locales have the same keys.
 */
type Messages = { [key: string]: string | Messages };
const messages = (locale: string) => JSON.parse(readFileSync(path.resolve(__dirname, `../../messages/${locale}.json`), "utf8")) as Messages;

function lookup(tree: Messages, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Messages)[part] : undefined), tree);
}

describe("the audit view's labels", () => {
  it.each(publicLocales)("%s labels every audit action", (locale) => {
    const labels = messages(locale).auditActions as Messages;
    const missing = auditActions.filter((action) => typeof lookup(labels, action) !== "string");
    expect(missing).toEqual([]);
  });

  it("label every kind of unusual access and every way a case was opened", () => {
    const view = messages("en").auditView as Messages;
    const missing = [...unusualAccessKinds.map((kind) => `unusualKinds.${kind}`), ...viewBases.map((basis) => `basis.${basis}`)].filter(
      (key) => typeof lookup(view, key) !== "string",
    );
    expect(missing).toEqual([]);
  });
});
