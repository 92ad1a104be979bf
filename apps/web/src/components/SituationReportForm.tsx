/**
 * A reporter's own report in a round: its revisions, its shortages with the county board's answer, and the form that
 * corrects it (before the cut-off) or revises it (after). Percentages take a decimal comma ("9,5").
 */
import { Alert, BodyShort, Button, Fieldset, Heading, HStack, Table, Textarea, TextField, VStack } from '@navikt/ds-react';
import { useState, type FormEvent } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { readError } from '../lib/api-errors';
import { stockholmDateTime } from '../lib/case-texts';
import { useOrganisations } from '../lib/organisations';
import { CONSUMABLE_LABELS, CONSUMABLES, consumableLabel, percentText, SHORTAGE_ACTION_LABELS, STAFF_GROUP_LABELS, STAFF_GROUPS, STANDING_LABELS } from '../lib/situation-labels';
import { COMMENT_MAX_LENGTH } from '../../../../libs/domain/src/situation-reports/figures';
import { COUNTS, figureText, readFigures, textsOf, type Texts } from '../lib/situation-figures';

type OrganisationReport = Schemas['OrganisationReportDto'];
type Kind = 'municipality' | 'region';
type Obj = Record<string, unknown>;


export function OwnReport({ roundId, kind, report, afterCutoff, onSaved }: { roundId: string; kind: Kind; report: OrganisationReport; afterCutoff: boolean; onSaved(report: OrganisationReport): void }) {
  const { name } = useOrganisations();
  const latest = report.revisions.at(-1);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const verb = afterCutoff ? 'Revidera' : 'Korrigera';
  return (
    <VStack as="section" gap="space-12" aria-labelledby="own-report">
      <Heading level="2" size="medium" id="own-report">
        Er rapport
      </Heading>
      <BodyShort>
        {STANDING_LABELS[report.standing]}
        {latest ? `, version ${latest.revision}, senast ${stockholmDateTime(latest.submittedAt)}.` : '. Ingen rapport har kommit in.'}
      </BodyShort>
      {saved && (
        <Alert variant="success" role="status">
          {afterCutoff ? 'Revisionen är sparad. Lägesbilden räknas om.' : 'Korrigeringen är sparad.'}
        </Alert>
      )}
      {report.revisions.length > 0 && (
        <Table size="small">
          <caption>Versioner av er rapport</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Version</Table.HeaderCell>
              <Table.HeaderCell scope="col">Inskickad</Table.HeaderCell>
              <Table.HeaderCell scope="col">Sen</Table.HeaderCell>
              <Table.HeaderCell scope="col">Reviderad efter stoppdagen</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {report.revisions.map((r) => (
              <Table.Row key={r.revision}>
                <Table.HeaderCell scope="row">{r.revision}</Table.HeaderCell>
                <Table.DataCell>{stockholmDateTime(r.submittedAt)}</Table.DataCell>
                <Table.DataCell>{r.late ? 'Ja' : 'Nej'}</Table.DataCell>
                <Table.DataCell>{r.afterClose ? 'Ja' : 'Nej'}</Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {latest && <Figures figures={latest.figures} />}
      {report.shortages.length > 0 && (
        <Table size="small">
          <caption>Rapporterad brist och länsstyrelsens svar</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Skyddsutrustning</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Dagar kvar</Table.HeaderCell>
              <Table.HeaderCell scope="col">Länsstyrelse</Table.HeaderCell>
              <Table.HeaderCell scope="col">Åtgärd</Table.HeaderCell>
              <Table.HeaderCell scope="col">Kommentar</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {report.shortages.map((s) => (
              <Table.Row key={s.item}>
                <Table.HeaderCell scope="row">{consumableLabel(s.item)}</Table.HeaderCell>
                <Table.DataCell align="right">{s.daysLeft}</Table.DataCell>
                <Table.DataCell>{name(s.countyBoard)}</Table.DataCell>
                <Table.DataCell>{s.action ? `${SHORTAGE_ACTION_LABELS[s.action]}${s.answeredAt ? ` (${stockholmDateTime(s.answeredAt)})` : ''}` : 'Inte besvarad än'}</Table.DataCell>
                <Table.DataCell>{s.comment ?? '–'}</Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {!editing && (
        <HStack>
          <Button variant="secondary" onClick={() => (setEditing(true), setSaved(false))}>
            {latest ? `${verb} rapporten` : 'Rapportera'}
          </Button>
        </HStack>
      )}
      {editing && (
        <ReportForm
          roundId={roundId}
          kind={kind}
          initial={latest?.figures}
          submitText={latest ? `${verb} rapporten` : 'Skicka rapporten'}
          onCancel={() => setEditing(false)}
          onSaved={(r) => {
            setEditing(false);
            setSaved(true);
            onSaved(r);
          }}
        />
      )}
    </VStack>
  );
}

/** A report's figures as Swedish facts. */
function Figures({ figures }: { figures: Obj }) {
  const absence = (figures.staffAbsencePercent ?? {}) as Record<string, number>;
  const stock = figures.stockDays as Record<string, number> | undefined;
  return (
    <dl className="facts">
      {COUNTS.filter(([key]) => typeof figures[key] === 'number').map(([key, label]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd>{String(figures[key])}</dd>
        </div>
      ))}
      {STAFF_GROUPS.map((g) => (
        <div key={g}>
          <dt>Frånvaro, {STAFF_GROUP_LABELS[g].toLowerCase()}</dt>
          <dd>{percentText(absence[g])}</dd>
        </div>
      ))}
      {stock &&
        CONSUMABLES.map((c) => (
          <div key={c}>
            <dt>{CONSUMABLE_LABELS[c]}</dt>
            <dd>{stock[c]} dagar</dd>
          </div>
        ))}
      {typeof figures.comment === 'string' && (
        <div>
          <dt>Kommentar</dt>
          <dd>{figures.comment}</dd>
        </div>
      )}
    </dl>
  );
}

function ReportForm({ roundId, kind, initial, submitText, onCancel, onSaved }: { roundId: string; kind: Kind; initial?: Obj; submitText: string; onCancel(): void; onSaved(report: OrganisationReport): void }) {
  const { api } = useApi();
  const [texts, setTexts] = useState<Texts>(() => textsOf(initial));
  const [errors, setErrors] = useState<Texts>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const field = (path: string, label: string, decimal = false) => (
    <TextField
      key={path}
      id={`figures-${path.replace('.', '-')}`}
      label={label}
      value={texts[path] ?? ''}
      error={errors[path]}
      inputMode={decimal ? 'decimal' : 'numeric'}
      autoComplete="off"
      htmlSize={8}
      onChange={(e) => setTexts((t) => ({ ...t, [path]: e.target.value }))}
    />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const { figures, errors: found } = readFigures(kind, texts);
    setErrors(found);
    if (Object.keys(found).length > 0) return setProblem('Rätta fälten som är markerade.');
    setBusy(true);
    try {
      const { data, error, response } = await api.POST('/situation-reports/rounds/{roundId}/reports', {
        params: { path: { roundId }, header: { 'Idempotency-Key': key } },
        body: { figures },
      });
      if (data) return onSaved(data);
      const e = readError(response.status, error);
      const atFields: Texts = {};
      for (const [path, message] of Object.entries(e.fields)) if (path.startsWith('figures.')) atFields[path.slice('figures.'.length)] = figureText(message);
      setErrors(atFields);
      setProblem(Object.keys(atFields).length ? 'Rapporten kunde inte tas emot. Rätta fälten som är markerade.' : e.status === 409 ? 'Omgången tar inte längre emot rapporter.' : `Rapporten kunde inte tas emot: ${e.message}`);
    } catch {
      setProblem('Något gick fel. Försök igen om en stund.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <VStack as="form" gap="space-16" className="form-column" onSubmit={(e: FormEvent) => void submit(e)} noValidate aria-label={submitText}>
      {problem && (
        <Alert variant="warning" role="alert">
          {problem}
        </Alert>
      )}
      {kind === 'region' && COUNTS.map(([key, label]) => field(key, label))}
      <Fieldset legend="Personalfrånvaro (procent, en decimal)">{STAFF_GROUPS.map((g) => field(`staffAbsencePercent.${g}`, STAFF_GROUP_LABELS[g], true))}</Fieldset>
      {kind === 'municipality' && <Fieldset legend="Lager av skyddsutrustning (dagar)">{CONSUMABLES.map((c) => field(`stockDays.${c}`, CONSUMABLE_LABELS[c]))}</Fieldset>}
      <Textarea
        label="Kommentar (valfri)"
        value={texts.comment ?? ''}
        maxLength={COMMENT_MAX_LENGTH}
        i18n={{ counterLeft: 'tecken kvar', counterTooMuch: 'tecken för mycket' }}
        error={errors.comment}
        onChange={(e) => setTexts((t) => ({ ...t, comment: e.target.value }))}
      />
      <HStack gap="space-12">
        <Button type="submit" loading={busy}>
          {submitText}
        </Button>
        <Button type="button" variant="tertiary" onClick={onCancel}>
          Avbryt
        </Button>
      </HStack>
    </VStack>
  );
}
