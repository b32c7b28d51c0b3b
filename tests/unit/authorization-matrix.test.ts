import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionRequirements, pageRequirements, routeRequirements } from "@/lib/auth/entry-points";

const root = path.resolve(__dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const appFiles = walk(path.join(root, "app")).map((f) => path.relative(root, f));

/** app/staff/(group)/x/page.tsx → /staff/x */
function routeOf(file: string, leaf: string): string {
  const dir = path.dirname(file).replace(/^app/, "");
  const segments = dir.split("/").filter((s) => s && !/^\(.*\)$/.test(s));
  void leaf;
  return `/${segments.join("/")}`;
}

function discoverActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of appFiles.filter((f) => /\.(ts|tsx)$/.test(f))) {
    const source = readFileSync(path.join(root, file), "utf8");
    if (!/^\s*["']use server["'];?/m.test(source.split("\n").slice(0, 5).join("\n"))) continue;
    for (const match of source.matchAll(/^export\s+(?:async\s+)?(?:function\s+(\w+)|const\s+(\w+))/gm)) {
      const name = match[1] ?? match[2];
      if (!name) continue;
      found.set(`${file}#${name}`, source);
    }
  }
  return found;
}

/** The source of one exported action, up to the next top-level export. */
function bodyOf(source: string, name: string): string {
  const start = source.search(new RegExp(`^export\\s+(?:async\\s+)?(?:function|const)\\s+${name}\\b`, "m"));
  const rest = source.slice(start + 1);
  const next = rest.search(/^export\s/m);
  return next === -1 ? rest : rest.slice(0, next);
}

function requiresPermissionCall(code: string, permission: string): boolean {
  const quoted = `["']${permission.replace(/[:]/g, "\\:")}["']`;
  return new RegExp(`(requirePermission|authorizedAction|caseAction|requireApiPermission)\\(\\s*${quoted}`).test(code);
}

describe("authorization matrix", () => {
  it("lists every page, and each staff page checks its permission itself", () => {
    const pages = appFiles.filter((f) => /\/page\.tsx$/.test(f)).map((f) => [routeOf(f, "page"), f] as const);
    const discovered = pages.map(([route]) => route).sort();
    expect(discovered).toEqual(Object.keys(pageRequirements).sort());
    for (const [route, file] of pages) {
      const requirement = pageRequirements[route];
      if (requirement === "public") {
        expect(route.startsWith("/staff"), `${route} is public but under /staff`).toBe(false);
        continue;
      }
      const source = readFileSync(path.join(root, file), "utf8");
      expect(requiresPermissionCall(source, requirement!), `${file} must call requirePermission("${requirement}")`).toBe(true);
    }
  });

  it("lists every route handler, and each non-public one checks its permission", () => {
    const routes = appFiles.filter((f) => /\/route\.ts$/.test(f)).map((f) => [routeOf(f, "route"), f] as const);
    expect(routes.map(([r]) => r).sort()).toEqual(Object.keys(routeRequirements).sort());
    for (const [route, file] of routes) {
      const requirement = routeRequirements[route];
      if (requirement === "public") continue;
      const source = readFileSync(path.join(root, file), "utf8");
      expect(requiresPermissionCall(source, requirement!), `${file} must check "${requirement}"`).toBe(true);
    }
  });

  it("lists every server action, and each non-public one checks its permission first", () => {
    const actions = discoverActions();
    expect([...actions.keys()].sort()).toEqual(Object.keys(actionRequirements).sort());
    for (const [key, source] of actions) {
      const requirement = actionRequirements[key]!;
      if (requirement === "public") continue;
      const name = key.split("#")[1]!;
      expect(requiresPermissionCall(bodyOf(source, name), requirement), `${key} must check "${requirement}"`).toBe(true);
    }
  });

  it("keeps every public entry point outside the staff area, except sign-in", () => {
    for (const [key, requirement] of Object.entries(actionRequirements)) {
      if (requirement === "public") expect(key.startsWith("app/staff/"), key).toBe(false);
    }
  });
});
