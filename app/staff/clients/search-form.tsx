"use client";

import { useActionState } from "react";
import { buttonClass, inputClass } from "@/components/forms/field";
import type { ActionState } from "@/lib/forms/state";
import { searchClientsAction, type SearchResult } from "./actions";

export interface SearchLabels {
  text: string;
  textHint: string;
  status: string;
  group: string;
  caseworker: string;
  any: string;
  mine: string;
  unassigned: string;
  search: string;
  results: string;
  noResults: string;
  previous: string;
  next: string;
  columns: { number: string; name: string; dateOfBirth: string; status: string };
  statuses: Record<string, string>;
  groups: Record<string, string>;
}

export function ClientSearchForm({ labels, showCaseworkerFilter }: { labels: SearchLabels; showCaseworkerFilter: boolean }) {
  const [state, formAction, pending] = useActionState<ActionState<SearchResult>, FormData>(searchClientsAction, { status: "idle" });
  const result = state.status === "ok" ? state.data : undefined;
  const select = (name: string, label: string, options: Record<string, string>, anyOption = true) => (
    <div className="space-y-1">
      <label htmlFor={`search-${name}`} className="block font-bold">
        {label}
      </label>
      <select id={`search-${name}`} name={name} className={inputClass} defaultValue={anyOption ? "" : Object.keys(options)[0]}>
        {anyOption ? <option value="">{labels.any}</option> : null}
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="space-y-6">
      <form id="client-search" action={formAction} className="grid gap-4 md:grid-cols-2" role="search">
        <div className="space-y-1 md:col-span-2">
          <label htmlFor="search-text" className="block font-bold">
            {labels.text}
          </label>
          <p id="search-text-hint" className="text-sm text-gray-700">
            {labels.textHint}
          </p>
          <input id="search-text" name="text" type="search" autoComplete="off" aria-describedby="search-text-hint" className={inputClass} />
        </div>
        {/* Closed cases are listed apart: active ones unless another status is chosen. */}
        {select("status", labels.status, labels.statuses, false)}
        {select("clientGroup", labels.group, labels.groups)}
        {showCaseworkerFilter ? select("caseworker", labels.caseworker, { me: labels.mine, unassigned: labels.unassigned }) : null}
        <div className="md:col-span-2">
          <button type="submit" disabled={pending} className={buttonClass}>
            {labels.search}
          </button>
        </div>
      </form>
      {result ? (
        <section aria-labelledby="results-title" aria-live="polite">
          <h2 id="results-title" className="text-xl font-bold">
            {labels.results} ({result.total})
          </h2>
          {result.rows.length === 0 ? (
            <p>{labels.noResults}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse">
                <thead>
                  <tr className="border-b-2 border-ink">
                    <th scope="col" className="p-2 text-start">{labels.columns.number}</th>
                    <th scope="col" className="p-2 text-start">{labels.columns.name}</th>
                    <th scope="col" className="p-2 text-start">{labels.columns.dateOfBirth}</th>
                    <th scope="col" className="p-2 text-start">{labels.columns.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((row) => (
                    <tr key={row.id} className="border-b border-gray-300">
                      <td className="p-2 font-mono">{row.clientNumber}</td>
                      <td className="p-2">
                        <a href={`/staff/clients/${row.id}`}>
                          {row.lastName}, {row.firstNames}
                        </a>
                      </td>
                      <td className="p-2">{row.dateOfBirth ?? ""}</td>
                      <td className="p-2">{labels.statuses[row.status] ?? row.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {result.total > result.pageSize ? (
            <nav aria-label={labels.results} className="mt-4 flex gap-4">
              {result.page > 1 ? (
                <button type="submit" form="client-search" name="page" value={result.page - 1} className="rounded border-2 border-brand-700 px-3 py-1">
                  {labels.previous}
                </button>
              ) : null}
              <span>
                {result.page} / {Math.ceil(result.total / result.pageSize)}
              </span>
              {result.page * result.pageSize < result.total ? (
                <button type="submit" form="client-search" name="page" value={result.page + 1} className="rounded border-2 border-brand-700 px-3 py-1">
                  {labels.next}
                </button>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
