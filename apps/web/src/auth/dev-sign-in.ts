/**
 * The API's development sign-in (/dev/sign-in, only while the dev issuer is on). It is left out of the OpenAPI
 * document, which describes the production API, so its two shapes are written here.
 */
export interface DevSignInOptions {
  organisations: { code: string; name: string; kind: string }[];
  roles: string[];
}

export interface DevToken {
  token: string;
  personId: string;
  expiresAt: string;
}

/** The options, or null when the API has no dev issuer (production: OIDC sign-in instead). */
export async function devSignInOptions(): Promise<DevSignInOptions | null> {
  const res = await fetch('/dev/sign-in', { headers: { Accept: 'application/json' } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`dev sign-in options: HTTP ${res.status}`);
  return (await res.json()) as DevSignInOptions;
}

export async function devSignIn(request: { organisationCode: string; roles: string[]; name: string }): Promise<DevToken> {
  const res = await fetch('/dev/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as DevToken;
}
