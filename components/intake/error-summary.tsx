"use client";

import { useEffect, useRef } from "react";

export interface SummaryItem {
  fieldId: string;
  message: string;
}

/** GOV.UK error summary: at the top, focused when it appears, each error a link to its field. */
export function ErrorSummary({ title, items, focusKey }: { title: string; items: SummaryItem[]; focusKey: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // Focus again whenever a new submission produces errors.
  }, [focusKey, items.length]);
  if (items.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      // Without JavaScript the browser focuses it on load; with it, the effect above does.
      autoFocus
      role="alert"
      aria-labelledby="error-summary-title"
      className="mb-6 border-4 border-red-700 p-4 focus:outline-none focus-visible:outline-[3px]"
      data-testid="error-summary"
    >
      <h2 id="error-summary-title" className="text-xl font-bold">
        {title}
      </h2>
      <ul className="mt-2 space-y-1">
        {items.map((item) => (
          <li key={`${item.fieldId}-${item.message}`}>
            <a href={`#${item.fieldId}`} className="font-bold text-red-800">
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
