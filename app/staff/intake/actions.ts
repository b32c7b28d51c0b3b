"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { acceptSubmission, rejectSubmission } from "@/db/intake-decisions";
import { mergeSubmission } from "@/db/intake-merge";
import { authorizedAction } from "@/lib/auth/action";
import { staffActor } from "@/lib/auth/guard";
import { acceptSubmissionSchema, mergeSubmissionSchema, rejectSubmissionSchema } from "@/lib/validations/intake-review";
import { refusedWrite } from "../clients/[clientId]/case-write";

export const acceptSubmissionAction = authorizedAction("intake:review", acceptSubmissionSchema, async (input, staff) => {
  let clientId: string;
  try {
    ({ clientId } = await acceptSubmission({
      db: await getDb(),
      actor: staffActor(staff),
      input: {
        submissionId: input.submissionId,
        // Only a caseworker can take the client onto their own caseload.
        assignToCaseworkerId: input.assignToMe === "yes" && staff.user.role === "caseworker" ? staff.user.id : null,
        apply: input.apply,
      },
    }));
  } catch (error) {
    const refusal = await refusedWrite(staff, "intake.accepted", undefined, error);
    if (refusal) return refusal;
    throw error;
  }
  redirect(`/staff/clients/${clientId}`);
});

/**
 * A merge is a write to the client's case: the data layer takes the case's lock-and-access step
 * (a stated reason for another caseworker's client, no restricted, closed or erasure-pending case)
 * and applies only what staff confirmed.
 */
export const mergeSubmissionAction = authorizedAction("intake:review", mergeSubmissionSchema, async (input, staff) => {
  try {
    await mergeSubmission({ db: await getDb(), actor: staffActor(staff), input });
  } catch (error) {
    const refusal = await refusedWrite(staff, "intake.merged", input.clientId, error);
    if (refusal) return refusal;
    throw error;
  }
  redirect(`/staff/clients/${input.clientId}`);
});

export const rejectSubmissionAction = authorizedAction("intake:review", rejectSubmissionSchema, async (input, staff) => {
  try {
    await rejectSubmission({ db: await getDb(), actor: staffActor(staff), input });
  } catch (error) {
    const refusal = await refusedWrite(staff, "intake.rejected", undefined, error);
    if (refusal) return refusal;
    throw error;
  }
  redirect("/staff/intake?rejected=1");
});
