import { Alert, BodyShort, Box, Button, Checkbox, CheckboxGroup, Heading, Loader, Select, TextField, VStack } from '@navikt/ds-react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { createApiClient, createPublicApiClient, type AuthConfig } from '../api/client';
import { devSignIn, devSignInOptions, type DevSignInOptions } from '../auth/dev-sign-in';
import { createUserManager, signInWithOidc } from '../auth/oidc';
import { useSession } from '../auth/session';
import { roleLabel } from '../lib/labels';

/**
 * The sign-in the API says it has (`GET /auth/config`): the development sign-in while the dev issuer is on, else
 * OpenID Connect at the organisation's identity provider (authorization code with PKCE, in a popup).
 */
export function SignIn() {
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    createPublicApiClient()
      .GET('/auth/config')
      .then(({ data }) => (data ? setConfig(data) : setFailed(true)))
      .catch(() => setFailed(true));
  }, []);
  const { expired } = useSession();
  return (
    <Box as="main" padding="space-32" maxWidth="32rem" marginInline="auto">
      <VStack gap="space-24">
        <Heading level="1" size="large">
          Logga in
        </Heading>
        {expired && <Alert variant="warning">Din session har gått ut. Logga in igen, så kommer du tillbaka dit du var.</Alert>}
        {failed && <Alert variant="error">Kunde inte nå tjänsten. Försök igen om en stund.</Alert>}
        {!config && !failed && <Loader title="Hämtar inloggningssätt" />}
        {config?.devSignIn && <DevSignIn />}
        {config && !config.devSignIn && config.issuer && config.clientId && (
          <OidcSignIn issuer={config.issuer} clientId={config.clientId} scope={config.scope ?? 'openid'} />
        )}
        {config && !config.devSignIn && !config.clientId && (
          <Alert variant="info">Ingen inloggning är inställd för webbappen. Kontakta förvaltningen.</Alert>
        )}
      </VStack>
    </Box>
  );
}

/** OpenID Connect at the issuer: the person signs in there, in a popup; this page (and its drafts) stays. */
function OidcSignIn({ issuer, clientId, scope }: { issuer: string; clientId: string; scope: string }) {
  const { signIn } = useSession();
  const manager = useMemo(() => createUserManager({ issuer, clientId, scope }), [issuer, clientId, scope]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const person = await signInWithOidc(manager);
      if (!person.organisationCode) throw new Error('no organisation');
      // The organisation's name for the header; its code will do if the list cannot be read.
      const api = createApiClient({ token: person.token, onUnauthenticated: () => undefined });
      const { data } = await api.GET('/organisations', {}).catch(() => ({ data: undefined }));
      const organisationName = data?.find((o) => o.code === person.organisationCode)?.name ?? person.organisationCode;
      signIn({ ...person, organisationName });
    } catch (err) {
      const closed = /closed/i.test((err as Error).message);
      setError(closed ? 'Inloggningen avbröts. Försök igen.' : 'Inloggningen misslyckades. Försök igen om en stund.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <VStack gap="space-16">
      <BodyShort>Logga in med din organisations inloggning. Den öppnas i ett eget fönster.</BodyShort>
      {error && <Alert variant="error">{error}</Alert>}
      <Button onClick={() => void start()} loading={busy}>
        Logga in
      </Button>
    </VStack>
  );
}

/** Development sign-in: organisation, roles and a name, with a token from the API's dev issuer. */
function DevSignIn() {
  const { signIn } = useSession();
  const [options, setOptions] = useState<DevSignInOptions | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [organisationCode, setOrganisationCode] = useState('');
  const [roles, setRoles] = useState<string[]>(['case_handler']);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ organisation?: string; roles?: string; name?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    devSignInOptions()
      .then(setOptions)
      .catch(() => setLoadError('Kunde inte nå tjänsten. Försök igen om en stund.'));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      organisation: organisationCode ? undefined : 'Välj en organisation.',
      roles: roles.length ? undefined : 'Välj minst en roll.',
      name: name.trim() ? undefined : 'Skriv ett namn.',
    };
    setErrors(found);
    if (found.organisation || found.roles || found.name) return;
    setBusy(true);
    try {
      const token = await devSignIn({ organisationCode, roles, name: name.trim() });
      const organisation = options?.organisations.find((o) => o.code === organisationCode);
      signIn({ ...token, name: name.trim(), organisationCode, organisationName: organisation?.name ?? organisationCode, roles });
    } catch (err) {
      setErrors({ form: `Inloggningen misslyckades: ${(err as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {loadError && <Alert variant="error">{loadError}</Alert>}
      {options === undefined && !loadError && <Loader title="Hämtar organisationer" />}
      {options && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <VStack gap="space-20">
            <BodyShort>Utvecklingsinloggning: välj organisation, roller och namn. Ingen riktig identitet kontrolleras.</BodyShort>
            <Select
              label="Organisation"
              value={organisationCode}
              onChange={(e) => setOrganisationCode(e.target.value)}
              error={errors.organisation}
            >
              <option value="">Välj organisation</option>
              {options.organisations.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name} ({o.code})
                </option>
              ))}
            </Select>
            <CheckboxGroup legend="Roller" value={roles} onChange={(v: string[]) => setRoles(v)} error={errors.roles}>
              {options.roles.map((r) => (
                <Checkbox key={r} value={r}>
                  {roleLabel(r)}
                </Checkbox>
              ))}
            </CheckboxGroup>
            <TextField label="Namn" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
            {errors.form && <Alert variant="error">{errors.form}</Alert>}
            <Button type="submit" loading={busy}>
              Logga in
            </Button>
          </VStack>
        </form>
      )}
    </>
  );
}
