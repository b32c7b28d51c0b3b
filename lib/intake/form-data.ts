/** A form may carry at most this many fields: anything larger is not a person filling in a form. */
export const MAX_FORM_FIELDS = 400;

export class FormTooLargeError extends Error {
  override name = "FormTooLargeError";
}

const INDEX = /^\d{1,2}$/;

/**
 * FormData with dotted names (`members.0.fullName`) to nested objects and arrays, so a form without
 * JavaScript can post repeating groups. Only string values; files and Next's own `$ACTION` fields
 * are ignored; repeated names (checkboxes) become arrays.
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let fields = 0;
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION") || name.startsWith("$")) continue;
    if (++fields > MAX_FORM_FIELDS) throw new FormTooLargeError("Too many form fields");
    const path = name.split(".");
    if (path.some((segment) => segment === "" || segment === "__proto__" || segment === "constructor" || segment === "prototype")) continue;
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      const nextIsIndex = INDEX.test(path[i + 1]!);
      const container = node as Record<string, unknown>;
      const existing = container[key];
      if (existing === undefined || typeof existing !== "object" || existing === null) {
        container[key] = nextIsIndex ? [] : {};
      }
      node = container[key] as Record<string, unknown> | unknown[];
    }
    const last = path[path.length - 1]!;
    const container = node as Record<string, unknown>;
    const previous = container[last];
    container[last] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return compactArrays(root) as Record<string, unknown>;
}

/** Sparse arrays from skipped indexes become dense, so row 3 after row 1 is simply the second row. */
function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactArrays);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, compactArrays(v)]));
  }
  return value;
}
