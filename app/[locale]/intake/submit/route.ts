import { NextResponse, type NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { deleteDraft, submitIntake } from "@/db/intake";
import { isRefusal } from "@/lib/refusal";
import { consumeIntakeSubmission } from "@/db/intake-rate-limit";
import { getRegisterSettings } from "@/db/settings";
import { clearDraftCookie, draftIdFromCookie, setDoneCookie } from "@/server/intake-cookies";
import { isPublicLocale, textDirection } from "@/lib/i18n/locales";
import { clientAddressFrom } from "@/lib/client-address";

/** A check-answers form is a few hundred bytes; anything this large is not one. */
const MAX_BODY_BYTES = 16 * 1024;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small, readable page in the person's language for answers that are not a redirect. */
async function messagePage(locale: string, status: number, key: "rateLimited" | "tooLarge" | "rejected", headers: Record<string, string> = {}) {
  const t = await getTranslations({ locale, namespace: "intake.submitErrors" });
  const html = `<!doctype html><html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t(`${key}.title`))}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5"><main><h1>${escapeHtml(t(`${key}.title`))}</h1><p>${escapeHtml(t(`${key}.text`))}</p><p><a href="/${locale}">${escapeHtml(t("home"))}</a></p></main></body></html>`;
  return new NextResponse(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}

/**
 * The check-answers page posts here (a plain form post, so it works without JavaScript and can
 * answer 429). Public by nature; the draft is reached only through its cookie (SameSite=Lax, so
 * another site cannot post it).
 */
export async function POST(request: NextRequest, { params }: RouteContext<"/[locale]/intake/submit">) {
  const { locale: rawLocale } = await params;
  const locale = isPublicLocale(rawLocale) ? rawLocale : "fi";
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) return messagePage(locale, 413, "tooLarge");
  const origin = request.headers.get("origin");
  if (origin && origin !== request.nextUrl.origin) return messagePage(locale, 403, "rejected");

  const db = await getDb();
  // Only a request with a live draft counts against the address's allowance.
  const draftId = await draftIdFromCookie();
  const limit = await consumeIntakeSubmission({ db, address: clientAddressFrom(request.headers), draftId });
  if (!draftId || (!limit.allowed && limit.reason === "no_draft")) return NextResponse.redirect(new URL(`/${locale}/intake?expired=1`, request.url), 303);
  if (!limit.allowed) return messagePage(locale, 429, "rateLimited", { "Retry-After": String(limit.retryAfterSeconds) });

  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return messagePage(locale, 413, "tooLarge");
  const form = new URLSearchParams(body);

  if (form.get("website")) {
    // Only a bot fills the hidden field: keep nothing, tell it nothing useful.
    await deleteDraft({ db, draftId });
    await clearDraftCookie();
    return messagePage(locale, 400, "rejected");
  }

  try {
    const { submissionId } = await submitIntake({ db, draftId, settings: await getRegisterSettings({ db }) });
    await clearDraftCookie();
    await setDoneCookie(submissionId);
    return NextResponse.redirect(new URL(`/${locale}/intake/confirmation`, request.url), 303);
  } catch (error) {
    if (isRefusal(error) && error.code === "incomplete") return NextResponse.redirect(new URL(`/${locale}/intake/check`, request.url), 303);
    throw error;
  }
}
