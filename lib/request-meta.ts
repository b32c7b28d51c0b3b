// The client's address comes only from the Kotona server (lib/client-address.ts#clientAddressFrom),
// never from a header the client could have sent.

export function requestIdFrom(headers: Headers): string | null {
  return headers.get("x-request-id");
}
