import { z } from "zod";

/** Shared by the sign-in form and Auth.js's authorize(). */
export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});
export type Credentials = z.infer<typeof credentialsSchema>;
