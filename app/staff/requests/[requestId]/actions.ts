"use server";

import { revalidatePath } from "next/cache";
import { closeRequest, decideRequest, extendRequest, verifyRequestIdentity } from "@/db/requests";
import { authorizedAction } from "@/server/action";
import { closeRequestSchema, decideRequestSchema, extendRequestSchema, verifyRequestIdentitySchema } from "@/lib/validations/requests";

/** The officer's steps on one request (request:manage); each refreshes the request's page and the register. */
function refreshed(requestId: string) {
  revalidatePath(`/staff/requests/${requestId}`);
  revalidatePath("/staff/requests");
  return { status: "ok" as const };
}

export const verifyRequestIdentityAction = authorizedAction("request:manage", verifyRequestIdentitySchema, "request.identity_verified", async (context) => {
  return refreshed((await verifyRequestIdentity(context)).id);
});

export const extendRequestAction = authorizedAction("request:manage", extendRequestSchema, "request.extended", async (context) => {
  return refreshed((await extendRequest(context)).id);
});

/** An accepted erasure marks the client for erasure: their case page changes too. */
export const decideRequestAction = authorizedAction("request:manage", decideRequestSchema, "request.decided", async (context) => {
  const { id, clientId } = await decideRequest(context);
  if (clientId) revalidatePath(`/staff/clients/${clientId}`);
  return refreshed(id);
});

export const closeRequestAction = authorizedAction("request:manage", closeRequestSchema, "request.closed", async (context) => {
  return refreshed((await closeRequest(context)).id);
});
