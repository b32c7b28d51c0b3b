import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { rightsDocumentKind } from "./enums";
import { clients } from "./clients";
import { dataSubjectRequests } from "./requests";
import { staffUsers } from "./staff";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * What the register gave a data subject in writing (access report, refusal certificate, letters),
 * as released: the PDF and the machine-readable JSON of the same content, each AES-256-GCM under
 * the data key like a disclosure document (lib/crypto.ts), with the SHA-256 of each so the person's
 * copy can be checked against the register's. Personal data: cleared with the client's data.
 */
export const rightsDocuments = pgTable(
  "rights_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: rightsDocumentKind("kind").notNull(),
    requestId: uuid("request_id").references(() => dataSubjectRequests.id, { onDelete: "set null" }),
    /** Kept (as null) when the client is erased, like the disclosure log. */
    clientId: uuid("client_id").references(() => clients.id, { onDelete: "set null" }),
    /** The language the document is written in (one of the six public languages). */
    locale: text("locale").notNull(),
    jsonSha256: text("json_sha256").notNull(),
    pdfSha256: text("pdf_sha256").notNull(),
    jsonEncrypted: text("json_encrypted"),
    /** The PDF's bytes in base64, encrypted. */
    pdfEncrypted: text("pdf_encrypted"),
    releasedBy: uuid("released_by")
      .notNull()
      .references(() => staffUsers.id),
    releasedAt: ts("released_at").notNull().defaultNow(),
  },
  (t) => [index("rights_documents_request_idx").on(t.requestId), index("rights_documents_client_idx").on(t.clientId)],
);
