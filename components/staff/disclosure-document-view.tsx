import type { DisclosureDocument } from "@/lib/disclosure-document";
import { intakeNoteTexts, readIntakeDecisionNote, renderIntakeNote, type IntakeNoteLabels } from "@/lib/intake/decision-note";
import { readableValue, type ValueLabels } from "@/lib/value-labels";

/** The document as the view shows it: the JSON as disclosed (lib/disclosure-document.ts). */
export type DisclosureDocumentData = DisclosureDocument;

export interface DisclosureDocumentLabels {
  title: string;
  preview: string;
  disclosureId: string;
  disclosedAt: string;
  controller: string;
  recipient: string;
  businessId: string;
  disclosedBy: string;
  purpose: string;
  method: string;
  requestReference: string;
  basis: string;
  consentBasis: string;
  noRows: string;
  categories: Record<string, string>;
  methods: Record<string, string>;
  tables: Record<string, string>;
  /** Keyed `table.field`. */
  fields: Record<string, string>;
  /** The language of these labels: language and country codes are named in it. */
  locale: string;
  /** Labels of coded values, keyed `table.field` (lib/value-labels.ts): the page shows labels, the JSON file keeps the codes. */
  values: ValueLabels;
  /** The texts an intake decision's case note is rendered with. */
  intakeNote: IntakeNoteLabels;
}

/** "first_names" → "First names": the document names fields by the register's column names. */
function fieldName(column: string): string {
  const words = column.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A stored value as the reader reads it: codes as labels (docs/decisions/0006), an intake decision's note as its sentences. */
function readable(table: string, column: string, value: unknown, row: Record<string, unknown>, labels: DisclosureDocumentLabels): string {
  if (table === "case_notes" && column === "intake_decision") {
    const note = readIntakeDecisionNote(value);
    if (note) return renderIntakeNote(note, intakeNoteTexts(labels.intakeNote)).join("\n");
  }
  return show(readableValue(table, column, value, { labels: labels.values, locale: labels.locale, row }));
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (typeof value === "boolean") return value ? "✓" : "✗";
  return String(value);
}

/**
 * A disclosure document as a print-friendly page: who disclosed what to whom, on what basis, and the
 * data of the allowed categories only. Used by the preview (browser) and the document page (server).
 */
export function DisclosureDocumentView({ document, labels, formatDate }: { document: DisclosureDocumentData; labels: DisclosureDocumentLabels; formatDate?: (iso: string) => string }) {
  const when = formatDate ? formatDate(document.disclosedAt) : document.disclosedAt;
  return (
    <article className="space-y-4 rounded border-2 border-ink bg-white p-4 print:border-0 print:p-0" data-testid="disclosure-document">
      <header className="space-y-1">
        <h2 className="text-2xl font-bold">{labels.title}</h2>
        {document.disclosureId ? null : <p className="font-bold text-red-700">{labels.preview}</p>}
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          {document.disclosureId ? (
            <>
              <dt className="font-bold">{labels.disclosureId}</dt>
              <dd className="font-mono" data-testid="disclosure-id">
                {document.disclosureId}
              </dd>
            </>
          ) : null}
          <dt className="font-bold">{labels.disclosedAt}</dt>
          <dd>{when}</dd>
          <dt className="font-bold">{labels.controller}</dt>
          <dd>
            {document.controller} – {document.register}
          </dd>
          <dt className="font-bold">{labels.recipient}</dt>
          <dd>
            {document.recipient.name}
            {document.recipient.businessId ? ` (${labels.businessId} ${document.recipient.businessId})` : ""}
          </dd>
          <dt className="font-bold">{labels.purpose}</dt>
          <dd>{document.purpose}</dd>
          <dt className="font-bold">{labels.method}</dt>
          <dd>{labels.methods[document.method] ?? document.method}</dd>
          {document.requestReference ? (
            <>
              <dt className="font-bold">{labels.requestReference}</dt>
              <dd>{document.requestReference}</dd>
            </>
          ) : null}
          <dt className="font-bold">{labels.disclosedBy}</dt>
          <dd>{document.disclosedBy}</dd>
        </dl>
      </header>
      <section className="space-y-1">
        <h3 className="text-xl font-bold">{labels.basis}</h3>
        <ul className="list-disc ps-6" data-testid="document-basis">
          {document.basis.map((entry) => (
            <li key={entry.category}>
              {labels.categories[entry.category] ?? entry.category}: {entry.kind === "consent" ? `${labels.consentBasis} ${entry.consentId}` : entry.provision}
            </li>
          ))}
        </ul>
      </section>
      {document.categories.map((category) => {
        const tables = document.data[category] ?? {};
        return (
          <section key={category} className="space-y-2" data-testid="document-category" data-category={category}>
            <h3 className="text-xl font-bold">{labels.categories[category] ?? category}</h3>
            {Object.keys(tables).length === 0 ? <p>{labels.noRows}</p> : null}
            {Object.entries(tables).map(([table, rows]) => (
              <div key={table} className="space-y-1">
                <h4 className="font-bold">{labels.tables[table] ?? fieldName(table)}</h4>
                {rows.map((row, index) => (
                  <dl key={index} className="grid gap-x-4 border-s-4 border-gray-300 ps-3 sm:grid-cols-[max-content_1fr]">
                    {Object.entries(row).map(([column, value]) => (
                      <div key={column} className="contents">
                        <dt className="font-bold">{labels.fields[`${table}.${column}`] ?? fieldName(column)}</dt>
                        <dd className="whitespace-pre-line">{readable(table, column, value, row, labels)}</dd>
                      </div>
                    ))}
                  </dl>
                ))}
              </div>
            ))}
          </section>
        );
      })}
    </article>
  );
}
