/**
 * `npm run --silent token -- --org <code> --role <role> [--role <role>…] [--user <name>] [--expires 12h]`
 * prints a bearer token from the development issuer, which the running API accepts. Never in production.
 */
import { parseArgs } from 'node:util';
import { signDevToken } from '../../libs/auth/src/dev-issuer';
import { Role, ROLES } from '../../libs/auth/src/principal';
import { ConfigError, loadAppConfig } from '../../libs/config/src/app-config';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = loadAppConfig();
  if (!config.devIssuerEnabled) fail('the development token issuer is off (NODE_ENV=production or AUTH_DEV_ISSUER=false)');
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      user: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  if (!values.org) fail('usage: npm run --silent token -- --org <code> --role <role> [--user <name>]');
  const roles = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim());
  if (roles.length === 0) fail(`--role is required: one of ${ROLES.join(', ')}`);
  const unknown = roles.filter((r) => !ROLES.includes(r as Role));
  if (unknown.length) fail(`unknown role ${unknown.join(', ')}: use ${ROLES.join(', ')}`);
  if (!/^\d{1,3}[smhd]$/.test(values.expires)) fail('--expires must look like 30m, 12h or 7d');

  const user = values.user ?? `${values.org.toLowerCase()}-${roles[0]}`;
  const token = await signDevToken(config.DATA_DIR, {
    organisationCode: values.org,
    roles: roles as Role[],
    personId: user,
    name: user,
    audience: config.AUTH_AUDIENCE,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => fail(err instanceof ConfigError ? err.message : `token failed: ${(err as Error).message}`));
