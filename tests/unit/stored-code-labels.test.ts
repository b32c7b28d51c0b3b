import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { publicLocales } from "@/lib/i18n/locales";
import { intakeNoteLines } from "@/lib/intake/decision-note";
import { mergeFields } from "@/lib/intake/merge-policy";
import { codedColumns } from "@/lib/value-labels";

/** Store codes, show labels (docs/decisions/0006): every code the register stores reads as a label in every language. */

type Messages = { [key: string]: string | Messages };
const load = (locale: string) => JSON.parse(readFileSync(path.resolve(__dirname, "../../messages", `${locale}.json`), "utf8")) as Messages;
function at(messages: Messages, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Messages)[part] : undefined), messages);
}

describe.each(publicLocales)("stored codes have labels in %s", (locale) => {
  const messages = load(locale);

  it.each(Object.entries(codedColumns))("every code of %s", (_column, { messages: group, codes }) => {
    const missing = codes.filter((code) => typeof at(messages, `${group}.${code}`) !== "string");
    expect(missing).toEqual([]);
  });

  it("every line of an intake decision's note, and every field it names", () => {
    expect(intakeNoteLines.filter((line) => typeof at(messages, `clientCase.intakeNote.${line}`) !== "string")).toEqual([]);
    expect(mergeFields.filter((field) => typeof at(messages, `intakeMerge.fields.${field}`) !== "string")).toEqual([]);
  });

  it("the note's lines use plain arguments only, so a view can fill them without a message formatter", () => {
    for (const line of intakeNoteLines) expect(String(at(messages, `clientCase.intakeNote.${line}`))).not.toMatch(/\{\w+\s*,|''/);
  });
});
