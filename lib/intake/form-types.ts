/** Texts a question page needs, resolved on the server so the browser gets no message catalogue. */
export interface StepDictionary {
  fields: Record<string, { label: string; hint?: string }>;
  options: Record<string, Record<string, string>>;
  errors: Record<string, string>;
  ui: {
    continue: string;
    errorSummaryTitle: string;
    optional: string;
    addAnother: Record<string, string>;
    rowTitle: Record<string, string>;
    chooseOption: string;
  };
}

