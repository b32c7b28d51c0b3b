import { z } from "zod";
import { identityChecks, needsIdentityCheck, submitterConfirmations } from "@/lib/intake/merge-policy";
import { intakeRejectionReasons } from "@/lib/domain-values";
import { idField } from "@/lib/forms/fields";

/** The staff forms that decide an intake submission: accept, merge and reject. */

/** Ticked checkboxes: none arrives as nothing, one as a string, several as a list. */
const ticked = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().max(80)).max(200),
);

export const acceptSubmissionSchema = z.object({
  submissionId: idField,
  assignToMe: z.enum(["yes"]).optional(),
  /** Family links staff confirmed. */
  apply: ticked,
});
export type AcceptSubmissionInput = z.output<typeof acceptSubmissionSchema>;

export const mergeSubmissionSchema = z
  .object({
    submissionId: idField,
    clientId: idField,
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
  submissionId: idField,
  reason: z.enum(intakeRejectionReasons, { error: "chooseOne" }),
});
