/**
 * Uppgift: what is asked and why, the case's context, and the answer's form from the task's answerSchema (@rjsf with
 * Aksel widgets). Loaded lazily (App.tsx): the form library stays out of the inbox's bundle.
 */
import { Alert, BodyLong, BodyShort, Box, Button, Heading, HStack, Loader, Tag, VStack } from '@navikt/ds-react';
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Schemas } from '../api/client';
import { useApi, useDraft } from '../auth/session';
import { AKSEL_TEMPLATES, AKSEL_WIDGETS } from '../components/answer-form-theme';
import { TaskInput } from '../components/TaskInput';
import { answerValidator, cleanAnswer, isOreField, swedishProblem } from '../lib/answer-validator';
import { answerFieldErrors, readError, type ReadError } from '../lib/api-errors';
import { CASE_TYPE_LABELS, ROLE_LABELS, TASK_KIND_LABELS } from '../lib/labels';
import { shortCaseId, stockholmDateTime } from '../lib/case-texts';
import { describeDue } from '../lib/due';
import { kronor } from '../lib/money';
import { AppLink, caseScreenPath, PATHS } from '../lib/navigation';
import { useOrganisations } from '../lib/organisations';
import { fieldLabel, fieldOrder, TASK_PURPOSE } from '../lib/task-texts';

type TaskDetail = Schemas['TaskDetailDto'];
type Obj = Record<string, unknown>;

/** The form's look per field, from the answer schema: Swedish labels, radios for choices, boxes for lists. */
export function uiSchemaFor(kind: string, schema: Obj, formData: Obj): UiSchema {
  const properties = (schema.properties ?? {}) as Record<string, Obj>;
  // The stored schema's key order is PostgreSQL's (jsonb sorts keys), not the author's: required fields first, a
  // confirming box (a boolean) last, just above the send button.
  const required = new Set((schema.required ?? []) as string[]);
  const rank = (key: string) => (properties[key].type === 'boolean' ? 2 : required.has(key) ? 0 : 1);
  const ui: UiSchema = {
    'ui:submitButtonOptions': { submitText: 'Skicka svaret' },
    'ui:order': fieldOrder(Object.keys(properties)).sort((a, b) => rank(a) - rank(b)),
  };
  for (const [key, field] of Object.entries(properties)) ui[key] = fieldUi(kind, key, field);
  // The needs assessment asks for services and a start only when it grants them, and for a question only when it asks one.
  if (kind === 'discharge.needs_assessment') {
    const hide = (key: string) => (ui[key] = { ...(ui[key] as Obj), 'ui:widget': 'hidden' });
    if (formData.outcome !== 'granted') ['services', 'startDate'].forEach(hide);
    if (formData.outcome !== 'more_information_requested') hide('question');
  }
  return ui;
}

/** One field's look; a group (an object, e.g. a report's staffAbsencePercent) as a fieldset of its own fields. */
function fieldUi(kind: string, key: string, field: Obj): Obj {
  const entry: Obj = { 'ui:title': fieldLabel(kind, key, field.title as string | undefined) };
  if (isOreField(key, field)) entry['ui:widget'] = 'kronor';
  else if (field.type === 'number') entry['ui:widget'] = 'decimal';
  else if (field.type === 'string' && Array.isArray(field.enum)) entry['ui:widget'] = 'radio';
  else if (field.type === 'string' && field.format === 'date') entry['ui:widget'] = 'date';
  else if (field.type === 'string' && typeof field.maxLength === 'number' && field.maxLength > 200) entry['ui:widget'] = 'textarea';
  else if (field.type === 'array') entry['ui:widget'] = 'checkboxes';
  else if (field.type === 'object') {
    const inner = (field.properties ?? {}) as Record<string, Obj>;
    entry['ui:order'] = fieldOrder(Object.keys(inner));
    for (const [k, f] of Object.entries(inner)) entry[k] = fieldUi(kind, `${key}.${k}`, f);
  }
  return entry;
}

/** The answer without the fields the form hides (their values would contradict the choice made). */
function visibleAnswer(ui: UiSchema, formData: Obj): Obj {
  const out = cleanAnswer(formData);
  for (const key of Object.keys(out)) if ((ui[key] as Obj | undefined)?.['ui:widget'] === 'hidden') delete out[key];
  return out;
}

/** An answer's value in Swedish: yes/no, kronor, a list, or a group's fields by their labels ("Sjuksköterskor 9,5"). */
function answerText(kind: string, key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nej';
  if (typeof value === 'number') return /Ore$/.test(key) ? kronor(value) : value.toLocaleString('sv-SE');
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') {
    return fieldOrder(Object.keys(value))
      .map((k) => `${fieldLabel(kind, `${key}.${k}`)} ${answerText(kind, `${key}.${k}`, (value as Obj)[k])}`)
      .join(', ');
  }
  return String(value);
}

const STATUS: Record<TaskDetail['status'], { text: string; color: 'info' | 'success' | 'neutral' }> = {
  open: { text: 'Öppen', color: 'info' },
  completed: { text: 'Klar', color: 'success' },
  cancelled: { text: 'Avbruten', color: 'neutral' },
};

/** A refusal said plainly: someone else has the task, or the case has moved on. */
function conflictText(e: ReadError): string {
  if (e.status === 409 && typeof e.body.claimedBy === 'string') return 'En kollega har redan tagit uppgiften. Den kan inte tas eller besvaras förrän hen släpper den.';
  if (e.status === 409 && typeof e.body.completedBy === 'string') return 'Uppgiften är redan besvarad av någon annan. Ärendet har gått vidare.';
  if (e.status === 409 && /cancelled|closed|is completed|not open|is cancelled/.test(e.message)) return 'Ärendet har gått vidare: uppgiften är inte längre öppen.';
  if (e.status === 409) return `Ärendet tar inte emot svaret just nu: ${e.message}`;
  if (e.status === 404) return 'Uppgiften finns inte, eller så får du inte se den.';
  if (e.status === 422 || e.status === 400) return 'Svaret kunde inte tas emot. Rätta fälten som är markerade.';
  if (e.status === 403) return 'Du har inte behörighet att göra detta.';
  return 'Något gick fel. Försök igen om en stund.';
}

export function TaskScreen({ taskId }: { taskId: string }) {
  const { api, session } = useApi();
  const { name } = useOrganisations();
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [loadError, setLoadError] = useState<ReadError | null>(null);
  // A draft: an answer half written when the session expires is there again after the new sign-in.
  const [formData, setFormData, discardDraft] = useDraft<Obj>(`uppgift:${taskId}`, {});
  const [problem, setProblem] = useState<string | null>(null);
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/tasks/{taskId}', { params: { path: { taskId } } });
    if (data) {
      setTask(data);
      setLoadError(null);
    } else setLoadError(readError(response.status, error));
  }, [api, taskId]);

  useEffect(() => {
    void load();
  }, [load]);

  const ui = useMemo(() => (task ? uiSchemaFor(task.kind, task.answerSchema, formData) : {}), [task, formData]);

  if (loadError) {
    return (
      <Box as="main" padding="space-24">
        <Heading level="1" size="large">
          {loadError.status === 404 ? 'Uppgiften finns inte' : 'Kunde inte hämta uppgiften'}
        </Heading>
        <BodyShort>
          <AppLink to={PATHS.inbox}>Till inkorgen</AppLink>
        </BodyShort>
      </Box>
    );
  }
  if (!task) return <Loader title="Hämtar uppgiften" />;

  const purpose = TASK_PURPOSE[task.kind];
  const mine = task.claimedBy === session.personId;
  const claimedByOther = task.claimedBy !== null && !mine;
  const open = task.status === 'open';
  const due = describeDue(new Date(task.dueAt), new Date());

  const claim = async (action: 'claim' | 'unclaim') => {
    setBusy(true);
    setProblem(null);
    const path = action === 'claim' ? '/tasks/{taskId}/claim' : '/tasks/{taskId}/unclaim';
    const { data, error, response } = await api.POST(path, { params: { path: { taskId } } });
    setBusy(false);
    if (data) setTask(data);
    else {
      setProblem(conflictText(readError(response.status, error)));
      await load();
    }
  };

  const submit = async (data: Obj) => {
    setBusy(true);
    setProblem(null);
    setExtraErrors(undefined);
    const decision = visibleAnswer(ui, data);
    const { data: answer, error, response } = await api.POST('/tasks/{taskId}/complete', { params: { path: { taskId } }, body: { decision } });
    setBusy(false);
    if (answer) {
      discardDraft();
      setDone(true);
      if (answer.task) setTask(answer.task);
      else await load();
      return;
    }
    const e = readError(response.status, error);
    const atFields = answerFieldErrors(e);
    if (Object.keys(atFields).length > 0) {
      const errors: Obj = {};
      for (const [path, message] of Object.entries(atFields)) {
        let node = errors;
        for (const part of path.split('.')) node = (node[part] ??= {}) as Obj;
        node.__errors = [swedishProblem(message)];
      }
      setExtraErrors(errors as ErrorSchema);
    }
    setProblem(e.status === 422 && Object.keys(atFields).length === 0 ? `Ärendet tog inte emot svaret: ${e.message.replace(/^refused: /, '')}` : conflictText(e));
    if (e.status === 409) await load();
  };

  return (
    <VStack as="main" gap="space-24" padding="space-24" className="task-screen">
      <VStack gap="space-8">
        <HStack gap="space-12" align="center">
          <Heading level="1" size="large">
            {TASK_KIND_LABELS[task.kind]}
          </Heading>
          <Tag variant="moderate" data-color={STATUS[task.status].color} size="small">
            {STATUS[task.status].text}
          </Tag>
        </HStack>
        <BodyShort>
          {CASE_TYPE_LABELS[task.caseType]} <AppLink to={caseScreenPath(task.caseType, task.caseId)}>ärende {shortCaseId(task.caseId)}</AppLink> · {name(task.assignedOrg)},{' '}
          {ROLE_LABELS[task.requiredRole].toLowerCase()} · {open ? `förfaller ${due.text}` : 'förföll'} ({stockholmDateTime(task.dueAt)})
        </BodyShort>
      </VStack>

      {task.caseType === 'reimbursement_claim' && (
        <BodyShort>
          Anspråkets kostnadsrader, belopp och historik finns på dess egen sida:{' '}
          <AppLink to={PATHS.claim(task.caseId)}>Öppna ersättningsanspråket</AppLink>
        </BodyShort>
      )}

      {done && (
        <Alert variant="success" role="status">
          Svaret är skickat och uppgiften är klar. <AppLink to={PATHS.inbox}>Till inkorgen</AppLink> ·{' '}
          <AppLink to={caseScreenPath(task.caseType, task.caseId)}>{task.caseType === 'situation_report_round' ? 'Till lägesbilden' : 'Till ärendet'}</AppLink>
        </Alert>
      )}
      {problem && (
        <Alert variant="warning" role="alert">
          {problem}
        </Alert>
      )}

      {purpose && (
        <section aria-labelledby="asked">
          <Heading level="2" size="medium" id="asked">
            Vad som efterfrågas
          </Heading>
          <BodyLong>{purpose.asked}</BodyLong>
          <BodyLong textColor="subtle">Varför: {purpose.why}</BodyLong>
        </section>
      )}

      <section aria-labelledby="context">
        <Heading level="2" size="medium" id="context">
          Underlag
        </Heading>
        <TaskInput input={task.input} />
      </section>

      {open && (
        <section aria-labelledby="work">
          <Heading level="2" size="medium" id="work">
            Ditt svar
          </Heading>
          <HStack gap="space-12" align="center" className="task-claim">
            {task.claimedBy === null && (
              <Button variant="secondary" size="small" loading={busy} onClick={() => void claim('claim')}>
                Ta uppgiften
              </Button>
            )}
            {mine && (
              <>
                <BodyShort>Du har tagit uppgiften.</BodyShort>
                <Button variant="tertiary" size="small" loading={busy} onClick={() => void claim('unclaim')}>
                  Släpp uppgiften
                </Button>
              </>
            )}
            {claimedByOther && <BodyShort>En kollega har tagit uppgiften.</BodyShort>}
          </HStack>
          {!claimedByOther && (
            <Form
              schema={task.answerSchema as RJSFSchema}
              uiSchema={ui}
              formData={formData}
              validator={answerValidator}
              widgets={AKSEL_WIDGETS}
              templates={AKSEL_TEMPLATES}
              extraErrors={extraErrors}
              showErrorList="top"
              // A box the person must tick (e.g. "Jag kvitterar", const true) starts unticked: never answered for them.
              experimental_defaultFormStateBehavior={{ constAsDefaults: 'never' }}
              focusOnFirstError
              noHtml5Validate
              disabled={busy}
              onChange={(e) => setFormData((e.formData ?? {}) as Obj)}
              onSubmit={(e) => void submit((e.formData ?? {}) as Obj)}
            />
          )}
        </section>
      )}

      {task.status === 'completed' && task.decision && (
        <section aria-labelledby="answer">
          <Heading level="2" size="medium" id="answer">
            Svaret
          </Heading>
          <dl className="facts">
            {Object.entries(task.decision).map(([key, value]) => (
              <div key={key}>
                <dt>{fieldLabel(task.kind, key)}</dt>
                <dd>{answerText(task.kind, key, value)}</dd>
              </div>
            ))}
          </dl>
          {task.completedAt && <BodyShort textColor="subtle">Besvarad {stockholmDateTime(task.completedAt)}</BodyShort>}
        </section>
      )}
      {task.status === 'cancelled' && <Alert variant="info">Uppgiften avbröts: ärendet har gått vidare.</Alert>}
    </VStack>
  );
}
