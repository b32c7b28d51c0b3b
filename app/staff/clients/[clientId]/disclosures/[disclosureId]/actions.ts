"use server";

import { revealDocumentIdentityCode } from "@/db/disclosed-documents";
import { authorizedAction } from "@/server/action";
import { revealDocumentIdentityCodeSchema } from "@/lib/validations/disclosure";

/** The identity code a stored document holds, answered in the action's state (never a URL); audited as a reveal. */
export const revealDocumentIdentityCodeAction = authorizedAction(
  "disclosure:create",
  revealDocumentIdentityCodeSchema,
  "client.identity_code_revealed",
  async ({ db, actor, input }) => ({ status: "ok" as const, data: { code: await revealDocumentIdentityCode({ db, actor, ...input }) } }),
);
