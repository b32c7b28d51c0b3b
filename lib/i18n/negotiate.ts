import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

/** The best of `supported` for an Accept-Language header, or `fallback`. */
export function negotiateLocale<T extends string>(acceptLanguage: string | null, supported: readonly T[], fallback: T): T {
  const requested = new Negotiator({ headers: { "accept-language": acceptLanguage ?? "" } }).languages();
  try {
    return match(requested, supported as unknown as string[], fallback) as T;
  } catch {
    // match() throws on malformed language tags a client may send; the default is the safe answer.
    return fallback;
  }
}
