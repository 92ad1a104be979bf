import { Alert, BodyShort, Box, Button, Checkbox, CheckboxGroup, Heading, Loader, Select, TextField, VStack } from '@navikt/ds-react';
import { useEffect, useState, type FormEvent } from 'react';
import { devSignIn, devSignInOptions, type DevSignInOptions } from '../auth/dev-sign-in';
import { useSession } from '../auth/session';
import { roleLabel } from '../lib/labels';

/**
 * Development sign-in: organisation, roles and a name, with a token from the API's dev issuer. Shown only when the
 * API offers it; in production the OIDC sign-in (authorization code with PKCE) takes its place (not built yet).
 */
export function SignIn() {
  const { signIn, expired } = useSession();
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
    <Box as="main" padding="space-32" maxWidth="32rem" marginInline="auto">
      <VStack gap="space-24">
        <Heading level="1" size="large">
          Logga in
        </Heading>
        {expired && <Alert variant="warning">Din session har gått ut. Logga in igen.</Alert>}
        {loadError && <Alert variant="error">{loadError}</Alert>}
        {options === undefined && !loadError && <Loader title="Hämtar organisationer" />}
        {options === null && (
          <Alert variant="info">Inloggning med organisationens identitetstjänst (OpenID Connect) är inte byggd ännu.</Alert>
        )}
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
      </VStack>
    </Box>
  );
}
