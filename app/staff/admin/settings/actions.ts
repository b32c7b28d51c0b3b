"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { saveRegisterSettings } from "@/db/settings";
import { authorizedAction } from "@/server/action";
import { settingsFormSchema } from "@/lib/validations/settings";

export const saveSettingsAction = authorizedAction(
  "settings:manage",
  settingsFormSchema,
  "settings.changed",
  async ({ db, actor, input }) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.settingsJson);
    } catch {
      return { status: "error", formError: "not_json" };
    }
    try {
      await saveRegisterSettings({ db, settings: parsed as never, actor });
    } catch (error) {
      if (error instanceof ZodError) {
        const problems = error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
        return { status: "error", formError: "invalid", fieldErrors: { settingsJson: problems } };
      }
      throw error;
    }
    revalidatePath("/", "layout");
    return { status: "ok" };
  },
);
