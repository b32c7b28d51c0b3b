import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/auth";
import { getDb } from "@/db";
import type { StaffActor } from "@/lib/auth/client-access";
import { loadActiveSession, type ActiveStaffSession } from "@/db/staff";
import { isStaffLocale, STAFF_LOCALE_COOKIE } from "@/lib/i18n/locales";
import { accountAccess } from "@/lib/auth/account-access";
import type { Permission } from "@/lib/auth/permissions";

export type StaffContext = ActiveStaffSession & { requestId: string | null };

/**
 * The signed-in staff member for this request, or null. The token only names a server-side
 * session; it counts only while that session is active (not revoked, idle or expired, account
 * not disabled). Cached per request.
 */
export const currentStaff = cache(async (): Promise<StaffContext | null> => {
  const session = await auth();
  if (!session?.sessionId) return null;
  const result = await loadActiveSession({ db: await getDb(), sessionId: session.sessionId });
  if (result.verdict !== "active") return null;
  return { ...result.session, requestId: (await headers()).get("x-request-id") };
});

export async function signInPath(callbackUrl = "/staff"): Promise<string> {
  const chosen = (await cookies()).get(STAFF_LOCALE_COOKIE)?.value;
  const locale = isStaffLocale(chosen) ? chosen : "fi";
  return `/${locale}/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}

/** Where an account with an administrator's initial password is sent until it sets its own. */
export const PASSWORD_PAGE = "/staff/password";

/**
 * Every staff page and server action starts with this. The proxy only redirects; this is the
 * check that counts (lib/auth/account-access.ts). No session: to sign-in. An initial password not
 * yet replaced: to the password page, for pages and server actions alike, so the action itself
 * never runs. Wrong role, or a role still waiting for approval: 403.
 */
export async function requirePermission(permission: Permission): Promise<StaffContext> {
  const staff = await currentStaff();
  if (!staff) redirect(await signInPath());
  const verdict = accountAccess(staff.user, permission);
  if (verdict === "change_password") redirect(PASSWORD_PAGE);
  if (verdict === "forbidden") forbidden();
  return staff;
}

/** For route handlers: a Response to return, or the staff context. */
export async function requireApiPermission(permission: Permission): Promise<StaffContext | Response> {
  const staff = await currentStaff();
  if (!staff) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const verdict = accountAccess(staff.user, permission);
  if (verdict === "change_password") return Response.json({ error: "password_change_required" }, { status: 403 });
  if (verdict === "forbidden") return Response.json({ error: "forbidden" }, { status: 403 });
  return staff;
}

/**
 * The signed-in staff member as the data layer's object-level checks see them. Only reached past
 * requirePermission for a role's permission, which an account without a granted role never has;
 * refusing here too keeps a slip in a page from handing the data layer a role-less actor.
 */
export function staffActor(staff: StaffContext): StaffActor {
  const role = staff.user.role;
  if (role === null) forbidden();
  return { userId: staff.user.id, role, sessionId: staff.sessionId, requestId: staff.requestId };
}
