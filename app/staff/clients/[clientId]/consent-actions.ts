"use server";

import { recordWrittenConsent, withdrawConsent } from "@/db/consents";
import { caseAction } from "@/server/action";
import { withdrawConsentSchema, writtenConsentSchema } from "@/lib/validations/consent";

export const recordWrittenConsentAction = caseAction("consent:record", writtenConsentSchema, "consent.recorded", recordWrittenConsent);
export const withdrawConsentAction = caseAction("consent:record", withdrawConsentSchema, "consent.withdrawn", withdrawConsent);
