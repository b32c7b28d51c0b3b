"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { buttonClass, describedBy, Field, inputClass } from "@/components/forms/field";
import type { AuditedClient } from "@/db/audit-view";
import type { ActionState } from "@/lib/forms/state";
import { findAuditClientAction } from "./actions";

/**
 * Finds the client a request or a question is about: an identity code, a client number, or a name
 * with a date of birth. Posted (works without JavaScript); the answer lists the matches with links
 * to the log filtered by the client and to the client's own "who looked" page.
 */
export function ClientLookupForm() {
  const t = useTranslations("auditView");
  const [state, formAction, pending] = useActionState<ActionState<AuditedClient[]>, FormData>(findAuditClientAction, { status: "idle" });
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const error = (field: string) => {
    const code = errors[field]?.[0];
    if (!code) return undefined;
    return t.has(`errors.${code}` as never) ? t(`errors.${code}` as never) : t("errors.invalid");
  };
  const found = state.status === "ok" ? (state.data ?? []) : null;
  return (
    <section aria-labelledby="client-lookup-title" className="space-y-4 rounded border-2 border-gray-300 p-4">
      <h2 id="client-lookup-title" className="text-xl font-bold">
        {t("lookupTitle")}
      </h2>
      <form action={formAction} className="grid gap-4 md:grid-cols-2" data-testid="client-lookup">
        <Field id="lookup-text" label={t("lookupText")} hint={t("lookupTextHint")} error={error("text")}>
          <input
            id="lookup-text"
            name="text"
            type="search"
            autoComplete="off"
            required
            aria-invalid={Boolean(error("text"))}
            aria-describedby={describedBy("lookup-text", t("lookupTextHint"), error("text"))}
            className={inputClass}
          />
        </Field>
        <Field id="lookup-dob" label={t("lookupDateOfBirth")} hint={t("lookupDateOfBirthHint")} error={error("dateOfBirth")}>
          <input
            id="lookup-dob"
            name="dateOfBirth"
            type="date"
            aria-invalid={Boolean(error("dateOfBirth"))}
            aria-describedby={describedBy("lookup-dob", t("lookupDateOfBirthHint"), error("dateOfBirth"))}
            className={inputClass}
          />
        </Field>
        <div className="md:col-span-2">
          <button type="submit" disabled={pending} className={buttonClass}>
            {t("lookupButton")}
          </button>
        </div>
      </form>
      {found ? (
        <div aria-live="polite">
          {found.length === 0 ? (
            <p data-testid="lookup-none">{t("lookupNone")}</p>
          ) : (
            <ul className="space-y-2" data-testid="lookup-results">
              {found.map((client) => (
                <li key={client.id} data-testid="lookup-result" className="flex flex-wrap gap-x-4">
                  <span>
                    <span className="font-mono">{client.clientNumber}</span> {client.lastName}, {client.firstNames}
                    {client.dateOfBirth ? ` (${client.dateOfBirth})` : ""}
                  </span>
                  <a href={`/staff/audit?client=${client.id}`}>{t("lookupFilterBy")}</a>
                  <a href={`/staff/audit/clients/${client.id}`}>{t("lookupWhoLooked")}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}
