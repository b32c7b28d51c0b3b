import { getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import { recordFormTexts } from "./record-form-texts";
import { cancelAppointmentAction, rescheduleAppointmentAction } from "./case-work-actions";

/** Reschedule or cancel a booked appointment, right where it is listed. */
export async function AppointmentControls({ appointmentId, startsAtLocal }: { appointmentId: string; startsAtLocal: string }) {
  const t = await getTranslations("caseForms");
  const common = await recordFormTexts();
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
