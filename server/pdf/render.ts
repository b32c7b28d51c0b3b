import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";
import { breakLines, hasArabic, scriptRuns, visualRuns, type Direction, type FontScript } from "@/lib/pdf/bidi-runs";
import type { PdfBlock, PdfDocumentModel } from "@/lib/pdf/document-model";

/**
 * Draws a PdfDocumentModel (lib/pdf/document-model.ts) with pdfkit. The fonts are embedded
 * subsets of Noto Sans (Latin, including Finnish and Swedish letters, and Cyrillic) and IBM Plex
 * Sans Arabic, read from their npm packages (SIL Open Font License 1.1), so nothing is downloaded
 * when building or running. Not Noto Sans Arabic: it draws letters as dotless shapes plus separate
 * dots, which a PDF cannot map back to the letters, so the text of a report could not be searched,
 * copied or read aloud; Plex has one glyph per letter form. Arabic is shaped by fontkit (pdfkit's
 * font engine: joined letter forms);
 * the order of right-to-left and mixed runs comes from the bidirectional algorithm in
 * lib/pdf/bidi-runs.ts, and a right-to-left document is aligned to the right.
 */

type Weight = "regular" | "bold";

const FONT_FILES: Record<FontScript, Record<Weight, string>> = {
  other: {
    regular: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
    bold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  },
  arabic: {
    regular: "@expo-google-fonts/ibm-plex-sans-arabic/400Regular/IBMPlexSansArabic_400Regular.ttf",
    bold: "@expo-google-fonts/ibm-plex-sans-arabic/700Bold/IBMPlexSansArabic_700Bold.ttf",
  },
};

// Resolved from the project's own folder, not this file's: under Next the file runs from a build
// chunk, while the fonts stay in node_modules.
const projectRequire = createRequire(path.join(process.cwd(), "package.json"));
let fontData: Map<string, Buffer> | undefined;

/** The font files, read once per process. */
function fonts(): Map<string, Buffer> {
  if (!fontData) {
    const loaded = new Map<string, Buffer>();
    for (const [script, weights] of Object.entries(FONT_FILES)) {
      for (const [weight, file] of Object.entries(weights)) loaded.set(`${script}-${weight}`, readFileSync(projectRequire.resolve(file)));
    }
    fontData = loaded;
  }
  return fontData;
}

const PAGE = { size: "A4", margin: 56 } as const;
const SIZES = { 1: 17, 2: 13, 3: 11, body: 10, footer: 8 } as const;
const LINE_GAP = 1.35;
/** Where the baseline sits below a line's top, as a share of the font size: both fonts on one baseline. */
const BASELINE = 1.05;

class Writer {
  readonly width: number;
  private readonly bottom: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly model: PdfDocumentModel,
  ) {
    this.width = doc.page.width - PAGE.margin * 2;
    this.bottom = doc.page.height - PAGE.margin - SIZES.footer * 3;
  }

  private use(script: FontScript, weight: Weight, size: number) {
    this.doc.font(`${script}-${weight}`).fontSize(size);
  }

  /**
   * A line's own direction: right to left where it holds Arabic, else left to right, so that an
   * address or a name in Latin letters keeps its order inside an Arabic document (the document's
   * direction still aligns it to the right).
   */
  private directionOf(line: string): Direction {
    return this.model.direction === "rtl" && hasArabic(line) ? "rtl" : "ltr";
  }

  private readonly widths = new Map<string, number>();

  /** A word's drawn width, piece by piece in its own font; remembered, since line breaking asks often. */
  private wordWidth(word: string, weight: Weight, size: number): number {
    const key = `${weight}|${size}|${word}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = 0;
      for (const run of scriptRuns(word)) {
        this.use(run.script, weight, size);
        width += this.doc.widthOfString(run.text);
      }
      this.widths.set(key, width);
    }
    return width;
  }

  /** The drawn width of a line: its words' widths and the spaces between (order does not change a width). */
  private measure(line: string, weight: Weight, size: number): number {
    const words = line.split(" ");
    return words.reduce((sum, word) => sum + this.wordWidth(word, weight, size), 0) + (words.length - 1) * this.wordWidth(" ", weight, size);
  }

  private ensureRoom(height: number) {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
      this.doc.y = PAGE.margin;
    }
  }

  /** One paragraph, wrapped, each line laid out run by run from the left (or the right, for RTL). */
  text(content: string, { weight = "regular", size = SIZES.body, indent = 0 }: { weight?: Weight; size?: number; indent?: number } = {}) {
    const available = this.width - indent;
    const lineHeight = size * LINE_GAP;
    for (const line of breakLines(content, available, (piece) => this.measure(piece, weight, size))) {
      this.ensureRoom(lineHeight);
      const lineWidth = this.measure(line, weight, size);
      let x = this.model.direction === "rtl" ? PAGE.margin + this.width - indent - lineWidth : PAGE.margin + indent;
      const y = this.doc.y;
      for (const run of visualRuns(line, this.directionOf(line))) {
        this.use(run.script, weight, size);
        this.doc.text(run.text, x, y + size * BASELINE, { lineBreak: false, baseline: "alphabetic" });
        x += this.doc.widthOfString(run.text);
      }
      this.doc.y = y + lineHeight;
    }
  }

  space(points: number) {
    this.doc.y += points;
  }

  block(block: PdfBlock) {
    switch (block.kind) {
      case "heading":
        this.space(block.level === 1 ? 0 : SIZES.body * 0.8);
        this.ensureRoom(SIZES[block.level] * LINE_GAP * 3);
        this.text(block.text, { weight: "bold", size: SIZES[block.level] });
        this.space(2);
        return;
      case "paragraph":
        this.text(block.text);
        this.space(SIZES.body * 0.4);
        return;
      case "fields":
        for (const row of block.rows) {
          this.ensureRoom(SIZES.body * LINE_GAP * 2);
          this.text(row.label, { weight: "bold", size: SIZES.body - 1 });
          this.text(row.value === "" ? "–" : row.value, { indent: 12 });
        }
        this.space(SIZES.body * 0.4);
        return;
      case "list":
        for (const item of block.items) this.text(`• ${item}`, { indent: 6 });
        this.space(SIZES.body * 0.4);
        return;
      case "gap":
        this.space(SIZES.body);
        return;
    }
  }

  /** Page numbers and the document's subject at the foot of every page. */
  footers() {
    const range = this.doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index += 1) {
      this.doc.switchToPage(index);
      const y = this.doc.page.height - PAGE.margin;
      this.doc.y = y;
      // The footer sits in the bottom margin: keep pdfkit from starting a new page for it.
      const margins = this.doc.page.margins;
      this.doc.page.margins = { ...margins, bottom: 0 };
      this.text(`${this.model.subject} · ${index + 1}/${range.count}`, { size: SIZES.footer });
      this.doc.page.margins = margins;
    }
  }
}

/** pdfkit's embedded font: `unicode` is what its ToUnicode map will say each glyph stands for. */
interface EmbeddedFontInternals {
  unicode?: number[][];
}

/**
 * A right-to-left run is written in visual order, and a reader that extracts text (search, copy,
 * a screen reader, the tests' pdf.js) turns it back by reversing the characters; a ligature
 * standing for several letters (lam-alef, fa-ya) must therefore name them in visual order too,
 * or it comes back reversed. Only the Arabic fonts draw such runs.
 */
function mapLigaturesInVisualOrder(doc: PDFKit.PDFDocument) {
  const families = (doc as unknown as { _fontFamilies: Record<string, EmbeddedFontInternals> })._fontFamilies;
  for (const [name, font] of Object.entries(families)) {
    if (!name.startsWith("arabic-") || !font.unicode) continue;
    font.unicode = font.unicode.map((codePoints) => (codePoints.length > 1 ? [...codePoints].reverse() : codePoints));
  }
}

/** The PDF of a document model, as bytes. */
export async function renderPdf(model: PdfDocumentModel, { createdAt = new Date() }: { createdAt?: Date } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: PAGE.size,
    margin: PAGE.margin,
    bufferPages: true,
    lang: model.locale,
    displayTitle: true,
    info: { Title: model.title, Subject: model.subject, Creator: "Kotona", Producer: "Kotona", CreationDate: createdAt },
  });
  for (const [name, data] of fonts()) doc.registerFont(name, data);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const writer = new Writer(doc, model);
  doc.y = PAGE.margin;
  writer.block({ kind: "heading", text: model.title, level: 1 });
  for (const block of model.blocks) writer.block(block);
  writer.footers();
  mapLigaturesInVisualOrder(doc);
  doc.end();
  return done;
}
