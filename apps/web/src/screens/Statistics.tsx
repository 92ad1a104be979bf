import { Alert, BodyShort, Heading, HStack, Loader, ReadMore, Select, Table, VStack } from '@navikt/ds-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { EChart, type ChartOption } from '../components/EChart';
import { categoryLabel } from '../lib/finance-labels';
import { kronor } from '../lib/money';

type SameDay = Schemas['SameDayStatisticsDto'];
type Days = Schemas['DischargeDaysStatisticsDto'];
type Liability = Schemas['LiabilityStatisticsDto'];
type Claims = Schemas['ClaimStatisticsDto'];

/** A statistic as the API answered: its figures, or why not (a role without a need to know gets 403). */
type Loaded<T> = { data: T } | { refused: string } | { failed: true } | null;

const PERCENT = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 });
const NUMBER = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const MONTH = new Intl.DateTimeFormat('sv-SE', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthLabel = (month: string) => MONTH.format(new Date(`${month}-15T00:00:00Z`));
const YEARS = [2030, 2029, 2028, 2027, 2026, 2025, 2024, 2023, 2022, 2021, 2020];
const COLORS = ['#0067c5', '#06893a', '#c77300', '#7f3fbf'];

/** Uppföljning: four views on statistics endpoints, each as a chart and as a table. */
export default function Statistics() {
  const { api } = useApi();
  const [year, setYear] = useState('');
  const [sameDay, setSameDay] = useState<Loaded<SameDay>>(null);
  const [days, setDays] = useState<Loaded<Days>>(null);
  const [liability, setLiability] = useState<Loaded<Liability>>(null);
  const [claims, setClaims] = useState<Loaded<Claims>>(null);

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    const query = year ? { from: `${year}-01`, to: `${year}-12` } : {};
    const load = <T,>(promise: Promise<{ data?: T; error?: { message?: string }; response: Response }>, set: (l: Loaded<T>) => void) =>
      promise
        .then(({ data, response }) => {
          if (signal.aborted) return;
          if (data) set({ data });
          else if (response.status === 403) set({ refused: 'Din roll ser inte den här statistiken.' });
          else set({ failed: true });
        })
        .catch(() => !signal.aborted && set({ failed: true }));
    [setSameDay, setDays, setLiability, setClaims].forEach((set) => set(null));
    void load(api.GET('/statistics/discharges/same-day', { params: { query }, signal }), setSameDay);
    void load(api.GET('/statistics/discharges/days-by-municipality', { params: { query }, signal }), setDays);
    void load(api.GET('/statistics/payment-liability', { params: { query }, signal }), setLiability);
    void load(api.GET('/statistics/claims', { params: { query }, signal }), setClaims);
    return () => controller.abort();
  }, [api, year]);

  return (
    <VStack gap="space-32" as="main" padding="space-24">
      <HStack justify="space-between" align="end" gap="space-16">
        <Heading level="1" size="large">
          Uppföljning
        </Heading>
        <Select label="Period" value={year} onChange={(e) => setYear(e.target.value)}>
          <option value="">Alla år</option>
          {YEARS.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </Select>
      </HStack>
      <BodyShort>Statistik över ärenden din organisation är part i. Inga personuppgifter.</BodyShort>
      <Section title="Utskrivna samma dag som de blev utskrivningsklara" loaded={sameDay}>
        {(d) => <SameDayView stats={d} />}
      </Section>
      <Section title="Dagar från utskrivningsklar till utskrivning, per kommun" loaded={days}>
        {(d) => <DaysView stats={d} />}
      </Section>
      <Section title="Betalningsansvar per månad" loaded={liability}>
        {(d) => <LiabilityView stats={d} />}
      </Section>
      <Section title="Ersättningsanspråk per kategori" loaded={claims}>
        {(d) => <ClaimsView stats={d} />}
      </Section>
    </VStack>
  );
}

function Section<T>({ title, loaded, children }: { title: string; loaded: Loaded<T>; children(data: T): ReactNode }) {
  return (
    <VStack as="section" gap="space-12" aria-label={title}>
      <Heading level="2" size="medium">
        {title}
      </Heading>
      {loaded === null && <Loader title="Hämtar statistik" />}
      {loaded && 'refused' in loaded && <Alert variant="info">{loaded.refused}</Alert>}
      {loaded && 'failed' in loaded && <Alert variant="warning">Kunde inte hämta statistiken.</Alert>}
      {loaded && 'data' in loaded && children(loaded.data)}
    </VStack>
  );
}

/** Numbers on the axes and in the tooltip as Swedish (1 000,5), not the chart library's English. */
const swedish = (value: number) => NUMBER.format(value);

const bars = (names: string[], series: { name: string; data: number[]; type?: 'bar' | 'line'; yAxisIndex?: number }[], yAxis: object | object[] = { type: 'value' }): ChartOption => ({
  color: COLORS,
  tooltip: { trigger: 'axis', valueFormatter: swedish },
  legend: { top: 0 },
  grid: { left: 64, right: 64, top: 40, bottom: 32 },
  xAxis: { type: 'category', data: names },
  yAxis: (Array.isArray(yAxis) ? yAxis : [yAxis]).map((axis) => ({ ...axis, axisLabel: { formatter: swedish } })),
  series: series.map((s) => ({ type: 'bar', ...s })),
});

function SameDayView({ stats }: { stats: SameDay }) {
  const option = useMemo(
    () => bars(stats.months.map((m) => monthLabel(m.month)), [{ name: 'Andel samma dag (%)', data: stats.months.map((m) => Math.round((m.share ?? 0) * 1000) / 10) }], { type: 'value', max: 100 }),
    [stats],
  );
  if (stats.discharged === 0) return <BodyShort>Inga utskrivningar under perioden.</BodyShort>;
  return (
    <>
      <BodyShort>
        {PERCENT.format(stats.share ?? 0)} skrevs ut samma dag ({stats.sameDay} av {stats.discharged}). Målet är samma dag.
      </BodyShort>
      <EChart option={option} label={`Andel utskrivna samma dag per månad, totalt ${PERCENT.format(stats.share ?? 0)}`} />
      <ReadMore header="Visa som tabell">
        <Table size="small">
          <caption>Utskrivna samma dag per månad</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Månad</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Utskrivna</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Samma dag</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Andel</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {stats.months.map((m) => (
              <Table.Row key={m.month}>
                <Table.HeaderCell scope="row">{monthLabel(m.month)}</Table.HeaderCell>
                <Table.DataCell align="right">{m.discharged}</Table.DataCell>
                <Table.DataCell align="right">{m.sameDay}</Table.DataCell>
                <Table.DataCell align="right">{PERCENT.format(m.share ?? 0)}</Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </ReadMore>
    </>
  );
}

function DaysView({ stats }: { stats: Days }) {
  const ms = stats.municipalities;
  const option = useMemo(
    () => bars(ms.map((m) => m.municipalityName.replace(/ kommun$/, '')), [
      { name: 'Medel (dagar)', data: ms.map((m) => m.meanDays) },
      { name: 'Median (dagar)', data: ms.map((m) => m.medianDays) },
    ]),
    [ms],
  );
  if (ms.length === 0) return <BodyShort>Inga utskrivningar under perioden.</BodyShort>;
  return (
    <>
      <EChart option={option} label="Medel och median, dagar från utskrivningsklar till utskrivning, per kommun" />
      <ReadMore header="Visa som tabell">
        <Table size="small">
          <caption>Dagar från utskrivningsklar till utskrivning per kommun</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Kommun</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Utskrivna</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Samma dag</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Medel</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Median</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Längst</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {ms.map((m) => (
              <Table.Row key={m.municipalityCode}>
                <Table.HeaderCell scope="row">{m.municipalityName}</Table.HeaderCell>
                <Table.DataCell align="right">{m.discharged}</Table.DataCell>
                <Table.DataCell align="right">{m.sameDay}</Table.DataCell>
                <Table.DataCell align="right">{NUMBER.format(m.meanDays)}</Table.DataCell>
                <Table.DataCell align="right">{NUMBER.format(m.medianDays)}</Table.DataCell>
                <Table.DataCell align="right">{m.maxDays}</Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </ReadMore>
    </>
  );
}

function LiabilityView({ stats }: { stats: Liability }) {
  const option = useMemo(
    () =>
      bars(
        stats.months.map((m) => monthLabel(m.month)),
        [
          { name: 'Dagar med betalningsansvar', data: stats.months.map((m) => m.liableDays) },
          { name: 'Belopp (kr)', type: 'line', yAxisIndex: 1, data: stats.months.map((m) => m.amountOre / 100) },
        ],
        [{ type: 'value', name: 'Dagar' }, { type: 'value', name: 'kr' }],
      ),
    [stats],
  );
  if (stats.months.length === 0) return <BodyShort>Inga utskrivningar under perioden.</BodyShort>;
  return (
    <>
      <BodyShort>
        {stats.liableDays} dagar med betalningsansvar, {kronor(stats.amountOre)}.
      </BodyShort>
      <EChart option={option} label={`Betalningsansvar per månad: totalt ${stats.liableDays} dagar, ${kronor(stats.amountOre)}`} />
      <ReadMore header="Visa som tabell">
        <Table size="small">
          <caption>Betalningsansvar per utskrivningsmånad</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Månad</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Utskrivna</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Med ansvar</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Dagar</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Belopp</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {stats.months.map((m) => (
              <Table.Row key={m.month}>
                <Table.HeaderCell scope="row">{monthLabel(m.month)}</Table.HeaderCell>
                <Table.DataCell align="right">{m.discharged}</Table.DataCell>
                <Table.DataCell align="right">{m.liableCases}</Table.DataCell>
                <Table.DataCell align="right">{m.liableDays}</Table.DataCell>
                <Table.DataCell align="right">{kronor(m.amountOre)}</Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </ReadMore>
    </>
  );
}

function ClaimsView({ stats }: { stats: Claims }) {
  const cs = stats.categories;
  const option = useMemo(
    () =>
      bars(cs.map((c) => categoryLabel(c.category)), [
        { name: 'Begärt (kr)', data: cs.map((c) => c.claimedOre / 100) },
        { name: 'Godkänt (kr)', data: cs.map((c) => c.approvedOre / 100) },
        { name: 'Utbetalt (kr)', data: cs.map((c) => c.paidOre / 100) },
      ]),
    [cs],
  );
  if (cs.length === 0) return <BodyShort>Inga ersättningsanspråk under perioden.</BodyShort>;
  return (
    <>
      <EChart option={option} label="Begärt, godkänt och utbetalt per kostnadskategori" />
      <ReadMore header="Visa som tabell">
        <Table size="small">
          <caption>Ersättningsanspråk per kategori</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Kategori</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Anspråk</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Begärt</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Godkänt</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Utbetalt</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {cs.map((c) => (
              <Table.Row key={c.category}>
                <Table.HeaderCell scope="row">{categoryLabel(c.category)}</Table.HeaderCell>
                <Table.DataCell align="right">{c.claims}</Table.DataCell>
                <Table.DataCell align="right">{kronor(c.claimedOre)}</Table.DataCell>
                <Table.DataCell align="right">{kronor(c.approvedOre)}</Table.DataCell>
                <Table.DataCell align="right">{kronor(c.paidOre)}</Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </ReadMore>
    </>
  );
}
