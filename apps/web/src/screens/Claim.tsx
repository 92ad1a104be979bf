import { Alert, BodyLong, BodyShort, Button, Heading, HGrid, Loader, Radio, RadioGroup, Table, Tag, Textarea, TextField, VStack } from '@navikt/ds-react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Schemas, TaskSummary } from '../api/client';
import { useApi } from '../auth/session';
import { AppLink } from '../components/AppLink';
import { categoryLabel, CLAIM_STATUS_LABELS, COST_CATEGORY_LABELS } from '../lib/finance-labels';
import { calendarDate, kronor, parseKronor } from '../lib/money';
import { CLAIMS_PATH } from './Claims';
import { CostLineDraft, CostLinesEditor, emptyLine, FieldErrors, fieldErrorsOf } from '../components/CostLinesEditor';
import { checkClaimForm, toCostLines } from './NewClaim';

type ClaimState = Schemas['ClaimStateDto'];
type MandateSummary = Schemas['MandateSummaryDto'];
type LineDecision = Schemas['LineDecisionDto'];

/** How often the screen looks for the claim's next step (a task arriving, the workflow moving it on). */
const REFRESH_MS = 3_000;
const ENDED = ['paid', 'rejected', 'withdrawn'];
/** Before approval SLSO may still withdraw its claim. */
const WITHDRAWABLE = ['draft', 'under_review', 'sent_back', 'awaiting_second_approval'];

const krText = (ore: number) => (ore / 100).toFixed(2).replace('.', ',');

/** Claimed and approved per cost category of the claim's current revision. */
export function claimCategoryTotals(claim: Pick<ClaimState, 'revisions' | 'approval' | 'pendingApproval'>) {
  const lines = claim.revisions[claim.revisions.length - 1].lines;
  const decided = claim.approval?.lines ?? claim.pendingApproval?.lines;
  const totals = new Map<string, { claimedOre: number; approvedOre: number | null }>();
  for (const line of lines) {
    const t = totals.get(line.category) ?? { claimedOre: 0, approvedOre: decided ? 0 : null };
    t.claimedOre += line.amountOre;
    const d = decided?.find((x) => x.lineNo === line.lineNo);
    if (t.approvedOre !== null) t.approvedOre += d?.approvedOre ?? 0;
    totals.set(line.category, t);
  }
  return [...totals].map(([category, t]) => ({ category, ...t }));
}

/** One claim: its lines and totals per category against the mandate's ceiling, and the person's own next step on it. */
export function Claim({ claimId, navigate }: { claimId: string; navigate(path: string): void }) {
  const { api, session } = useApi();
  const [claim, setClaim] = useState<ClaimState | null | 'missing'>(null);
  const [summary, setSummary] = useState<MandateSummary | null>(null);
  const [tasks, setTasks] = useState<TaskSummary[]>([]);
  const [failed, setFailed] = useState(false);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    void (async () => {
      const state = await api.GET('/claims/{claimId}', { params: { path: { claimId } }, signal });
      if (signal.aborted) return;
      if (state.response.status === 404) return setClaim('missing');
      if (!state.data) return setFailed(true);
      setFailed(false);
      setClaim(state.data);
      const [figures, open] = await Promise.all([
        api.GET('/mandates/{mandateId}/summary', { params: { path: { mandateId: state.data.mandate.id } }, signal }),
        api.GET('/tasks', { params: { query: { caseId: claimId, status: 'open' } }, signal }),
      ]);
      if (signal.aborted) return;
      setSummary(figures.data ?? null);
      setTasks(open.data?.items ?? []);
    })().catch(() => !signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [api, claimId, tick]);

  const ended = claim && claim !== 'missing' && ENDED.includes(claim.status);
  useEffect(() => {
    if (ended) return;
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [ended, refresh]);

  const back = (
    <AppLink to={CLAIMS_PATH} navigate={navigate}>
      Alla ersättningsanspråk
    </AppLink>
  );
  if (claim === 'missing') {
    return (
      <VStack gap="space-16" as="main" padding="space-24">
        <Heading level="1" size="large">
          Anspråket finns inte
        </Heading>
        <BodyShort>Det finns inget sådant anspråk för din organisation.</BodyShort>
        {back}
      </VStack>
    );
  }
  if (!claim) {
    return (
      <VStack as="main" padding="space-24">
        {failed ? <Alert variant="warning">Kunde inte hämta anspråket.</Alert> : <Loader title="Hämtar anspråket" />}
      </VStack>
    );
  }

  const revision = claim.revisions[claim.revisions.length - 1];
  const decided = claim.approval?.lines ?? claim.pendingApproval?.lines;
  const claimed = revision.lines.reduce((n, l) => n + l.amountOre, 0);
  const isPayee = session.organisationCode === claim.mandate.payeeOrg && session.roles.includes('case_handler');
  const reviewTask = tasks.find((t) => t.kind === 'reimbursement.review');
  const secondTask = tasks.find((t) => t.kind === 'reimbursement.second_approval');
  const paymentTask = tasks.find((t) => t.kind === 'reimbursement.payment');
  const amendTask = tasks.find((t) => t.kind === 'reimbursement.amend');
  return (
    <VStack gap="space-24" as="main" padding="space-24">
      {back}
      <VStack gap="space-8">
        <Heading level="1" size="large">
          Ersättningsanspråk {claim.mandate.reference}
        </Heading>
        <div>
          <Tag variant="info">{CLAIM_STATUS_LABELS[claim.status]}</Tag>
        </div>
      </VStack>
      {failed && <Alert variant="warning">Kunde inte uppdatera anspråket. Försöker igen.</Alert>}
      <HGrid columns={{ xs: 1, md: 3 }} gap="space-16">
        <Fact label="Period" value={`${calendarDate(revision.periodFrom)} – ${calendarDate(revision.periodTo)}`} />
        <Fact label="Begärt" value={kronor(claimed)} />
        <Fact label="Version" value={`${revision.revision}${revision.submittedAt ? ', inskickad' : ', ej inskickad'}`} />
      </HGrid>

      <Table>
        <caption>Kostnadsrader</caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Rad</Table.HeaderCell>
            <Table.HeaderCell scope="col">Datum</Table.HeaderCell>
            <Table.HeaderCell scope="col">Kategori</Table.HeaderCell>
            <Table.HeaderCell scope="col">Beskrivning</Table.HeaderCell>
            <Table.HeaderCell scope="col">Underlag</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">Begärt</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">Godkänt</Table.HeaderCell>
            <Table.HeaderCell scope="col">Skäl</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {revision.lines.map((l) => {
            const d = decided?.find((x) => x.lineNo === l.lineNo);
            return (
              <Table.Row key={l.lineNo}>
                <Table.DataCell>{l.lineNo}</Table.DataCell>
                <Table.DataCell>{l.date}</Table.DataCell>
                <Table.DataCell>{COST_CATEGORY_LABELS[l.category]}</Table.DataCell>
                <Table.DataCell>{l.description}</Table.DataCell>
                <Table.DataCell>{l.documentRef}</Table.DataCell>
                <Table.DataCell align="right">{kronor(l.amountOre)}</Table.DataCell>
                <Table.DataCell align="right">{d ? kronor(d.approvedOre) : '–'}</Table.DataCell>
                <Table.DataCell>{d?.reason ?? ''}</Table.DataCell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>

      <CategoryTotals claim={claim} summary={summary} />

      {claim.rejection && (
        <Alert variant="error">
          Avslaget: {claim.rejection.reason}
        </Alert>
      )}
      {claim.withdrawal && <Alert variant="info">Återkallat: {claim.withdrawal.reason}</Alert>}
      {claim.payment && (
        <Alert variant="success">
          Utbetalt {kronor(claim.payment.amountOre)} den {calendarDate(claim.payment.paidOn)}, referens {claim.payment.paymentReference}.
        </Alert>
      )}
      {claim.revisions.flatMap((r) => r.reviews).filter((r) => r.decision === 'send_back').map((r) => (
        <Alert key={r.at} variant="warning">
          Skickat tillbaka för komplettering: {r.comment}
        </Alert>
      ))}

      {isPayee && claim.status === 'draft' && <EditDraft claim={claim} onDone={refresh} />}
      {isPayee && claim.status === 'draft' && <SubmitDraft claimId={claimId} onDone={refresh} />}
      {reviewTask && <ReviewForm task={reviewTask} claim={claim} onDone={refresh} />}
      {secondTask && <SecondApprovalForm task={secondTask} claim={claim} onDone={refresh} />}
      {paymentTask && claim.approval && <PaymentForm task={paymentTask} approvedOre={claim.approval.totalOre} onDone={refresh} />}
      {amendTask && <AmendForm task={amendTask} claim={claim} onDone={refresh} />}
      {isPayee && WITHDRAWABLE.includes(claim.status) && <WithdrawForm claimId={claimId} onDone={refresh} />}
    </VStack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <VStack>
      <BodyShort size="small" textColor="subtle">
        {label}
      </BodyShort>
      <BodyShort weight="semibold">{value}</BodyShort>
    </VStack>
  );
}

/** This claim per category, beside what the mandate holds approved and paid in all, and its ceiling. */
function CategoryTotals({ claim, summary }: { claim: ClaimState; summary: MandateSummary | null }) {
  const rows = claimCategoryTotals(claim);
  const mandate = (category: string) => summary?.categories.find((c) => c.category === category);
  const ceiling = claim.mandate.ceilingOre;
  return (
    <VStack gap="space-8">
      <Table>
        <caption>Per kategori, mot beslutets tak</caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Kategori</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">Begärt i anspråket</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">Godkänt i anspråket</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">Godkänt under beslutet</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">Utbetalt under beslutet</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((r) => (
            <Table.Row key={r.category}>
              <Table.HeaderCell scope="row">{categoryLabel(r.category)}</Table.HeaderCell>
              <Table.DataCell align="right">{kronor(r.claimedOre)}</Table.DataCell>
              <Table.DataCell align="right">{r.approvedOre === null ? '–' : kronor(r.approvedOre)}</Table.DataCell>
              <Table.DataCell align="right">{summary ? kronor(mandate(r.category)?.approvedOre ?? 0) : '–'}</Table.DataCell>
              <Table.DataCell align="right">{summary ? kronor(mandate(r.category)?.paidOre ?? 0) : '–'}</Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <BodyShort>
        {ceiling === null
          ? `${claim.mandate.reference} har inget tak.`
          : `Tak för ${claim.mandate.reference}: ${kronor(ceiling)}.` +
            (summary ? ` Godkänt hittills ${kronor(summary.total.approvedOre)}, kvar ${kronor(summary.ceilingRemainingOre ?? 0)}.` : '')}
      </BodyShort>
    </VStack>
  );
}

/** The refusal of a step, in words (a 409 when the claim has moved on, a 422 when the rules refuse the answer). */
function refusal(status: number, body: { message?: string; reason?: string } | undefined) {
  if (status === 409) return `Anspråket har ändrats under tiden: ${body?.message ?? ''}`.trim();
  return body?.reason ?? body?.message ?? 'Det gick inte att spara.';
}

function useCompleteTask(taskId: string, onDone: () => void) {
  const { api } = useApi();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const complete = async (decision: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const { response, error: body } = await api.POST('/tasks/{taskId}/complete', { params: { path: { taskId } }, body: { decision } });
      if (response.ok) return onDone();
      setError(refusal(response.status, body as { message?: string; reason?: string }));
    } finally {
      setBusy(false);
    }
  };
  return { complete, error, busy };
}

function SubmitDraft({ claimId, onDone }: { claimId: string; onDone(): void }) {
  const { api } = useApi();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const { response, error: body } = await api.POST('/claims/{claimId}/submit', { params: { path: { claimId } } });
    setBusy(false);
    if (response.ok) return onDone();
    setError(refusal(response.status, body));
  };
  return (
    <VStack gap="space-8" className="finance-action">
      <Heading level="2" size="medium">
        Skicka in
      </Heading>
      <BodyLong>Utkastet låses när det skickas in och går till HSF för granskning.</BodyLong>
      {error && <Alert variant="error">{error}</Alert>}
      <div>
        <Button onClick={() => void submit()} loading={busy}>
          Skicka in anspråket
        </Button>
      </div>
    </VStack>
  );
}

type ReviewChoice = 'approve' | 'approve_in_part' | 'reject' | 'send_back';

/** HSF's review: approve all, approve in part (an amount and, for a reduction, a reason per line), reject or send back. */
function ReviewForm({ task, claim, onDone }: { task: TaskSummary; claim: ClaimState; onDone(): void }) {
  const lines = claim.revisions[claim.revisions.length - 1].lines;
  const [choice, setChoice] = useState<ReviewChoice | ''>('');
  const [amounts, setAmounts] = useState<string[]>(() => lines.map((l) => krText(l.amountOre)));
  const [reasons, setReasons] = useState<string[]>(() => lines.map(() => ''));
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { complete, error, busy } = useCompleteTask(task.id, onDone);

  const send = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!choice) found.choice = 'Välj ett beslut.';
    const decided: LineDecision[] = [];
    if (choice === 'approve_in_part') {
      lines.forEach((l, i) => {
        const ore = parseKronor(amounts[i]);
        if (ore === null) found[`amount${i}`] = 'Ange ett belopp i kronor.';
        else if (ore > l.amountOre) found[`amount${i}`] = `Högst det begärda, ${kronor(l.amountOre)}.`;
        else if (ore < l.amountOre && !reasons[i].trim()) found[`reason${i}`] = 'Ange skälet till att beloppet sänks.';
        if (ore !== null) decided.push({ lineNo: l.lineNo, approvedOre: ore, ...(reasons[i].trim() && ore < l.amountOre ? { reason: reasons[i].trim() } : {}) });
      });
    }
    if ((choice === 'reject' || choice === 'send_back') && !text.trim()) found.text = choice === 'reject' ? 'Ange skälet till avslaget.' : 'Skriv vad som ska kompletteras.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (choice === 'approve') void complete({ decision: 'approve' });
    if (choice === 'approve_in_part') void complete({ decision: 'approve_in_part', lines: decided });
    if (choice === 'reject') void complete({ decision: 'reject', reason: text.trim() });
    if (choice === 'send_back') void complete({ decision: 'send_back', comment: text.trim() });
  };

  return (
    <form onSubmit={send} noValidate className="finance-action">
      <VStack gap="space-16" maxWidth="48rem">
        <Heading level="2" size="medium">
          Granska anspråket
        </Heading>
        <RadioGroup legend="Beslut" value={choice} onChange={(v: ReviewChoice) => setChoice(v)} error={errors.choice}>
          <Radio value="approve">Godkänn hela anspråket</Radio>
          <Radio value="approve_in_part">Godkänn delvis</Radio>
          <Radio value="reject">Avslå</Radio>
          <Radio value="send_back">Skicka tillbaka för komplettering</Radio>
        </RadioGroup>
        {choice === 'approve_in_part' &&
          lines.map((l, i) => (
            <HGrid key={l.lineNo} columns={{ xs: 1, md: 2 }} gap="space-16">
              <TextField
                label={`Godkänt belopp för rad ${l.lineNo} (kr)`}
                description={`${COST_CATEGORY_LABELS[l.category]}: begärt ${kronor(l.amountOre)}`}
                inputMode="decimal"
                value={amounts[i]}
                onChange={(e) => setAmounts(amounts.map((a, j) => (j === i ? e.target.value : a)))}
                error={errors[`amount${i}`]}
              />
              <TextField
                label={`Skäl för rad ${l.lineNo}`}
                description="Krävs när beloppet sänks"
                value={reasons[i]}
                onChange={(e) => setReasons(reasons.map((r, j) => (j === i ? e.target.value : r)))}
                error={errors[`reason${i}`]}
              />
            </HGrid>
          ))}
        {(choice === 'reject' || choice === 'send_back') && (
          <Textarea label={choice === 'reject' ? 'Skäl för avslag' : 'Vad ska kompletteras'} value={text} onChange={(e) => setText(e.target.value)} error={errors.text} />
        )}
        {error && <Alert variant="error">{error}</Alert>}
        <div>
          <Button type="submit" loading={busy}>
            Skicka beslut
          </Button>
        </div>
      </VStack>
    </form>
  );
}

/** Above the threshold a second HSF approver decides on the first approval. */
function SecondApprovalForm({ task, claim, onDone }: { task: TaskSummary; claim: ClaimState; onDone(): void }) {
  const [choice, setChoice] = useState<'approve' | 'reject' | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { complete, error, busy } = useCompleteTask(task.id, onDone);
  const total = (claim.pendingApproval?.lines ?? []).reduce((n, l) => n + l.approvedOre, 0);
  const send = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!choice) found.choice = 'Välj ett beslut.';
    if (choice === 'reject' && !reason.trim()) found.reason = 'Ange skälet till avslaget.';
    setErrors(found);
    if (Object.keys(found).length === 0) void complete(choice === 'approve' ? { decision: 'approve' } : { decision: 'reject', reason: reason.trim() });
  };
  return (
    <form onSubmit={send} noValidate className="finance-action">
      <VStack gap="space-16" maxWidth="48rem">
        <Heading level="2" size="medium">
          Andra attest
        </Heading>
        <BodyShort>Första attest godkände {kronor(total)}.</BodyShort>
        <RadioGroup legend="Beslut" value={choice} onChange={(v: 'approve' | 'reject') => setChoice(v)} error={errors.choice}>
          <Radio value="approve">Attestera</Radio>
          <Radio value="reject">Avslå</Radio>
        </RadioGroup>
        {choice === 'reject' && <Textarea label="Skäl för avslag" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />}
        {error && <Alert variant="error">{error}</Alert>}
        <div>
          <Button type="submit" loading={busy}>
            Skicka beslut
          </Button>
        </div>
      </VStack>
    </form>
  );
}

/** HSF finance pays the approved amount and records the payment. */
function PaymentForm({ task, approvedOre, onDone }: { task: TaskSummary; approvedOre: number; onDone(): void }) {
  const [reference, setReference] = useState('');
  const [paidOn, setPaidOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { complete, error, busy } = useCompleteTask(task.id, onDone);
  const send = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!reference.trim()) found.reference = 'Ange betalningsreferensen.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn)) found.paidOn = 'Ange betaldagen som ÅÅÅÅ-MM-DD.';
    setErrors(found);
    if (Object.keys(found).length === 0) void complete({ paymentReference: reference.trim(), paidOn });
  };
  return (
    <form onSubmit={send} noValidate className="finance-action">
      <VStack gap="space-16" maxWidth="32rem">
        <Heading level="2" size="medium">
          Betala ut
        </Heading>
        <BodyShort>Godkänt att betala: {kronor(approvedOre)}.</BodyShort>
        <TextField label="Betalningsreferens" autoComplete="off" value={reference} onChange={(e) => setReference(e.target.value)} error={errors.reference} />
        <TextField label="Betaldag" description="ÅÅÅÅ-MM-DD" autoComplete="off" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} error={errors.paidOn} />
        {error && <Alert variant="error">{error}</Alert>}
        <div>
          <Button type="submit" loading={busy}>
            Registrera utbetalning
          </Button>
        </div>
      </VStack>
    </form>
  );
}

/** The current revision's lines as the editor holds them (amounts as kronor text). */
const asDrafts = (claim: ClaimState): CostLineDraft[] =>
  claim.revisions[claim.revisions.length - 1].lines.map((l) => ({ ...emptyLine(), date: l.date, category: l.category, description: l.description, amountKr: krText(l.amountOre), documentRef: l.documentRef }));

/** SLSO changes its draft (period and lines) until it submits it. */
function EditDraft({ claim, onDone }: { claim: ClaimState; onDone(): void }) {
  const { api } = useApi();
  const revision = claim.revisions[claim.revisions.length - 1];
  const [open, setOpen] = useState(false);
  const [periodFrom, setPeriodFrom] = useState(revision.periodFrom);
  const [periodTo, setPeriodTo] = useState(revision.periodTo);
  const [lines, setLines] = useState<CostLineDraft[]>(() => asDrafts(claim));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <div>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Ändra utkastet
        </Button>
      </div>
    );
  }
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkClaimForm({ mandateId: claim.mandate.id, periodFrom, periodTo, lines });
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const { response, error } = await api.PUT('/claims/{claimId}/draft', { params: { path: { claimId: claim.claimId } }, body: { periodFrom, periodTo, lines: toCostLines(lines) } });
      if (response.ok) {
        setOpen(false);
        return onDone();
      }
      setErrors(fieldErrorsOf(error));
      setFormError(refusal(response.status, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="finance-action">
      <VStack gap="space-16" maxWidth="48rem">
        <Heading level="2" size="medium">
          Ändra utkastet
        </Heading>
        <HGrid columns={2} gap="space-16">
          <TextField label="Period från" description="ÅÅÅÅ-MM-DD" autoComplete="off" value={periodFrom} onChange={(e) => setPeriodFrom(e.target.value)} error={errors.periodFrom} />
          <TextField label="Period till" description="ÅÅÅÅ-MM-DD" autoComplete="off" value={periodTo} onChange={(e) => setPeriodTo(e.target.value)} error={errors.periodTo} />
        </HGrid>
        <CostLinesEditor lines={lines} onChange={setLines} errors={errors} />
        {formError && <Alert variant="error">{formError}</Alert>}
        <HGrid columns={{ xs: 1, sm: 2 }} gap="space-8">
          <Button type="submit" loading={busy}>
            Spara ändringarna
          </Button>
          <Button type="button" variant="tertiary" onClick={() => setOpen(false)}>
            Avbryt
          </Button>
        </HGrid>
      </VStack>
    </form>
  );
}

/** After HSF sent the claim back, SLSO answers with a new revision of its lines (and a comment); it goes to review again. */
function AmendForm({ task, claim, onDone }: { task: TaskSummary; claim: ClaimState; onDone(): void }) {
  const revision = claim.revisions[claim.revisions.length - 1];
  const [lines, setLines] = useState<CostLineDraft[]>(() => asDrafts(claim));
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { complete, error, busy } = useCompleteTask(task.id, onDone);
  const send = (event: FormEvent) => {
    event.preventDefault();
    const found = checkClaimForm({ mandateId: claim.mandate.id, periodFrom: revision.periodFrom, periodTo: revision.periodTo, lines });
    setErrors(found);
    if (Object.keys(found).length === 0) void complete({ lines: toCostLines(lines), ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  return (
    <form onSubmit={send} noValidate className="finance-action">
      <VStack gap="space-16" maxWidth="48rem">
        <Heading level="2" size="medium">
          Komplettera anspråket
        </Heading>
        <CostLinesEditor lines={lines} onChange={setLines} errors={errors} />
        <Textarea label="Kommentar till HSF" value={comment} onChange={(e) => setComment(e.target.value)} />
        {error && <Alert variant="error">{error}</Alert>}
        <div>
          <Button type="submit" loading={busy}>
            Skicka in kompletteringen
          </Button>
        </div>
      </VStack>
    </form>
  );
}

/** SLSO withdraws its claim before it is approved, with a reason. */
function WithdrawForm({ claimId, onDone }: { claimId: string; onDone(): void }) {
  const { api } = useApi();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <div>
        <Button variant="danger" size="small" onClick={() => setOpen(true)}>
          Återkalla anspråket
        </Button>
      </div>
    );
  }
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError('Ange skälet till att anspråket återkallas.');
    setBusy(true);
    const { response, error: body } = await api.POST('/claims/{claimId}/withdraw', { params: { path: { claimId } }, body: { reason: reason.trim() } });
    setBusy(false);
    if (response.ok) return onDone();
    setError(refusal(response.status, body));
  };
  return (
    <form onSubmit={(e) => void send(e)} noValidate className="finance-action">
      <VStack gap="space-16" maxWidth="32rem">
        <Heading level="2" size="medium">
          Återkalla anspråket
        </Heading>
        <Textarea label="Skäl" value={reason} onChange={(e) => setReason(e.target.value)} error={error ?? undefined} />
        <div>
          <Button type="submit" variant="danger" loading={busy}>
            Återkalla
          </Button>
        </div>
      </VStack>
    </form>
  );
}
