import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

/** Where the issuer sends the sign-in popup back to (register `<app origin>/oidc-callback` at the issuer). */
export const OIDC_CALLBACK_PATH = '/oidc-callback';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

/** What the app needs of a signed-in person; the API reads the same claims from the access token. */
export interface OidcSignIn {
  token: string;
  personId: string;
  name: string;
  organisationCode: string;
  roles: string[];
  expiresAt: string;
}

/**
 * OpenID Connect, authorization code with PKCE (S256), through oidc-client-ts. Its state (the PKCE verifier) and the
 * user (tokens) live in InMemoryWebStorage: nothing in localStorage or sessionStorage. The sign-in runs in a popup,
 * so the app's page (and the half-filled form of an expired session) stays in memory while the person signs in;
 * a full-page redirect would unload the page and, with it, the in-memory PKCE verifier and every draft.
 * No silent renewal (it needs an iframe or a refresh token): an expired session asks the person to sign in again.
 */
export function createUserManager(settings: OidcSettings): UserManager {
  const memory = () => new WebStorageStateStore({ store: new InMemoryWebStorage() });
  return new UserManager({
    authority: settings.issuer,
    client_id: settings.clientId,
    redirect_uri: window.location.origin + OIDC_CALLBACK_PATH,
    popup_redirect_uri: window.location.origin + OIDC_CALLBACK_PATH,
    response_type: 'code',
    scope: settings.scope,
    stateStore: memory(),
    userStore: memory(),
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
    popupWindowFeatures: { width: 500, height: 640 },
  });
}

/** The claims of a JWT's payload (not verified: the API verifies; the app only shows who is signed in). */
function jwtClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The person from the ID token's claims, else from the access token's (where the API reads org and roles). */
export function signInFromUser(user: User): OidcSignIn {
  const access = jwtClaims(user.access_token);
  const claim = (name: string): unknown => (user.profile as Record<string, unknown>)[name] ?? access[name];
  const roles = claim('roles');
  const expiresAt = user.expires_at ?? (typeof access.exp === 'number' ? access.exp : undefined);
  return {
    token: user.access_token,
    personId: String(claim('sub') ?? ''),
    name: String(claim('name') ?? claim('sub') ?? ''),
    organisationCode: String(claim('org') ?? ''),
    roles: Array.isArray(roles) ? roles.map(String) : [],
    expiresAt: expiresAt ? new Date(expiresAt * 1000).toISOString() : '',
  };
}

/** Opens the issuer's sign-in in a popup (call it from a click) and exchanges the code for tokens. */
export async function signInWithOidc(manager: UserManager): Promise<OidcSignIn> {
  const user = await manager.signinPopup();
  // Only the user's tokens were needed: the app keeps them in its session, not in the manager's store.
  await manager.removeUser();
  return signInFromUser(user);
}

/**
 * The callback page, in the popup: hands the code and state to the opener (which holds the PKCE verifier and makes
 * the exchange), then takes them out of the address bar at once. The popup then closes.
 */
export async function completeOidcCallback(): Promise<void> {
  const url = window.location.href;
  window.history.replaceState(null, '', OIDC_CALLBACK_PATH);
  // The manager's settings do not matter here: the popup only forwards the URL to its opener.
  const manager = new UserManager({ authority: window.location.origin, client_id: 'callback', redirect_uri: url });
  await manager.signinPopupCallback(url);
}
