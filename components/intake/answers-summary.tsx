import { getFormatter, getTranslations } from "next-intl/server";
import { stepFields, type FieldSpec } from "@/lib/intake/form-spec";
import { intakeSteps, type IntakeStep } from "@/lib/intake/steps";

type Leaf = Exclude<FieldSpec, { kind: "group" }>;

/**
 * An intake's answers as GOV.UK summary lists, one per step: the newcomer's check-answers page
 * (with change links) and the staff's review page (without) show the same thing.
 */
export async function AnswersSummary({
  answers,
  changeHref,
}: {
  answers: Partial<Record<IntakeStep, Record<string, unknown>>>;
  changeHref?: (step: IntakeStep) => string;
}) {
  const t = await getTranslations("intake");
  const format = await getFormatter();
  const show = (spec: Leaf, value: unknown): string => {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return t("check.notGiven");
    if (spec.kind === "date" && typeof value === "string") return format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "long" });
    if ("optionSet" in spec) {
      const values = Array.isArray(value) ? value : [value];
      return values.map((v) => t(`options.${spec.optionSet}.${String(v)}` as never)).join(", ");
    }
    return String(value);
  };
  return (
    <>
      {intakeSteps.map((step) => {
        const stepAnswers = answers[step] ?? {};
        return (
          <section key={step} aria-labelledby={`answers-${step}`} className="space-y-2">
            <div className="flex flex-wrap items-baseline justify-between gap-2 border-b-2 border-ink">
              <h2 id={`answers-${step}`} className="text-xl font-bold">
                {t(`steps.${step}` as never)}
              </h2>
              {changeHref ? (
                <a href={changeHref(step)} className="text-brand-800">
                  {t("check.change")}
                  <span className="sr-only"> {t(`steps.${step}` as never)}</span>
                </a>
              ) : null}
            </div>
            <dl className="divide-y divide-gray-300">
              {stepFields[step].map((spec) => {
                if (spec.kind !== "group") {
                  if (spec.name === "personalIdentityCode" && stepAnswers.hasIdentityCode !== "yes") return null;
                  return (
                    <div key={spec.name} className="grid gap-1 py-2 sm:grid-cols-2">
                      <dt className="font-bold">{t(`fields.${spec.name}.label` as never)}</dt>
                      <dd className="break-words">{show(spec, stepAnswers[spec.name])}</dd>
                    </div>
                  );
                }
                const rows = (stepAnswers[spec.name] as Record<string, unknown>[] | undefined) ?? [];
                return (
                  <div key={spec.name} className="py-2">
                    <dt className="font-bold">{t(`fields.${spec.name}.label` as never)}</dt>
                    <dd>
                      {rows.length === 0 ? (
                        t("check.notGiven")
                      ) : (
                        <ol className="list-decimal space-y-1 ps-6">
                          {rows.map((row, i) => (
                            <li key={i} className="break-words">
                              {spec.fields
                                .filter((f): f is Leaf => f.kind !== "group")
                                .filter((f) => row[f.name] !== undefined && row[f.name] !== "")
                                .map((f) => show(f, row[f.name]))
                                .join(" · ")}
                            </li>
                          ))}
                        </ol>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        );
      })}
    </>
  );
}
