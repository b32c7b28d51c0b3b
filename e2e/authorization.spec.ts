import { pageRequirements, routeRequirements } from "../lib/auth/entry-points";
import { roleHasPermission } from "../lib/auth/permissions";
import { staffRoles } from "../lib/auth/roles";
import { database } from "./db";
import { createClient, createDataSubjectRequest, createStaff } from "./factories";
import { expect, signIn, test } from "./fixtures";
import { createAccountAsAdmin, fillPasswordForm } from "./staff-accounts";

const sql = database();

/** Pages and routes without dynamic segments can be requested as they are. */
const staffPages = Object.entries(pageRequirements).filter(([path, req]) => req !== "public" && !path.includes("["));
const protectedRoutes = Object.entries(routeRequirements).filter(([path, req]) => req !== "public" && !path.includes("["));

test("anonymous requests to every staff page are sent to sign-in, and to every protected route refused", async ({ request }) => {
  for (const [path] of staffPages) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers()["location"], path).toMatch(/\/sign-in\?callbackUrl=/);
  }
  for (const [path] of protectedRoutes) {
    const response = await request.get(path, { maxRedirects: 0 });
    if (!path.startsWith("/staff/")) {
      expect(response.status(), path).toBe(401);
      continue;
    }
    // Under /staff the proxy sends the browser to sign-in; past it (a forged cookie) the handler refuses by itself.
    expect(response.status(), path).toBe(307);
    const forged = await request.get(path, { headers: { cookie: "__Host-kotona.session=forged.token.value" }, maxRedirects: 0 });
    expect(forged.status(), `${path} with a forged cookie`).toBe(401);
  }
});

for (const role of staffRoles) {
  test(`${role}: every staff page and route answers as the matrix says`, async ({ page, login }) => {
    await login(role);
    for (const [path, requirement] of [...staffPages, ...protectedRoutes]) {
      if (requirement === "public") continue;
      const response = await page.request.get(path, { maxRedirects: 0 });
      const allowed = roleHasPermission(role, requirement);
      expect(response.status(), `${role} ${path}`).toBe(allowed ? 200 : 403);
    }
  });
}

/** A data subject's request's page has a dynamic segment: each role opens one of this test's own. */
for (const role of staffRoles) {
  test(`${role}: a data subject's request's page answers as the matrix says`, async ({ page, login }) => {
    const requestId = await createDataSubjectRequest(sql, await createClient(sql));
    await login(role);
    const response = await page.request.get(`/staff/requests/${requestId}`, { maxRedirects: 0 });
    expect(response.status()).toBe(roleHasPermission(role, pageRequirements["/staff/requests/[requestId]"] as "request:manage") ? 200 : 403);
  });
}

test("a forged session cookie gets past the proxy but not the page's own check", async ({ request }) => {
  // The proxy only looks for the cookie's presence; the page must still refuse it.
  const response = await request.get("/staff", { headers: { cookie: "__Host-kotona.session=forged.token.value" }, maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers()["location"]).toMatch(/\/sign-in\?callbackUrl=/);
});

/** Security issue 9: the guard's account states, on every staff page and route, for fresh accounts. */
test("an account with an administrator's initial password is sent from every staff page to the password page", async ({ browser, baseURL, page }) => {
  const account = await createAccountAsAdmin(browser, baseURL!, "coordinator", await createStaff(sql, "admin"));
  await signIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/staff\/password$/);
  for (const [path, requirement] of staffPages) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    if (requirement === "staff:self") {
      expect(response.status(), path).toBe(200);
    } else {
      expect(response.status(), path).toBe(307);
      expect(response.headers()["location"], path).toMatch(/\/staff\/password$/);
    }
  }
  for (const [path] of protectedRoutes) {
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
  }
});

test("an account whose client-data role waits for approval opens only its home page and its own account", async ({ browser, baseURL, page }) => {
  const account = await createAccountAsAdmin(browser, baseURL!, "dpo", await createStaff(sql, "admin"));
  await signIn(page, account.email, account.password);
  await fillPasswordForm(page, account.password, "my-own-password-1");
  await expect(page.getByRole("status")).toContainText("Your password was changed");
  for (const [path, requirement] of [...staffPages, ...protectedRoutes]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(requirement === "staff:home" || requirement === "staff:self" ? 200 : 403);
  }
});
