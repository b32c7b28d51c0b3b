import type { PdfDocumentModel } from "@/lib/pdf/document-model";

/**
 * A document model (lib/pdf/document-model.ts) as HTML: the same content the PDF draws, for the
 * officer's pages (the record of processing activities). The model's language and direction are
 * the section's, so an Arabic document reads right to left here too.
 */
export function DocumentView({ model, headingLevel = 2 }: { model: PdfDocumentModel; headingLevel?: 2 | 3 }) {
  return (
    <section lang={model.locale} dir={model.direction} className="max-w-3xl space-y-3">
      {model.blocks.map((block, index) => {
        switch (block.kind) {
          case "heading": {
            const Heading = block.level === 3 || headingLevel === 3 ? "h3" : "h2";
            return (
              <Heading key={index} className={Heading === "h2" ? "mt-6 text-xl font-bold" : "mt-4 text-lg font-bold"}>
                {block.text}
              </Heading>
            );
          }
          case "paragraph":
            return (
              <p key={index} className="whitespace-pre-line">
                {block.text}
              </p>
            );
          case "fields":
            return (
              <dl key={index} className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[minmax(10rem,auto)_1fr]">
                {block.rows.map((row, rowIndex) => (
                  <div key={rowIndex} className="contents">
                    <dt className="font-bold">{row.label}</dt>
                    <dd className="whitespace-pre-line">{row.value}</dd>
                  </div>
                ))}
              </dl>
            );
          case "list":
            return (
              <ul key={index} className="list-disc space-y-1 ps-6">
                {block.items.map((item, itemIndex) => (
                  <li key={itemIndex}>{item}</li>
                ))}
              </ul>
            );
          case "gap":
            return <div key={index} className="h-2" />;
        }
      })}
    </section>
  );
}
