"use server";

import { redirect } from "next/navigation";
import { recordAuditEvent } from "@/db/audit";
import { recordAccessReason, revealIdentityCode } from "@/db/client-access";
import { searchClients } from "@/db/client-search";
import { authorizedAction } from "@/server/action";
import { searchScopeOf } from "@/lib/auth/client-access";
import { accessReasonSchema, clientSearchSchema, revealIdentityCodeSchema } from "@/lib/validations/client-access";

export const giveAccessReasonAction = authorizedAction(
  "client:read",
  accessReasonSchema,
  "client.access_reason_given",
  async ({ db, actor, input }) => {
    await recordAccessReason({ db, actor, clientId: input.clientId, reason: input.reason });
    redirect(input.returnTo ?? `/staff/clients/${input.clientId}`);
  },
);

/** Answers the code in the action's state, so it never appears in a URL or a page that is cached. */
export const revealIdentityCodeAction = authorizedAction(
  "client:read",
  revealIdentityCodeSchema,
  "client.identity_code_revealed",
  async ({ db, actor, input }) => ({ status: "ok" as const, data: { code: await revealIdentityCode({ db, actor, clientId: input.clientId }) } }),
);

export type SearchResult = Awaited<ReturnType<typeof searchClients>>;

/**
 * A POST, not a GET: what was searched (possibly an identity code) must never be in a URL, the
 * browser history or an access log. Each search is audited by kind and count, not by its text.
 */
export const searchClientsAction = authorizedAction("client:read", clientSearchSchema, "client.searched", async ({ db, actor, input }) => {
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
