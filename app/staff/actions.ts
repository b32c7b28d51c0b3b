"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { eq } from "drizzle-orm";
import { signOut } from "@/auth";
import { getDb } from "@/db";
import { recordAuditEvent } from "@/db/audit";
import { staffUsers } from "@/db/schema";
import { revokeSession } from "@/db/staff";
import { staffLocaleCookieOptions } from "@/lib/auth/cookies";
import { requirePermission } from "@/server/guard";
import { isStaffLocale, STAFF_LOCALE_COOKIE } from "@/lib/i18n/locales";

/** Ends the server-side session first, so a copied cookie is worthless from this moment. */
export async function signOutAction(): Promise<void> {
  // staff:self, not staff:home: an account that must first set its own password can still leave.
  const staff = await requirePermission("staff:self");
  const db = await getDb();
  await db.transaction(async (tx) => {
    await revokeSession({ db: tx, sessionId: staff.sessionId, reason: "signed_out" });
    await recordAuditEvent(tx, {
      actorId: staff.user.id,
      action: "auth.sign_out",
      details: { sessionId: staff.sessionId },
      requestId: staff.requestId,
    });
  });
  const locale = (await cookies()).get(STAFF_LOCALE_COOKIE)?.value ?? "fi";
  await signOut({ redirectTo: `/${isStaffLocale(locale) ? locale : "fi"}/sign-in` });
}

export async function setStaffLocaleAction(formData: FormData): Promise<void> {
  const staff = await requirePermission("staff:self");
  const locale = formData.get("locale");
  if (typeof locale !== "string" || !isStaffLocale(locale)) return;
  const db = await getDb();
  await db.update(staffUsers).set({ locale, updatedAt: new Date() }).where(eq(staffUsers.id, staff.user.id));
  (await cookies()).set(STAFF_LOCALE_COOKIE, locale, staffLocaleCookieOptions());
  const back = formData.get("returnTo");
  redirect(typeof back === "string" && /^\/staff(?:[/?#]|$)/.test(back) ? back : "/staff");
}
