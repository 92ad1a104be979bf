/**
 * Begär överflyttning: a region's coordinator asks for one or more patients to be moved to another region. Each
 * patient by the region's own reference (a personnummer is refused at the field: it never leaves the region), care
 * level and infection status; the earliest departure as Stockholm wall time. One Idempotency-Key per filled-in form.
 */
import { Alert, BodyShort, Button, Fieldset, Heading, HStack, Select, TextField, VStack } from '@navikt/ds-react';
import { useState, type FormEvent } from 'react';
import { useApi, useDraft } from '../auth/session';
import { AppLink } from '../components/AppLink';
import { readError } from '../lib/api-errors';
import { stockholmWallTimeToInstant } from '../lib/stockholm-input';
import { EMPTY_PATIENT, formFieldOf, MAX_PATIENTS, transferFormErrors, type TransferDraft as Draft, type PatientRow } from '../lib/transfer-form';
import { CARE_LEVEL_LABELS, CARE_LEVELS, INFECTION_LABELS, INFECTION_STATUSES, type CareLevel, type InfectionStatus } from '../lib/transfer-labels';
import { transferPath, TRANSFERS_PATH } from '../lib/transfer-paths';

/** The API's reason at a field, in Swedish. */
function apiFieldText(field: string, message: string): string {
  if (/personnummer/.test(message)) return 'Ange regionens egen referens, aldrig ett personnummer. Personnumret lämnar inte regionen.';
  if (/given twice/.test(message)) return 'Referensen finns redan i begäran.';
  if (/reference/.test(field)) return 'Referensen innehåller tecken som inte är tillåtna, eller är för lång.';
  if (/earliestDeparture/.test(field)) return 'Ange dag och tid (svensk tid).';
  return 'Kontrollera fältet.';
}

export function NewTransfer({ navigate }: { navigate(path: string): void }) {
  const { api } = useApi();
  const [draft, setDraft, discardDraft] = useDraft<Draft>('overflyttning:ny', () => ({ patients: [{ ...EMPTY_PATIENT }], earliestDeparture: '' }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per filled-in form: a retry after a lost answer returns the same request, not a second one.
  const [key] = useState(() => crypto.randomUUID());

  const setPatient = (i: number, change: Partial<PatientRow>) => setDraft((d) => ({ ...d, patients: d.patients.map((p, j) => (j === i ? { ...p, ...change } : p)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found = transferFormErrors(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem('Rätta fälten som är markerade.');
      return;
    }
    setBusy(true);
    try {
      const { data, error, response } = await api.POST('/transfers', {
        params: { header: { 'Idempotency-Key': key } },
        body: {
          patients: draft.patients.map((p) => ({ reference: p.reference.trim(), careLevel: p.careLevel as CareLevel, infection: p.infection as InfectionStatus })),
          earliestDeparture: stockholmWallTimeToInstant(draft.earliestDeparture) as string,
        },
      });
      if (data) {
        discardDraft();
        return navigate(transferPath(data.requestId));
      }
      const e = readError(response.status, error);
      const atFields: Record<string, string> = {};
      for (const [field, message] of Object.entries(e.fields)) atFields[formFieldOf(field)] = apiFieldText(field, message);
      setErrors(atFields);
      setProblem(Object.keys(atFields).length ? 'Begäran kunde inte skickas. Rätta fälten som är markerade.' : `Begäran kunde inte skickas: ${e.message}`);
    } catch {
      setProblem('Något gick fel. Försök igen om en stund.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <VStack as="main" gap="space-24" padding="space-24">
      <VStack gap="space-8">
        <Heading level="1" size="large">
          Begär överflyttning
        </Heading>
        <BodyShort>
          Socialstyrelsen får vårdnivå och smittstatus, aldrig patientens identitet. Mottagande region ser inte heller er referens.{' '}
          <AppLink to={TRANSFERS_PATH} navigate={navigate}>
            Till Överflyttning
          </AppLink>
        </BodyShort>
      </VStack>
      <VStack as="form" gap="space-20" className="form-column" onSubmit={(e: FormEvent) => void submit(e)} aria-label="Begär överflyttning" noValidate>
        {problem && (
          <Alert variant="warning" role="alert">
            {problem}
          </Alert>
        )}
        {draft.patients.map((p, i) => (
          <Fieldset key={i} legend={`Patient ${i + 1}`}>
            <VStack gap="space-12">
              <TextField
                label="Regionens referens"
                description="Er egen referens, till exempel vårdplats eller ärendenummer. Inte personnummer eller namn."
                value={p.reference}
                maxLength={40}
                autoComplete="off"
                error={errors[`patients[${i}].reference`]}
                onChange={(e) => setPatient(i, { reference: e.target.value })}
              />
              <Select label="Vårdnivå" value={p.careLevel} error={errors[`patients[${i}].careLevel`]} onChange={(e) => setPatient(i, { careLevel: e.target.value as CareLevel })}>
                <option value="">Välj vårdnivå</option>
                {CARE_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {CARE_LEVEL_LABELS[l]}
                  </option>
                ))}
              </Select>
              <Select label="Smittstatus" value={p.infection} error={errors[`patients[${i}].infection`]} onChange={(e) => setPatient(i, { infection: e.target.value as InfectionStatus })}>
                <option value="">Välj smittstatus</option>
                {INFECTION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {INFECTION_LABELS[s]}
                  </option>
                ))}
              </Select>
              {draft.patients.length > 1 && (
                <HStack>
                  <Button type="button" variant="tertiary" size="small" onClick={() => setDraft((d) => ({ ...d, patients: d.patients.filter((_, j) => j !== i) }))}>
                    Ta bort patient {i + 1}
                  </Button>
                </HStack>
              )}
            </VStack>
          </Fieldset>
        ))}
        {draft.patients.length < MAX_PATIENTS && (
          <HStack>
            <Button type="button" variant="secondary" size="small" onClick={() => setDraft((d) => ({ ...d, patients: [...d.patients, { ...EMPTY_PATIENT }] }))}>
              Lägg till patient
            </Button>
          </HStack>
        )}
        <TextField
          label="Tidigast avresa"
          description="Svensk tid"
          {...{ type: 'datetime-local' as 'text' }}
          value={draft.earliestDeparture}
          error={errors.earliestDeparture}
          onChange={(e) => setDraft((d) => ({ ...d, earliestDeparture: e.target.value }))}
        />
        <HStack>
          <Button type="submit" loading={busy}>
            Skicka begäran
          </Button>
        </HStack>
      </VStack>
    </VStack>
  );
}
