import { z } from "zod";

/** The admin edits the register settings as one JSON document; its content is checked by registerSettingsSchema. */
export const settingsFormSchema = z.object({
  settingsJson: z.string().min(2, "required").max(200_000, "too_long"),
});
