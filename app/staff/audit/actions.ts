"use server";

import { z } from "zod";
import { findClientsForAudit, type AuditedClient } from "@/db/audit-view";
import { verifyAuditChainForDpo } from "@/db/audit-review";
import { authorizedAction } from "@/server/action";
import type { ChainVerdict } from "@/lib/audit-chain";
import { clientLookupSchema } from "@/lib/audit-view";

/**
 * A POST, never a GET: the lookup may hold an identity code, which must not reach a URL, the
 * browser's history or an access log. Answered in the action's state; audited by kind and result.
 */
export const findAuditClientAction = authorizedAction("audit:read", clientLookupSchema, "audit.viewed", async ({ db, actor, input }) => ({
  status: "ok" as const,
  data: await findClientsForAudit({ db, actor, input }) satisfies AuditedClient[],
}));

/** Walks the whole chain (as `npm run audit:verify`); a POST because it reads every event. */
export const verifyAuditChainAction = authorizedAction("audit:read", z.object({}), "audit.chain_verified", async ({ db, actor }) => ({
  status: "ok" as const,
  data: (await verifyAuditChainForDpo({ db, actor })) satisfies ChainVerdict,
}));
