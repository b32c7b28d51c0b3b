import path from "node:path";

/** The folder of the embedded database and of generated secrets: KOTONA_DATA_DIR, default `.kotona`. */
export function dataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  // Chosen at run time; the build must not trace the project through it.
  return path.resolve(/*turbopackIgnore: true*/ env.KOTONA_DATA_DIR ?? ".kotona");
}
