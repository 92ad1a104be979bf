/**
 * Förstärkning (issue 15): a region's coordinators ask Socialstyrelsen for national reinforcement (staff or equipment,
 * by category and quantity) and follow their requests; Socialstyrelsen's coordinators keep the national pool per
 * category (allocations are decided in Inkorgen). A request's own page shows its status and the allocation.
 */
import { Alert, BodyShort, Button, Heading, HStack, Loader, Select, Table, Tag, TextField, VStack } from '@navikt/ds-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { AppLink } from '../components/AppLink';
import { readError } from '../lib/api-errors';
import { eventLabel, shortCaseId, stockholmDateTime } from '../lib/case-texts';
import { reinforcementPath, REINFORCEMENTS_PATH } from '../lib/transfer-paths';
import { useOrganisations } from '../lib/organisations';
import {
  categoryLabel,
  COORDINATOR_ORG,
  REINFORCEMENT_CATEGORIES,
  REINFORCEMENT_CATEGORY_LABELS,
  REINFORCEMENT_STATUS_LABELS,
  wholeNumber,
  type ReinforcementCategory,
} from '../lib/transfer-labels';
import { statusColor, useCasePage } from './Transfers';

type PoolRow = Schemas['PoolRowDto'];
type ReinforcementState = Schemas['ReinforcementStateDto'];

const MAX_QUANTITY = 10_000;

export function Reinforcements({ navigate }: { navigate(path: string): void }) {
  const { session } = useApi();
  const { name } = useOrganisations();
  const coordination = session.organisationCode === COORDINATOR_ORG;
  const { items, nextCursor, loadingMore, failed, showMore } = useCasePage('reinforcement_request');
  const n = (v: unknown) => (typeof v === 'number' ? String(v) : '–');

  return (
    <VStack gap="space-24" as="main" padding="space-24">
      <Heading level="1" size="large">
        Förstärkning
      </Heading>
      <BodyShort>Nationella förstärkningsresurser: personal och utrustning som Socialstyrelsen fördelar till regioner som behöver dem.</BodyShort>
      {coordination ? <Pool /> : <RequestReinforcement navigate={navigate} />}
      <VStack gap="space-8">
        <Heading level="2" size="medium">
          {coordination ? 'Begäranden' : 'Er regions begäranden'}
        </Heading>
        {failed && <Alert variant="warning">Kunde inte hämta begärandena. Ladda om sidan om en stund.</Alert>}
        {!items && !failed && <Loader title="Hämtar begäranden" />}
        {items && items.length === 0 && <BodyShort>Inga begäranden om förstärkning.</BodyShort>}
        {items && items.length > 0 && (
          <Table zebraStripes>
            <caption>Begäranden om förstärkning, nyaste först</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Begäran</Table.HeaderCell>
                <Table.HeaderCell scope="col">Region</Table.HeaderCell>
                <Table.HeaderCell scope="col">Kategori</Table.HeaderCell>
                <Table.HeaderCell scope="col" align="right">Begärt</Table.HeaderCell>
                <Table.HeaderCell scope="col" align="right">Fördelat</Table.HeaderCell>
                <Table.HeaderCell scope="col">Status</Table.HeaderCell>
                <Table.HeaderCell scope="col">Begärd</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {items.map((c) => (
                <Table.Row key={c.id}>
                  <Table.HeaderCell scope="row">
                    <AppLink to={reinforcementPath(c.id)} navigate={navigate}>
                      {shortCaseId(c.id)}
                    </AppLink>
                  </Table.HeaderCell>
                  <Table.DataCell>{name(String(c.summary.region ?? ''))}</Table.DataCell>
                  <Table.DataCell>{categoryLabel(String(c.summary.category ?? ''))}</Table.DataCell>
                  <Table.DataCell align="right">{n(c.summary.quantity)}</Table.DataCell>
                  <Table.DataCell align="right">{n(c.summary.allocated)}</Table.DataCell>
                  <Table.DataCell>
                    <Tag size="small" variant="moderate" data-color={statusColor(c.status)}>
                      {REINFORCEMENT_STATUS_LABELS[c.status as keyof typeof REINFORCEMENT_STATUS_LABELS] ?? c.status}
                    </Tag>
                  </Table.DataCell>
                  <Table.DataCell>{stockholmDateTime(c.createdAt)}</Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {items && nextCursor && (
          <HStack>
            <Button variant="secondary" loading={loadingMore} onClick={() => void showMore()}>
              Visa fler begäranden
            </Button>
          </HStack>
        )}
      </VStack>
    </VStack>
  );
}

/** A region asks for reinforcement: a category and a quantity. One Idempotency-Key per filled-in form. */
function RequestReinforcement({ navigate }: { navigate(path: string): void }) {
  const { api } = useApi();
  const [category, setCategory] = useState<ReinforcementCategory | ''>('');
  const [quantity, setQuantity] = useState('');
  const [errors, setErrors] = useState<{ category?: string; quantity?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const amount = wholeNumber(quantity, 1, MAX_QUANTITY);
    const found: { category?: string; quantity?: string } = {};
    if (!category) found.category = 'Välj vad ni behöver.';
    if (amount === null) found.quantity = `Ange ett heltal från 1 till ${MAX_QUANTITY.toLocaleString('sv-SE')}.`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const { data, error, response } = await api.POST('/reinforcements', {
        params: { header: { 'Idempotency-Key': key } },
        body: { category: category as ReinforcementCategory, quantity: amount as number },
      });
      if (data) return navigate(reinforcementPath(data.requestId));
      const e = readError(response.status, error);
      const atFields: { category?: string; quantity?: string } = {};
      if (e.fields.category) atFields.category = 'Välj en kategori i listan.';
      if (e.fields.quantity) atFields.quantity = `Ange ett heltal från 1 till ${MAX_QUANTITY.toLocaleString('sv-SE')}.`;
      setErrors(atFields);
      setProblem(Object.keys(atFields).length ? 'Begäran kunde inte skickas. Rätta fälten som är markerade.' : `Begäran kunde inte skickas: ${e.message}`);
    } catch {
      setProblem('Något gick fel. Försök igen om en stund.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <VStack as="form" gap="space-16" className="form-column" onSubmit={(e: FormEvent) => void submit(e)} aria-labelledby="new-reinforcement" noValidate>
      <Heading level="2" size="medium" id="new-reinforcement">
        Begär förstärkning
      </Heading>
      {problem && (
        <Alert variant="warning" role="alert">
          {problem}
        </Alert>
      )}
      <Select label="Vad behöver ni?" value={category} error={errors.category} onChange={(e) => setCategory(e.target.value as ReinforcementCategory)}>
        <option value="">Välj kategori</option>
        {REINFORCEMENT_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {REINFORCEMENT_CATEGORY_LABELS[c]}
          </option>
        ))}
      </Select>
      <TextField label="Antal" htmlSize={8} inputMode="numeric" autoComplete="off" value={quantity} error={errors.quantity} onChange={(e) => setQuantity(e.target.value)} />
      <HStack>
        <Button type="submit" loading={busy}>
          Skicka begäran
        </Button>
      </HStack>
    </VStack>
  );
}

/** Socialstyrelsen: what the national pool has of each category, each editable on its own row. */
function Pool() {
  const { api } = useApi();
  const [rows, setRows] = useState<PoolRow[] | null>(null);
  const [typed, setTyped] = useState<Partial<Record<ReinforcementCategory, string>>>({});
  const [errors, setErrors] = useState<Partial<Record<ReinforcementCategory, string>>>({});
  const [saved, setSaved] = useState<ReinforcementCategory | null>(null);
  const [busy, setBusy] = useState<ReinforcementCategory | null>(null);
  const [failed, setFailed] = useState(false);

  const show = (list: PoolRow[]) => {
    setRows(list);
    const next: Partial<Record<ReinforcementCategory, string>> = {};
    for (const c of REINFORCEMENT_CATEGORIES) next[c] = String(list.find((r) => r.category === c)?.available ?? 0);
    setTyped(next);
  };

  useEffect(() => {
    const controller = new AbortController();
    void api
      .GET('/reinforcements/pool', { signal: controller.signal })
      .then(({ data }) => !controller.signal.aborted && (data ? show(data) : setFailed(true)))
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [api]);

  const save = async (category: ReinforcementCategory) => {
    setSaved(null);
    const available = wholeNumber(typed[category] ?? '', 0, 1_000_000);
    if (available === null) return setErrors((e) => ({ ...e, [category]: 'Ange ett heltal från 0 till 1 000 000.' }));
    setErrors((e) => ({ ...e, [category]: undefined }));
    setBusy(category);
    try {
      const { data, error, response } = await api.PUT('/reinforcements/pool/{category}', { params: { path: { category } }, body: { available } });
      if (data) {
        setSaved(category);
        setRows((list) => [...(list ?? []).filter((r) => r.category !== category), data]);
      } else setErrors((e) => ({ ...e, [category]: `Kunde inte sparas: ${readError(response.status, error).message}` }));
    } catch {
      setErrors((e) => ({ ...e, [category]: 'Något gick fel. Försök igen om en stund.' }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <VStack gap="space-8" as="section" aria-labelledby="pool">
      <Heading level="2" size="medium" id="pool">
        Nationell pool
      </Heading>
      <BodyShort>Vad som finns att fördela per kategori. En fördelning bokas mot poolen, som aldrig går under noll.</BodyShort>
      {failed && <Alert variant="warning">Kunde inte hämta poolen. Ladda om sidan om en stund.</Alert>}
      {!rows && !failed && <Loader title="Hämtar poolen" />}
      {saved && (
        <Alert variant="success" role="status" size="small">
          {REINFORCEMENT_CATEGORY_LABELS[saved]}: sparat.
        </Alert>
      )}
      {rows && (
        <Table size="small">
          <caption>Nationell pool per kategori</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Kategori</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Finns nu</Table.HeaderCell>
              <Table.HeaderCell scope="col">Nytt antal</Table.HeaderCell>
              <Table.HeaderCell scope="col">
                <span className="navds-sr-only">Spara</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {REINFORCEMENT_CATEGORIES.map((c) => (
              <Table.Row key={c}>
                <Table.HeaderCell scope="row">{REINFORCEMENT_CATEGORY_LABELS[c]}</Table.HeaderCell>
                <Table.DataCell align="right">{rows.find((r) => r.category === c)?.available ?? 0}</Table.DataCell>
                <Table.DataCell>
                  <TextField
                    label={`Nytt antal, ${REINFORCEMENT_CATEGORY_LABELS[c].toLowerCase()}`}
                    hideLabel
                    size="small"
                    htmlSize={8}
                    inputMode="numeric"
                    autoComplete="off"
                    value={typed[c] ?? ''}
                    error={errors[c]}
                    onChange={(e) => setTyped((t) => ({ ...t, [c]: e.target.value }))}
                  />
                </Table.DataCell>
                <Table.DataCell>
                  <Button size="small" variant="secondary" loading={busy === c} onClick={() => void save(c)}>
                    Spara <span className="navds-sr-only">{REINFORCEMENT_CATEGORY_LABELS[c].toLowerCase()}</span>
                  </Button>
                </Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </VStack>
  );
}

/** A reinforcement request's page: what was asked, its status and Socialstyrelsen's allocation; polled until decided. */
export function Reinforcement({ requestId, navigate }: { requestId: string; navigate(path: string): void }) {
  const { api } = useApi();
  const { name } = useOrganisations();
  const [state, setState] = useState<ReinforcementState | null>(null);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState(false);
  const decided = state ? state.status !== 'requested' : false;

  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      api
        .GET('/reinforcements/{requestId}', { params: { path: { requestId } }, signal: controller.signal })
        .then(({ data, response }) => {
          if (controller.signal.aborted) return;
          if (data) setState(data);
          else if (response.status === 404) setMissing(true);
          else setFailed(true);
        })
        .catch(() => !controller.signal.aborted && setFailed(true));
    void load();
    if (decided) return () => controller.abort();
    const timer = window.setInterval(() => void load(), 4000);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [api, requestId, decided]);

  if (missing) {
    return (
      <VStack as="main" gap="space-16" padding="space-24">
        <Heading level="1" size="large">
          Begäran finns inte
        </Heading>
        <BodyShort>
          <AppLink to={REINFORCEMENTS_PATH} navigate={navigate}>
            Till Förstärkning
          </AppLink>
        </BodyShort>
      </VStack>
    );
  }
  if (!state) {
    return <VStack as="main" padding="space-24">{failed ? <Alert variant="warning">Kunde inte hämta begäran.</Alert> : <Loader title="Hämtar begäran" />}</VStack>;
  }
  const decision = [...state.events].reverse().find((e) => e.type === 'reinforcement_allocated' || e.type === 'reinforcement_declined');
  const facts: [string, string][] = [
    ['Region', name(state.region)],
    ['Kategori', categoryLabel(state.category)],
    ['Begärt antal', state.quantity.toLocaleString('sv-SE')],
    ['Fördelat antal', state.allocated === undefined ? 'Inte beslutat än' : state.allocated.toLocaleString('sv-SE')],
  ];
  if (decision) facts.push(['Beslutat', stockholmDateTime(decision.at)]);
  const reason = state.decision?.reason;
  if (reason) facts.push(['Socialstyrelsens skäl', reason]);
  return (
    <VStack as="main" gap="space-24" padding="space-24">
      <VStack gap="space-8">
        <HStack gap="space-12" align="center">
          <Heading level="1" size="large">
            Förstärkning {shortCaseId(state.requestId)}
          </Heading>
          <Tag variant="moderate" data-color={statusColor(state.status)}>
            {REINFORCEMENT_STATUS_LABELS[state.status]}
          </Tag>
        </HStack>
        <BodyShort>
          <AppLink to={REINFORCEMENTS_PATH} navigate={navigate}>
            Alla begäranden om förstärkning
          </AppLink>
        </BodyShort>
      </VStack>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="timeline">
        <Heading level="2" size="medium" id="timeline">
          Händelser
        </Heading>
        <ol className="timeline">
          {[...state.events].reverse().map((e) => (
            <li key={e.seq}>
              <time dateTime={e.at}>{stockholmDateTime(e.at)}</time> <span>{eventLabel(e.type)}</span>
              {e.organisationCode && <BodyShort as="span" textColor="subtle"> · {name(e.organisationCode)}</BodyShort>}
            </li>
          ))}
        </ol>
      </section>
    </VStack>
  );
}
