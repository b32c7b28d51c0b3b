"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { acceptSubmission, IntakeReviewError, mergeSubmission, rejectSubmission } from "@/db/intake-review";
import { authorizedAction } from "@/lib/auth/action";
import { intakeRejectionReasons } from "@/lib/intake/rejection-reasons";

const submissionId = z.string().uuid("invalid");

function refused(error: unknown) {
  if (error instanceof IntakeReviewError) return { status: "error" as const, formError: error.code };
  throw error;
}

export const acceptSubmissionAction = authorizedAction(
  "intake:review",
  z.object({ submissionId, assignToMe: z.enum(["yes"]).optional() }),
  async (input, staff) => {
    let clientId: string;
    try {
      ({ clientId } = await acceptSubmission({
        db: await getDb(),
        submissionId: input.submissionId,
        actorId: staff.user.id,
        // Only a caseworker can take the client onto their own caseload.
        assignToCaseworkerId: input.assignToMe === "yes" && staff.user.role === "caseworker" ? staff.user.id : null,
      }));
    } catch (error) {
      return refused(error);
    }
    redirect(`/staff/clients/${clientId}`);
  },
);

export const mergeSubmissionAction = authorizedAction(
  "intake:review",
  z.object({ submissionId, clientId: z.string().uuid("invalid") }),
  async (input, staff) => {
    try {
      await mergeSubmission({ db: await getDb(), submissionId: input.submissionId, clientId: input.clientId, actorId: staff.user.id });
    } catch (error) {
      return refused(error);
    }
    redirect(`/staff/clients/${input.clientId}`);
  },
);

export const rejectSubmissionAction = authorizedAction(
  "intake:review",
  z.object({ submissionId, reason: z.enum(intakeRejectionReasons, { error: "chooseOne" }) }),
  async (input, staff) => {
    try {
      await rejectSubmission({ db: await getDb(), submissionId: input.submissionId, actorId: staff.user.id, reason: input.reason });
    } catch (error) {
      return refused(error);
    }
    redirect("/staff/intake?rejected=1");
  },
);
