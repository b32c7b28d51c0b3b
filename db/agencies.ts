import "server-only";
import type { StaffActor } from "@/lib/auth/client-access";
import { refuse } from "@/lib/refusal";
import { eq } from "drizzle-orm";
import { ZodError } from "zod";
import type { DataCategory } from "@/lib/data-categories";
import type { DeliveryMethod } from "@/lib/domain-values";
import {
  statutoryDisclosuresFor,
  type AgencySettings,
  type DisclosureCondition,
  type LocalisedNames,
  type LocalisedText,
  type RegisterSettings,
} from "@/lib/register-settings";
import type { AgencyInput, AgencyRefusalCode } from "@/lib/validations/agency";
import type { Executor } from "./connection";
import { agencies, registerSettings } from "./schema";
import { getRegisterSettings, hasRegisterSettings, RegisterSettingsError, saveRegisterSettings, SETTINGS_ROW_ID } from "./settings";

/**
 * The agencies administration (issue 5). The register settings stay the single source of truth:
 * an agency is added or edited by saving the settings with it (saveRegisterSettings validates,
 * syncs the agencies table and audits "settings.changed"); the agencies table only tells which
 * agencies are active and keeps the ones that left the settings for the disclosure log.
 */

export interface AgencyStatutoryEntry {
  provision: LocalisedText;
  categories: DataCategory[];
  condition?: DisclosureCondition;
  purpose?: LocalisedText;
}

export interface AgencyAdminEntry {
  code: string;
  /** The name in Finnish. */
  name: string;
  /** The names in other languages (edited in the register settings). */
  names: LocalisedNames;
  businessId?: string;
  insideEea: boolean;
  deliveryMethod: DeliveryMethod;
  /** Whether the intake form offers a consent to disclose to this agency (edited in the settings). */
  offeredInIntake: boolean;
  /** The statutory regular-disclosure bases that name this agency. */
  statutory: AgencyStatutoryEntry[];
  /** Whether the agencies table has it active (false only if the table is out of step with the settings). */
  active: boolean;
}

export interface AgencyAdmin {
  agencies: AgencyAdminEntry[];
  /** Agencies no longer in the settings, kept inactive because the disclosure log refers to them. */
  retired: { code: string; name: string }[];
  transfersOutsideEea: RegisterSettings["transfersOutsideEea"];
  legalBasis: RegisterSettings["legalBasis"]["kind"];
}

/** The agencies of the settings with their statutory bases; null when there are no settings yet. */
export async function listAgencyAdmin({ db }: { db: Executor }): Promise<AgencyAdmin | null> {
  if (!(await hasRegisterSettings({ db }))) return null;
  const settings = await getRegisterSettings({ db });
  const rows = await db.select({ code: agencies.code, name: agencies.name, active: agencies.active }).from(agencies);
  const activeByCode = new Map(rows.map((row) => [row.code, row.active]));
  const inSettings = new Set(settings.agencies.map((agency) => agency.code));
  return {
    agencies: settings.agencies.map((agency) => ({
      code: agency.code,
      name: agency.name,
      names: agency.names ?? {},
      ...(agency.businessId ? { businessId: agency.businessId } : {}),
      insideEea: agency.insideEea,
      deliveryMethod: agency.deliveryMethod,
      offeredInIntake: agency.intakeConsent !== undefined,
      statutory: statutoryDisclosuresFor(settings, agency.code).map((entry) => ({
        provision: entry.provision,
        categories: entry.categories,
        ...(entry.condition ? { condition: entry.condition } : {}),
        ...(entry.purpose ? { purpose: entry.purpose } : {}),
      })),
      active: activeByCode.get(agency.code) ?? false,
    })),
    retired: rows
      .filter((row) => !inSettings.has(row.code))
      .map(({ code, name }) => ({ code, name }))
      .sort((a, b) => a.name.localeCompare(b.name, "fi")),
    transfersOutsideEea: settings.transfersOutsideEea,
    legalBasis: settings.legalBasis.kind,
  };
}

export interface SaveAgencyResult {
  created: boolean;
  changed: boolean;
}

function agencyRefusal(code: Exclude<AgencyRefusalCode, "other">) {
  return refuse("agency", code, `The agency cannot be saved: ${code}`);
}

/** The agency as the settings hold it after the form: an edit keeps its other-language names and intake consent. */
function agencyFromInput(input: AgencyInput, existing: AgencySettings | undefined): AgencySettings {
  const agency: AgencySettings = {
    code: input.code,
    name: input.name,
    insideEea: input.insideEea,
    deliveryMethod: input.deliveryMethod,
  };
  if (input.businessId) agency.businessId = input.businessId;
  if (existing?.names) {
    // `name` is the Finnish name: a Finnish entry among the other names would shadow it.
    const { fi: _fi, ...others } = existing.names;
    if (Object.keys(others).length > 0) agency.names = others;
  }
  if (existing?.intakeConsent) agency.intakeConsent = existing.intakeConsent;
  return agency;
}

/** Whether the zod error says a statutory entry for `code` would go outside the EU/EEA. */
function refusesStatutoryOutsideEea(error: ZodError, settings: RegisterSettings, code: string): boolean {
  return error.issues.some(
    (issue) =>
      issue.path[0] === "statutoryDisclosures" &&
      issue.path[2] === "agencyCode" &&
      typeof issue.path[1] === "number" &&
      settings.statutoryDisclosures[issue.path[1]]?.agencyCode === code,
  );
}

/**
 * Adds an agency (mode "new") or edits the one with that code (mode "edit") in the register
 * settings, in one transaction: the settings row is locked, read, changed and saved through
 * saveRegisterSettings. Refusals change nothing:
 * - `code_taken`: a new agency with a code the settings already have,
 * - `not_found`: an edit of a code the settings do not have,
 * - `statutory_outside_eea`: outside the EU/EEA while a statutory entry names the agency,
 * - `no_settings`: the register has no settings yet,
 * - `invalid_settings`: the settings would fail validation for another reason (e.g. too many agencies).
 */
export async function saveAgency({ db, actor, input }: { db: Executor; actor: StaffActor | null; input: AgencyInput }): Promise<SaveAgencyResult> {
  try {
    return await db.transaction(async (tx) => {
      // Two administrators saving at once must not overwrite each other's change.
      const [locked] = await tx
        .select({ id: registerSettings.id })
        .from(registerSettings)
        .where(eq(registerSettings.id, SETTINGS_ROW_ID))
        .for("update");
      if (!locked) throw agencyRefusal("no_settings");
      const settings = await getRegisterSettings({ db: tx });

      const index = settings.agencies.findIndex((agency) => agency.code === input.code);
      if (input.mode === "new" && index !== -1) throw agencyRefusal("code_taken");
      if (input.mode === "edit" && index === -1) throw agencyRefusal("not_found");

      const agency = agencyFromInput(input, settings.agencies[index]);
      const next: RegisterSettings = {
        ...settings,
        agencies: index === -1 ? [...settings.agencies, agency] : settings.agencies.map((other, at) => (at === index ? agency : other)),
      };
      try {
        const saved = await saveRegisterSettings({ db: tx, settings: next, actor });
        return { created: index === -1, changed: saved.changedKeys.length > 0 };
      } catch (error) {
        if (error instanceof ZodError) {
          throw agencyRefusal(refusesStatutoryOutsideEea(error, next, input.code) ? "statutory_outside_eea" : "invalid_settings");
        }
        throw error;
      }
    });
  } catch (error) {
    // The row is there (checked under the lock) but its JSON no longer passes the schema.
    if (error instanceof RegisterSettingsError) throw agencyRefusal("invalid_settings");
    throw error;
  }
}
