import { Alert, Button, Heading, HStack, Select, TextField, VStack } from '@navikt/ds-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { Schemas } from '../api/client';
import { useApi, useDraft, useSession } from '../auth/session';
import { CostLineDraft, CostLinesEditor, emptyLine, FieldErrors, fieldErrorsOf } from '../components/CostLinesEditor';
import { parseKronor } from '../lib/money';
import { claimPath } from './Claims';

type Mandate = Schemas['MandateDto'];
type CostCategory = Schemas['CostLineViewDto']['category'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the form can check before it asks the API (the API checks it all again, and the mandate's rules). */
export function checkClaimForm(form: { mandateId: string; periodFrom: string; periodTo: string; lines: CostLineDraft[] }): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.mandateId) errors.mandateId = 'Välj beslut.';
  if (!DATE.test(form.periodFrom)) errors.periodFrom = 'Ange periodens första dag som ÅÅÅÅ-MM-DD.';
  if (!DATE.test(form.periodTo)) errors.periodTo = 'Ange periodens sista dag som ÅÅÅÅ-MM-DD.';
  form.lines.forEach((l, i) => {
    if (!DATE.test(l.date)) errors[`lines.${i}.date`] = 'Ange datum som ÅÅÅÅ-MM-DD.';
    if (!l.category) errors[`lines.${i}.category`] = 'Välj kategori.';
    if (!l.description.trim()) errors[`lines.${i}.description`] = 'Beskriv kostnaden.';
    if (!l.documentRef.trim()) errors[`lines.${i}.documentRef`] = 'Ange underlagets referens.';
    const ore = parseKronor(l.amountKr);
    if (ore === null || ore < 1) errors[`lines.${i}.amountOre`] = 'Ange ett belopp i kronor, till exempel 42 000 eller 950,50.';
  });
  return errors;
}

export const toCostLines = (lines: CostLineDraft[]) =>
  lines.map((l) => ({ date: l.date, category: l.category as CostCategory, description: l.description.trim(), amountOre: parseKronor(l.amountKr) ?? 0, documentRef: l.documentRef.trim() }));

/** SLSO drafts a claim under a mandate it is the payee of; it is saved as a draft and submitted from the claim. */
/** The form's drafts in the session's draft store. */
const DRAFT = 'ny-ersattning';

export function NewClaim({ navigate }: { navigate(path: string): void }) {
  const { api, session } = useApi();
  const [mandates, setMandates] = useState<Mandate[] | null>(null);
  // Drafts (in memory): a session that expires half-way gives the values back after the new sign-in.
  const { drafts } = useSession();
  const [mandateId, setMandateId] = useDraft(`${DRAFT}:mandateId`, '');
  const [periodFrom, setPeriodFrom] = useDraft(`${DRAFT}:periodFrom`, '');
  const [periodTo, setPeriodTo] = useDraft(`${DRAFT}:periodTo`, '');
  const [lines, setLines] = useDraft<CostLineDraft[]>(`${DRAFT}:lines`, () => [emptyLine()]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key for this form: a retried save returns the same claim instead of a second one.
  const [idempotencyKey] = useDraft(`${DRAFT}:key`, () => crypto.randomUUID());

  useEffect(() => {
    void api.GET('/mandates').then(({ data }) => {
      const mine = (data ?? []).filter((m) => m.payeeOrg === session.organisationCode);
      setMandates(mine);
      if (mine.length === 1) setMandateId(mine[0].id);
    });
  }, [api, session.organisationCode]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const found = checkClaimForm({ mandateId, periodFrom, periodTo, lines });
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const { data, error } = await api.POST('/claims', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body: { mandateId, periodFrom, periodTo, lines: toCostLines(lines) },
      });
      if (data) {
        drafts.discard(DRAFT);
        return navigate(claimPath(data.claimId));
      }
      setErrors(fieldErrorsOf(error));
      setFormError(error?.message ?? 'Anspråket kunde inte sparas.');
    } finally {
      setBusy(false);
    }
  }

  const mandate = mandates?.find((m) => m.id === mandateId);
  return (
    <VStack gap="space-16" as="main" padding="space-24">
      <Heading level="1" size="large">
        Nytt ersättningsanspråk
      </Heading>
      {mandates && mandates.length === 0 && <Alert variant="info">Din organisation har inget beslut att begära ersättning under.</Alert>}
      <form onSubmit={(e) => void save(e)} noValidate>
        <VStack gap="space-20" maxWidth="48rem">
          <Select label="Beslut" value={mandateId} onChange={(e) => setMandateId(e.target.value)} error={errors.mandateId}>
            <option value="">Välj beslut</option>
            {(mandates ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.reference}: {m.title}
              </option>
            ))}
          </Select>
          {mandate && (
            <Alert variant="info" size="small">
              {mandate.reference} gäller {mandate.validFrom} – {mandate.validTo}. Kostnaderna ska ligga inom beslutet och perioden.
            </Alert>
          )}
          <HStack gap="space-16">
            <TextField label="Period från" description="ÅÅÅÅ-MM-DD" autoComplete="off" value={periodFrom} onChange={(e) => setPeriodFrom(e.target.value)} error={errors.periodFrom} />
            <TextField label="Period till" description="ÅÅÅÅ-MM-DD" autoComplete="off" value={periodTo} onChange={(e) => setPeriodTo(e.target.value)} error={errors.periodTo} />
          </HStack>
          <CostLinesEditor lines={lines} onChange={setLines} errors={errors} />
          {formError && <Alert variant="error">{formError}</Alert>}
          <div>
            <Button type="submit" loading={busy}>
              Spara utkast
            </Button>
          </div>
        </VStack>
      </form>
    </VStack>
  );
}
