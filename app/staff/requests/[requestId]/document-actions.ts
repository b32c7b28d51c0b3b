"use server";

import { revalidatePath } from "next/cache";
import { releaseAccessReportSchema, refusalCertificateSchema } from "@/lib/validations/rights-documents";
import { authorizedAction } from "@/server/action";
import { issueRefusalCertificate, releaseAccessReport } from "@/server/pdf/rights-documents";

/** The officer releases a request's access report: stored encrypted with its SHA-256, audited. */
export const releaseAccessReportAction = authorizedAction("request:manage", releaseAccessReportSchema, "rights_document.released", async ({ db, actor, input }) => {
  await releaseAccessReport({ db, actor, requestId: input.requestId, locale: input.locale });
  revalidatePath(`/staff/requests/${input.requestId}`);
  return { status: "ok" };
});

/** The officer issues a refusal certificate, whole or partial, from the settings' grounds. */
export const issueRefusalCertificateAction = authorizedAction("request:manage", refusalCertificateSchema, "rights_document.released", async ({ db, actor, input }) => {
  await issueRefusalCertificate({ db, actor, input });
  revalidatePath(`/staff/requests/${input.requestId}`);
  return { status: "ok" };
});
