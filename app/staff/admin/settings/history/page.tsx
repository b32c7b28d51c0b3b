import type { Metadata } from "next";
import { getDb } from "@/db";
import { listSettingsHistory, SETTINGS_HISTORY_PAGE_SIZE } from "@/db/settings";
import { requirePermission } from "@/server/guard";
import { SettingsHistoryView } from "./history-view";

export const metadata: Metadata = { title: "Settings history" };

/**
 * Every saved version of the register settings, newest first: who saved it, when, which keys
 * changed, and each changed key before and after. For the admin and the data protection officer
 * (the audit event of a change names the keys only).
 */
export default async function SettingsHistoryPage({ searchParams }: PageProps<"/staff/admin/settings/history">) {
  await requirePermission("settings:readHistory");
  const raw = (await searchParams).page;
  const page = Math.min(10_000, Math.max(1, Number.parseInt(typeof raw === "string" ? raw : "1", 10) || 1));
  const { versions, total } = await listSettingsHistory({ db: await getDb(), page });
  return <SettingsHistoryView versions={versions} page={page} pages={Math.max(1, Math.ceil(total / SETTINGS_HISTORY_PAGE_SIZE))} />;
}
