"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { getDb } from "@/db";
import { saveRegisterSettings } from "@/db/settings";
import { authorizedAction } from "@/lib/auth/action";
import { settingsFormSchema } from "@/lib/validations/settings";

export const saveSettingsAction = authorizedAction(
  "settings:manage",
  settingsFormSchema,
  async (input, staff) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.settingsJson);
    } catch {
      return { status: "error", formError: "not_json" };
    }
    try {
      await saveRegisterSettings({ db: await getDb(), settings: parsed as never, actorId: staff.user.id });
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
