"use server";

import { getDb } from "@/db";
import { recordWrittenConsent, withdrawConsent } from "@/db/consents";
import { authorizedAction } from "@/lib/auth/action";
import { staffActor } from "@/lib/auth/guard";
import { withdrawConsentSchema, writtenConsentSchema } from "@/lib/validations/consent";
import { runCaseWrite } from "./case-write";

export const recordWrittenConsentAction = authorizedAction("consent:record", writtenConsentSchema, async (input, staff) =>
  runCaseWrite(staff, "consent.recorded", input.clientId, async () => recordWrittenConsent({ db: await getDb(), actor: staffActor(staff), input })),
);

export const withdrawConsentAction = authorizedAction("consent:record", withdrawConsentSchema, async (input, staff) =>
  runCaseWrite(staff, "consent.withdrawn", input.clientId, async () => withdrawConsent({ db: await getDb(), actor: staffActor(staff), input })),
);
