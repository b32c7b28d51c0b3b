"use server";

import { z } from "zod";
import { revealDocumentIdentityCode } from "@/db/disclosures";
import { authorizedAction } from "@/server/action";

/** The identity code a stored document holds, answered in the action's state (never a URL); audited as a reveal. */
export const revealDocumentIdentityCodeAction = authorizedAction(
  "disclosure:create",
  z.object({ clientId: z.string().uuid("invalid"), disclosureId: z.string().uuid("invalid") }),
  "client.identity_code_revealed",
  async ({ db, actor, input }) => ({ status: "ok" as const, data: { code: await revealDocumentIdentityCode({ db, actor, ...input }) } }),
);
