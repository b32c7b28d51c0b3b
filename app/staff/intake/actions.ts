"use server";

import { redirect } from "next/navigation";
import { acceptSubmission, rejectSubmission } from "@/db/intake-decisions";
import { mergeSubmission } from "@/db/intake-merge";
import { authorizedAction } from "@/server/action";
import { acceptSubmissionSchema, mergeSubmissionSchema, rejectSubmissionSchema } from "@/lib/validations/intake-review";

export const acceptSubmissionAction = authorizedAction("intake:review", acceptSubmissionSchema, "intake.accepted", async ({ db, actor, input }) => {
  const { clientId } = await acceptSubmission({
    db,
    actor,
    input: {
      submissionId: input.submissionId,
      // Only a caseworker can take the client onto their own caseload.
      assignToCaseworkerId: input.assignToMe === "yes" && actor.role === "caseworker" ? actor.userId : null,
      apply: input.apply,
    },
  });
  redirect(`/staff/clients/${clientId}`);
});

/**
 * A merge is a write to the client's case: the data layer takes the case's lock-and-access step
 * (a stated reason for another caseworker's client, no restricted, closed or erasure-pending case)
 * and applies only what staff confirmed.
 */
export const mergeSubmissionAction = authorizedAction("intake:review", mergeSubmissionSchema, "intake.merged", async (context) => {
  await mergeSubmission(context);
  redirect(`/staff/clients/${context.input.clientId}`);
});

export const rejectSubmissionAction = authorizedAction("intake:review", rejectSubmissionSchema, "intake.rejected", async (context) => {
  await rejectSubmission(context);
  redirect("/staff/intake?rejected=1");
});
