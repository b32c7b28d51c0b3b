import { getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import { caseFormErrorCodes } from "@/lib/validations/case";
import { cancelAppointmentAction, rescheduleAppointmentAction } from "./case-actions";

/** Reschedule or cancel a booked appointment, right where it is listed. */
export async function AppointmentControls({ appointmentId, startsAtLocal }: { appointmentId: string; startsAtLocal: string }) {
  const t = await getTranslations("caseForms");
  const common = {
    savedText: t("saved"),
    optionalText: t("optional"),
    errorText: Object.fromEntries(caseFormErrorCodes.map((c) => [c, t(`errors.${c}` as never)])),
    formErrorText: {
      restricted: t("refused.restricted"),
      closed: t("refused.closed"),
      appointment_not_found: t("refused.appointment_not_found"),
      appointment_not_booked: t("refused.appointment_not_booked"),
      needs_reason: t("refused.needs_reason"),
      other: t("refused.other"),
    },
  };
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sm text-brand-800">{t("changeAppointment")}</summary>
      <div className="mt-2 grid gap-4 md:grid-cols-2">
        <RecordForm
          {...common}
          testId={`reschedule-${appointmentId}`}
          schema="rescheduleAppointment"
          action={rescheduleAppointmentAction}
          submitLabel={t("reschedule")}
          fields={[
            { kind: "hidden", name: "appointmentId", value: appointmentId },
            { kind: "datetime", name: "startsAt", label: t("newTime"), defaultValue: startsAtLocal },
          ]}
        />
        <RecordForm
          {...common}
          testId={`cancel-${appointmentId}`}
          schema="cancelAppointment"
          action={cancelAppointmentAction}
          submitLabel={t("cancelAppointment")}
          fields={[{ kind: "hidden", name: "appointmentId", value: appointmentId }]}
        />
      </div>
    </details>
  );
}
