-- Store codes, show labels (docs/decisions/0006). Until now the intake's accept and merge wrote the
-- Finnish labels of messages/fi.json into the rows they created, and the demo factory wrote Finnish
-- words; this converts what they wrote to codes and leaves free text staff typed alone. The labels
-- below are every value those writers ever stored (messages/fi.json intake.options.educationLevel and
-- languageLevel have not changed since the intake form was built; db/factories/clients.ts and
-- names.ts as of issue 10). The system-written case notes of earlier decisions keep their text: they
-- are prose, and parsing it back could lose what a person wrote in it.

-- Education levels the intake (and, before issue 10, the staff form) stored as Finnish labels.
UPDATE educations SET level = m.code
FROM (VALUES
  ('Ei koulutusta', 'none'),
  ('Peruskoulu', 'primary'),
  ('Lukio tai vastaava', 'secondary'),
  ('Ammatillinen koulutus', 'vocational'),
  ('Alempi korkeakoulututkinto (kandidaatti)', 'bachelor'),
  ('Ylempi korkeakoulututkinto (maisteri)', 'master'),
  ('Tohtorin tutkinto', 'doctorate'),
  ('Muu', 'other')
) AS m(label, code)
WHERE educations.level = m.label;
--> statement-breakpoint
-- The demo factory's education levels, on synthetic clients only (it never wrote real people's rows).
-- Its "korkeakoulututkinto" (a higher-education degree) becomes the first such level, "bachelor".
UPDATE educations SET level = m.code
FROM (VALUES
  ('perusopetus', 'primary'),
  ('lukio', 'secondary'),
  ('ammatillinen koulutus', 'vocational'),
  ('korkeakoulututkinto', 'bachelor')
) AS m(label, code), clients c
WHERE educations.level = m.label AND c.id = educations.client_id AND c.is_synthetic;
--> statement-breakpoint
-- Finnish and Swedish as the intake wrote them: the Finnish language name with a level label.
-- A staff member's own "suomi" with a level they typed (e.g. "B1.1") is not one of these and stays.
UPDATE skills SET name = CASE skills.name WHEN 'suomi' THEN 'fi' ELSE 'sv' END, level = m.code
FROM (VALUES
  ('En lainkaan', 'none'),
  ('Vähän', 'beginner'),
  ('Melko hyvin', 'intermediate'),
  ('Hyvin', 'advanced'),
  ('Se on äidinkieleni', 'native')
) AS m(label, code)
WHERE skills.kind = 'language' AND skills.name IN ('suomi', 'ruotsi') AND skills.level = m.label;
--> statement-breakpoint
-- The native-language mark the intake and the factory wrote as a level.
UPDATE skills SET level = 'native' WHERE kind = 'language' AND level = 'äidinkieli';
--> statement-breakpoint
-- Languages the demo factory named in Finnish, on synthetic clients only: their codes (ISO 639-1; Dari
-- as BCP 47 fa-AF, as db/factories/names.ts gives it). A name a person typed on a real client stays.
UPDATE skills SET name = m.code
FROM (VALUES
  ('suomi', 'fi'),
  ('englanti', 'en'),
  ('arabia', 'ar'),
  ('ukraina', 'uk'),
  ('venäjä', 'ru'),
  ('somali', 'so'),
  ('dari', 'fa-AF'),
  ('tigrinja', 'ti'),
  ('kurdi', 'ku')
) AS m(label, code), clients c
WHERE skills.kind = 'language' AND skills.name = m.label AND c.id = skills.client_id AND c.is_synthetic;
--> statement-breakpoint
-- Years of experience the intake wrote into a sentence: into their own column.
UPDATE work_experiences
SET years = substring(description FROM '^Kokemusta ([0-9]+) v \(ilmoitettu lomakkeella\)$')::integer, description = NULL
WHERE description ~ '^Kokemusta [0-9]+ v \(ilmoitettu lomakkeella\)$';
--> statement-breakpoint
-- The demo factory's service needs of an assessment, on synthetic clients only: codes of the intake's
-- list ("arjen taidot", everyday skills, has none and becomes "other"; the assessment's text still names it).
UPDATE initial_assessments SET service_needs = ARRAY(
  SELECT coalesce(m.code, u.need)
  FROM unnest(initial_assessments.service_needs) WITH ORDINALITY AS u(need, position)
  LEFT JOIN (VALUES
    ('suomen kielen koulutus', 'language_course'),
    ('työnhaku', 'job_search'),
    ('asuminen', 'housing'),
    ('lasten varhaiskasvatus', 'daycare_or_school'),
    ('terveyspalvelut', 'health'),
    ('tutkinnon tunnustaminen', 'recognition_of_qualifications'),
    ('arjen taidot', 'other'),
    ('talousneuvonta', 'money_and_benefits')
  ) AS m(label, code) ON m.label = u.need
  ORDER BY u.position
)
FROM clients c
WHERE c.id = initial_assessments.client_id AND c.is_synthetic;
