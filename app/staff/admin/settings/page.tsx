import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { getRegisterSettings, hasRegisterSettings } from "@/db/settings";
import { requirePermission } from "@/server/guard";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Register settings" };

export default async function RegisterSettingsPage() {
  await requirePermission("settings:manage");
  const t = await getTranslations("admin");
  const db = await getDb();
  const settings = (await hasRegisterSettings({ db })) ? await getRegisterSettings({ db }) : {};
  const messages = await getMessages();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("settingsTitle")}</h1>
      <p>{t("settingsIntro")}</p>
      <p>
        <Link href="/staff/admin/settings/history">{t("historyLink")}</Link>
      </p>
      <NextIntlClientProvider messages={{ admin: messages.admin }}>
        <SettingsForm initialJson={JSON.stringify(settings, null, 2)} />
      </NextIntlClientProvider>
    </div>
  );
}
