import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { activeSignInLockouts } from "@/db/sign-in";

/**
 * Staff accounts whose sign-in is held back right now (db/sign-in.ts), below the staff table.
 * The page it sits on has already checked staff:manage. Shows who, from where in general terms,
 * how many failures and until when; never an address or a typed email.
 */
export async function SignInLockouts() {
  const t = await getTranslations("signInLockouts");
  const format = await getFormatter();
  const lockouts = await activeSignInLockouts({ db: await getDb() });
  return (
    <section aria-labelledby="sign-in-lockouts-title" className="space-y-3" data-testid="sign-in-lockouts">
      <h2 id="sign-in-lockouts-title" className="text-2xl font-bold">{t("title")}</h2>
      <p>{t("intro")}</p>
      {lockouts.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-start">
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2 text-start">{t("account")}</th>
                <th scope="col" className="p-2 text-start">{t("scope")}</th>
                <th scope="col" className="p-2 text-start">{t("failures")}</th>
                <th scope="col" className="p-2 text-start">{t("until")}</th>
              </tr>
            </thead>
            <tbody>
              {lockouts.map((lockout) => (
                <tr key={`${lockout.staffId}-${lockout.scope}-${lockout.until.getTime()}`} className="border-b border-gray-300">
                  <th scope="row" className="p-2 text-start font-normal">
                    {lockout.displayName} <span className="text-sm">({lockout.email})</span>
                  </th>
                  <td className="p-2">{lockout.scope === "account" ? t("scopeAccount") : t("scopePair")}</td>
                  <td className="p-2">{format.number(lockout.failures)}</td>
                  <td className="p-2">{format.dateTime(lockout.until, { dateStyle: "medium", timeStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
