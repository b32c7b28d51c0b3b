"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { recordAuditEvent } from "@/db/audit";
import { recordAccessReason, revealIdentityCode } from "@/db/client-access";
import { searchClients } from "@/db/client-search";
import { authorizedAction } from "@/server/action";
import { searchScopeOf } from "@/lib/auth/client-access";

const clientIdField = z.string().uuid("invalid");

/** Where to go once the reason is given: a staff page that needed it (the case, or an intake merge). */
const returnToField = z
  .string()
  .max(300)
  .regex(/^\/staff\/[A-Za-z0-9/_-]*$/, "invalid")
  .optional();

export const giveAccessReasonAction = authorizedAction(
  "client:read",
  z.object({ clientId: clientIdField, reason: z.string().trim().min(10, "reasonTooShort").max(500, "too_long"), returnTo: returnToField }),
  "client.access_reason_given",
  async ({ db, actor, input }) => {
    await recordAccessReason({ db, actor, clientId: input.clientId, reason: input.reason });
    redirect(input.returnTo ?? `/staff/clients/${input.clientId}`);
  },
);

/** Answers the code in the action's state, so it never appears in a URL or a page that is cached. */
export const revealIdentityCodeAction = authorizedAction(
  "client:read",
  z.object({ clientId: clientIdField }),
  "client.identity_code_revealed",
  async ({ db, actor, input }) => ({ status: "ok" as const, data: { code: await revealIdentityCode({ db, actor, clientId: input.clientId }) } }),
);

const searchSchema = z.object({
  text: z.string().trim().max(200, "too_long").optional().default(""),
  status: z.enum(["", "active", "closed", "erasure_pending"]).optional().default(""),
  clientGroup: z.enum(["", "resident", "reception_services", "settlement_services"]).optional().default(""),
  caseworker: z.string().max(40).optional().default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});

export type SearchResult = Awaited<ReturnType<typeof searchClients>>;

/**
 * A POST, not a GET: what was searched (possibly an identity code) must never be in a URL, the
 * browser history or an access log. Each search is audited by kind and count, not by its text.
 */
export const searchClientsAction = authorizedAction("client:read", searchSchema, "client.searched", async ({ db, actor, input }) => {
  const caseworkerId = input.caseworker === "me" ? actor.userId : input.caseworker === "unassigned" ? "unassigned" : undefined;
  const result = await searchClients({
    db,
    query: {
      text: input.text || undefined,
      status: input.status || undefined,
      clientGroup: input.clientGroup || undefined,
      caseworkerId,
      ownAndUnassignedOf: searchScopeOf(actor) === "whole_register" ? undefined : actor.userId,
    },
    page: input.page,
  });
  // The ids of the clients listed (never the text searched, which may be an identity code): who
  // looked at whom, or found that a code is in the register, stays attributable.
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "client.searched",
    details: { kind: result.kind, total: result.total, page: result.page, clientIds: result.rows.map((row) => row.id) },
    requestId: actor.requestId,
  });
  return { status: "ok" as const, data: result };
});
