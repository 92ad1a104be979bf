import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { Role } from '../../libs/auth/src/principal';

export interface OidcPerson {
  name: string;
  org: string;
  roles: Role[];
}

export interface OidcProviderOptions {
  clientId: string;
  /** The app's callback, e.g. http://127.0.0.1:<port>/oidc-callback */
  redirectUri: string;
  /** `aud` of the access tokens (the API's AUTH_AUDIENCE) */
  audience: string;
  /** By login name: who signs in with that login on the provider's page (any password). */
  people: Record<string, OidcPerson>;
  accessTokenTtl?: number;
}

export interface RunningOidcProvider {
  /** http://127.0.0.1:<port>: AUTH_ISSUER; the keys are at `${issuer}/jwks` */
  issuer: string;
  jwksUrl: string;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider, test/support/oidc-provider-server.mjs) in a child process on
 * 127.0.0.1: discovery, authorization with PKCE, token endpoint and JWKS, as an organisation's identity provider has.
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningOidcProvider> {
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs'), JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line && !line.includes('WARNING')) errors.push(line);
  });
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => line as string),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the OIDC provider exited (${code}): ${errors.join('\n')}`);
    }),
  ]);
  const { issuer } = JSON.parse(first) as { issuer: string };
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
      if (errors.length) console.error(`[oidc-provider] ${errors.join('\n')}`);
    },
  };
}
