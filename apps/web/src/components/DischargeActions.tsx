import { Alert, Button, Heading, HStack, List, TextField, VStack } from '@navikt/ds-react';
import { useState, type FormEvent } from 'react';
import { NO_STOCKHOLM_TIME, stockholmWallTimeToInstant } from '../lib/stockholm-input';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { readError } from '../lib/api-errors';

type State = Schemas['DischargeHandoverStateDto'];

const MISSING_STEPS: Record<string, string> = {
  ready_for_discharge_declared: 'Patienten är inte bedömd utskrivningsklar',
  ready_for_discharge_acknowledged_by_primary_care: 'Vårdcentralen har inte kvitterat utskrivningsklar',
  fast_vardkontakt_appointed: 'Fast vårdkontakt är inte utsedd',
  sip_called: 'Ingen har kallat till SIP',
  takeover_of_medical_responsibility_acknowledged: 'Ingen har tagit över det medicinska ansvaret',
  municipal_decision_on_services: 'Kommunen har inte beslutat om insatser',
};


/** The hospital's steps in its own case: the patient is ready for discharge, then discharged. */
export function DischargeActions({ caseId, state, onChanged }: { caseId: string; state: State; onChanged(): void }) {
  const { api } = useApi();
  const [declaredAt, setDeclaredAt] = useState('');
  const [plannedAt, setPlannedAt] = useState('');
  const [dischargedAt, setDischargedAt] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ text: string; missing: string[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (status: number, body: unknown) => {
    const e = readError(status, body);
    setErrors(Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k, fieldMessage(k, m)])));
    const missing = Array.isArray(e.body.missingSteps) ? (e.body.missingSteps as string[]) : [];
    setProblem({ text: missing.length ? 'Patienten kan inte skrivas ut än. Det saknas:' : `Ärendet tog inte emot begäran: ${e.message.replace(/^refused: /, '')}`, missing });
  };

  const declare = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const declared = stockholmWallTimeToInstant(declaredAt);
    const planned = plannedAt ? stockholmWallTimeToInstant(plannedAt) : undefined;
    if (!declaredAt) found.declaredAt = 'Ange när läkaren bedömde patienten utskrivningsklar.';
    else if (!declared) found.declaredAt = NO_STOCKHOLM_TIME;
    if (planned === null) found.plannedDischargeAt = NO_STOCKHOLM_TIME;
    setErrors(found);
    setProblem(null);
    if (!declared || planned === null) return;
    setBusy(true);
    const body = { declaredAt: declared, ...(planned ? { plannedDischargeAt: planned } : {}) };
    const { data, error, response } = await api.POST('/discharge-handovers/{caseId}/ready-for-discharge', { params: { path: { caseId } }, body });
    setBusy(false);
    if (data) onChanged();
    else fail(response.status, error);
  };

  const discharge = async (event: FormEvent) => {
    event.preventDefault();
    const discharged = stockholmWallTimeToInstant(dischargedAt);
    setErrors(discharged ? {} : { dischargedAt: dischargedAt ? NO_STOCKHOLM_TIME : 'Ange när patienten skrevs ut.' });
    setProblem(null);
    if (!discharged) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/discharge-handovers/{caseId}/discharge', { params: { path: { caseId } }, body: { dischargedAt: discharged } });
    setBusy(false);
    if (data) onChanged();
    else fail(response.status, error);
  };

  const feedback = problem && (
    <Alert variant="warning" role="alert">
      {problem.text}
      {problem.missing.length > 0 && (
        <List>
          {problem.missing.map((m) => (
            <List.Item key={m}>{MISSING_STEPS[m] ?? m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );

  if (state.status === 'planning') {
    return (
      <VStack as="section" gap="space-12" aria-labelledby="ready-heading" className="no-print">
        <Heading level="2" size="medium" id="ready-heading">
          Utskrivningsklar
        </Heading>
        <form onSubmit={(e) => void declare(e)} noValidate>
          <VStack gap="space-16">
            <HStack gap="space-16">
              <TextField label="Bedömd utskrivningsklar" {...{ type: 'datetime-local' as 'text' }} value={declaredAt} onChange={(e) => setDeclaredAt(e.target.value)} error={errors.declaredAt} />
              <TextField
                label="Planerad utskrivning (valfri)"
                description="Avgör vem som tar över det medicinska ansvaret"
                {...{ type: 'datetime-local' as 'text' }}
                value={plannedAt}
                onChange={(e) => setPlannedAt(e.target.value)}
                error={errors.plannedDischargeAt}
              />
            </HStack>
            {feedback}
            <div>
              <Button type="submit" loading={busy}>
                Meddela utskrivningsklar
              </Button>
            </div>
          </VStack>
        </form>
      </VStack>
    );
  }
  if (state.status === 'ready_for_discharge') {
    return (
      <VStack as="section" gap="space-12" aria-labelledby="discharge-heading" className="no-print">
        <Heading level="2" size="medium" id="discharge-heading">
          Utskrivning
        </Heading>
        <form onSubmit={(e) => void discharge(e)} noValidate>
          <VStack gap="space-16">
            <TextField label="Utskriven" {...{ type: 'datetime-local' as 'text' }} value={dischargedAt} onChange={(e) => setDischargedAt(e.target.value)} error={errors.dischargedAt} />
            {feedback}
            <div>
              <Button type="submit" loading={busy}>
                Registrera utskrivning
              </Button>
            </div>
          </VStack>
        </form>
      </VStack>
    );
  }
  return null;
}

function fieldMessage(field: string, message: string): string {
  if (/in the future/.test(message)) return 'Tiden ligger i framtiden.';
  if (/before the admission/.test(message)) return 'Tiden ligger före inskrivningen.';
  if (/before declaredAt/.test(message)) return 'Utskrivningen kan inte planeras före bedömningen.';
  if (/before the patient was declared ready/.test(message)) return 'Tiden ligger före bedömningen utskrivningsklar.';
  return `Kontrollera ${field}: ${message}`;
}
