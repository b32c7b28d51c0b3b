import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { requirePermission } from "@/server/guard";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Password" };

/**
 * Where an account created by an administrator is sent until it sets its own password (the guard
 * sends every other staff page here), and where anyone changes theirs.
 */
export default async function PasswordPage() {
  const staff = await requirePermission("staff:self");
  const t = await getTranslations("password");
  const messages = await getMessages();
  return (
    <div className="space-y-6">
      <h1 id="password-title" className="text-3xl font-bold">{staff.user.mustChangePassword ? t("firstTitle") : t("title")}</h1>
      {staff.user.mustChangePassword ? <p data-testid="must-change-password">{t("firstIntro")}</p> : null}
      <NextIntlClientProvider messages={{ password: messages.password, validation: messages.validation }}>
        <PasswordForm />
      </NextIntlClientProvider>
    </div>
  );
}
