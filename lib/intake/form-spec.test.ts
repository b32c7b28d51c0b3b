import { describe, expect, it } from "vitest";
import { z } from "zod";
import { stepFields, type FieldSpec } from "./form-spec";
import { intakeSteps, stepSchemas, type IntakeStep } from "./steps";

/**
 * What a question page renders (form-spec.ts) and what its step's schema validates (steps.ts) are
 * two lists of the same names: a field the page shows but the schema does not know would be dropped
 * unread, and a key the schema expects but the page never renders could never be answered. Every
 * rendered field is a key of its schema and every key is rendered, or named below as filled in
 * another way. Choices offer exactly the values the schema accepts, and "(optional)" is shown on
 * exactly the fields whose schema accepts no answer.
 */

/** Schema keys no field renders, by step, and what fills them instead. */
const notRendered: Partial<Record<IntakeStep, Record<string, string>>> = {
  about: { identityCodeOnFile: "a hidden field the page adds when a code is on file (lib/intake/draft-policy.ts IDENTITY_CODE_ON_FILE)" },
};

/** The object schema inside preprocessing, refinements and transforms. */
function objectOf(schema: z.ZodType): z.ZodObject {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodPipe) {
    for (const side of [schema.in, schema.out] as z.ZodType[]) {
      const found = tryObjectOf(side);
      if (found) return found;
    }
  }
  throw new Error(`no object schema inside ${schema.constructor.name}`);
}

function tryObjectOf(schema: z.ZodType): z.ZodObject | undefined {
  try {
    return objectOf(schema);
  } catch {
    return undefined;
  }
}

/** The schema of one row of a repeating group: the array's element, inside its preprocessing. */
function rowSchemaOf(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType;
  if (schema instanceof z.ZodPipe) {
    for (const side of [schema.out, schema.in] as z.ZodType[]) {
      if (side instanceof z.ZodArray || side instanceof z.ZodPipe) return rowSchemaOf(side);
    }
  }
  throw new Error(`no array schema inside ${schema.constructor.name}`);
}

/** The values an enum accepts, looking through preprocessing, optional and arrays (checkboxes). */
function enumValuesOf(schema: z.ZodType): string[] | undefined {
  if (schema instanceof z.ZodEnum) return schema.options.map(String);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) return enumValuesOf(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodArray) return enumValuesOf(schema.element as z.ZodType);
  if (schema instanceof z.ZodPipe) return enumValuesOf(schema.out as z.ZodType) ?? enumValuesOf(schema.in as z.ZodType);
  return undefined;
}

/** Every field of a list with the object schema it belongs to: groups' fields against their row schema. */
function pairs(fields: FieldSpec[], shape: Record<string, z.ZodType>, prefix = ""): { path: string; spec: FieldSpec; schema: z.ZodType | undefined }[] {
  return fields.flatMap((spec) => {
    const schema = shape[spec.name];
    const own = { path: `${prefix}${spec.name}`, spec, schema };
    if (spec.kind !== "group" || !schema) return [own];
    return [own, ...pairs(spec.fields, objectOf(rowSchemaOf(schema)).shape as Record<string, z.ZodType>, `${prefix}${spec.name}.`)];
  });
}

const optionalKinds = new Set(["text", "textarea", "date", "radios", "select"]);

describe.each(intakeSteps)("the %s page and its schema", (step) => {
  const shape = objectOf(stepSchemas[step]).shape as Record<string, z.ZodType>;
  const rendered = stepFields[step].map((spec) => spec.name);
  const explained = notRendered[step] ?? {};

  it("render and validate the same names", () => {
    expect(new Set(rendered).size, "a name rendered twice").toBe(rendered.length);
    expect(rendered.filter((name) => !(name in shape)), "rendered but not in the schema").toEqual([]);
    expect(Object.keys(shape).filter((key) => !rendered.includes(key) && !(key in explained)), "in the schema but not rendered").toEqual([]);
    for (const key of Object.keys(explained)) {
      expect(shape, `${key} is explained as not rendered but is not in the schema`).toHaveProperty(key);
      expect(rendered).not.toContain(key);
    }
  });

  it("each repeating group renders exactly its row schema's keys", () => {
    for (const group of stepFields[step].filter((spec): spec is Extract<FieldSpec, { kind: "group" }> => spec.kind === "group")) {
      const row = objectOf(rowSchemaOf(shape[group.name]!));
      expect(group.fields.map((field) => field.name).sort(), group.name).toEqual(Object.keys(row.shape).sort());
    }
  });

  it("each choice offers exactly the values its schema accepts", () => {
    for (const { path, spec, schema } of pairs(stepFields[step], shape)) {
      if (!("options" in spec)) continue;
      expect(enumValuesOf(schema!), path).toEqual([...spec.options]);
    }
  });

  it('says "(optional)" on exactly the fields whose schema takes no answer', () => {
    for (const { path, spec, schema } of pairs(stepFields[step], shape)) {
      if (!optionalKinds.has(spec.kind)) continue;
      const marked = "optional" in spec && spec.optional === true;
      expect(schema!.safeParse(undefined).success, `${path} is ${marked ? "" : "not "}marked optional`).toBe(marked);
    }
  });
});

describe("the steps", () => {
  it("every step has its fields and its schema", () => {
    expect(Object.keys(stepFields).sort()).toEqual([...intakeSteps].sort());
    expect(Object.keys(stepSchemas).sort()).toEqual([...intakeSteps].sort());
  });

  it("the helpers find every group (the checks above are not vacuous)", () => {
    const groups = intakeSteps.flatMap((step) => stepFields[step].filter((spec) => spec.kind === "group").map((spec) => `${step}.${spec.name}`));
    expect(groups).toEqual(["family.members", "education-work.educations", "education-work.work"]);
    const choices = intakeSteps.flatMap((step) => pairs(stepFields[step], objectOf(stepSchemas[step]).shape as Record<string, z.ZodType>)).filter(({ spec }) => "options" in spec);
    expect(choices.length).toBeGreaterThan(10);
  });
});
