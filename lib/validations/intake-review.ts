import { z } from "zod";
import { identityChecks, needsIdentityCheck, submitterConfirmations } from "@/lib/intake/merge-policy";
import { intakeRejectionReasons } from "@/lib/intake/rejection-reasons";

/** The staff forms that decide an intake submission: accept, merge and reject. */

const uuid = z.string().uuid("invalid");

/** Ticked checkboxes: none arrives as nothing, one as a string, several as a list. */
const ticked = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().max(80)).max(200),
);

export const acceptSubmissionSchema = z.object({
  submissionId: uuid,
  assignToMe: z.enum(["yes"]).optional(),
  /** Family links staff confirmed. */
  apply: ticked,
});
export type AcceptSubmissionInput = z.output<typeof acceptSubmissionSchema>;

export const mergeSubmissionSchema = z
  .object({
    submissionId: uuid,
    clientId: uuid,
    /** The proposals staff confirmed, by key. */
    apply: ticked,
    identityCheck: z.enum(identityChecks, { error: "chooseOne" }),
    submitter: z.enum(submitterConfirmations, { error: "chooseOne" }),
  })
  .refine((input) => input.identityCheck !== "none" || !needsIdentityCheck(input), {
    path: ["identityCheck"],
    message: "identityCheckRequired",
  });
export type MergeSubmissionInput = z.output<typeof mergeSubmissionSchema>;

export const rejectSubmissionSchema = z.object({
  submissionId: uuid,
  reason: z.enum(intakeRejectionReasons, { error: "chooseOne" }),
});
