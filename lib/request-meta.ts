/** The client's address as the reverse proxy in front of the app reports it. */
export function clientIpFrom(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}

export function requestIdFrom(headers: Headers): string | null {
  return headers.get("x-request-id");
}
