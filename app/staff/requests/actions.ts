"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { findClientForRequest } from "@/db/request-register";
import { logRequest, mayHandleRequests } from "@/db/requests";
import { authorizedAction } from "@/server/action";
import { findRequestClientSchema, logRequestSchema } from "@/lib/validations/requests";

/**
 * Finding the client a request concerns is a POST, never a GET: an identity code typed here must
 * not reach a URL, the browser history or an access log. The client's id (not personal data) does.
 */
export const findRequestClientAction = authorizedAction("request:log", findRequestClientSchema, "request.client_searched", async ({ db, actor, input }) => {
  const { clientId } = await findClientForRequest({ db, actor, input });
  redirect(`/staff/requests/new?client=${clientId}`);
});

/** The officer goes on to the request's page; a caseworker or coordinator sees that it was logged, the officer handles it. */
export const logRequestAction = authorizedAction("request:log", logRequestSchema, "request.logged", async ({ db, actor, input }) => {
  const { id } = await logRequest({ db, actor, input });
  revalidatePath("/staff/requests");
  if (mayHandleRequests(actor)) redirect(`/staff/requests/${id}`);
  return { status: "ok" };
});
