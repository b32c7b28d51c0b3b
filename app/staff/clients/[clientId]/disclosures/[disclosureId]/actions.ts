"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { revealDocumentIdentityCode } from "@/db/disclosures";
import { authorizedAction } from "@/lib/auth/action";
import { staffActor } from "@/lib/auth/guard";
import { refusedWrite } from "../../case-write";

/** The identity code a stored document holds, answered in the action's state (never a URL); audited as a reveal. */
export const revealDocumentIdentityCodeAction = authorizedAction(
  "disclosure:create",
  z.object({ clientId: z.string().uuid("invalid"), disclosureId: z.string().uuid("invalid") }),
  async (input, staff) => {
    try {
      const code = await revealDocumentIdentityCode({ db: await getDb(), actor: staffActor(staff), ...input });
      return { status: "ok" as const, data: { code } };
    } catch (error) {
      const refusal = await refusedWrite(staff, "client.identity_code_revealed", input.clientId, error);
      if (refusal) return refusal;
      throw error;
    }
  },
);
