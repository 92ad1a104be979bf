/**
 * Rapport till regeringen (seed 003: the assignment is reported on continuously and finally by 15 December 2021):
 * for a period of Stockholm days, the transfers per sending and receiving region with median minutes from request to
 * acceptance and to admission, and the reinforcements allocated; each as a chart (ECharts, this lazy chunk only)
 * and a table, and the same report as a CSV file (fetched with the bearer token, saved from a Blob: the token never
 * goes in a URL). Socialstyrelsen's coordinators only.
 */
import { Alert, BodyShort, Button, Heading, HStack, Loader, ReadMore, Table, TextField, VStack } from '@navikt/ds-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useApi } from '../auth/session';
import { AppLink } from '../components/AppLink';
import { EChart, type ChartOption } from '../components/EChart';
import { readError } from '../lib/api-errors';
import { calendarDate } from '../lib/case-texts';
import { useOrganisations } from '../lib/organisations';
import { periodErrors, stockholmToday } from '../lib/transfer-form';
import { categoryLabel, minutesText, REINFORCEMENT_CATEGORIES, REINFORCEMENT_CATEGORY_LABELS, routeText, type TransferReport as Report } from '../lib/transfer-labels';
import { TRANSFERS_PATH } from '../lib/transfer-paths';

const COLORS = ['#0067c5', '#06893a', '#c77300', '#7f3fbf'];
const NUMBER = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

const bars = (names: string[], series: { name: string; data: (number | null)[] }[], yName: string): ChartOption => ({
  color: COLORS,
  tooltip: { trigger: 'axis', valueFormatter: (v: number) => NUMBER.format(v) },
  legend: { top: 0 },
  grid: { left: 64, right: 32, top: 40, bottom: 96 },
  xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 3 ? 30 : 0 } },
  yAxis: { type: 'value', name: yName, minInterval: 1, axisLabel: { formatter: (v: number) => NUMBER.format(v) } },
  series: series.map((s) => ({ type: 'bar', ...s })),
});

export default function TransferReport({ navigate }: { navigate(path: string): void }) {
  const { api } = useApi();
  const [from, setFrom] = useState(() => `${stockholmToday().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(stockholmToday);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const check = () => {
    const found = periodErrors(from, to);
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const apiErrors = (status: number, error: unknown) => {
    const e = readError(status, error);
    const atFields: { from?: string; to?: string } = {};
    if (e.fields.from) atFields.from = 'Ange ett datum (ÅÅÅÅ-MM-DD).';
    if (e.fields.to) atFields.to = /before/.test(e.fields.to) ? 'Slutdatum kan inte vara före startdatum.' : 'Ange ett datum (ÅÅÅÅ-MM-DD).';
    setErrors(atFields);
    setProblem(e.status === 403 ? 'Rapporten är bara för Socialstyrelsens samordnare.' : Object.keys(atFields).length ? null : 'Rapporten kunde inte hämtas.');
  };

  const show = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!check()) return;
    setBusy(true);
    try {
      const { data, error, response } = await api.GET('/transfers/report', { params: { query: { from, to } } });
      if (data) setReport(data);
      else apiErrors(response.status, error);
    } catch {
      setProblem('Något gick fel. Försök igen om en stund.');
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    setProblem(null);
    if (!check()) return;
    setDownloading(true);
    try {
      const { data, error, response } = await api.GET('/transfers/report', { params: { query: { from, to, format: 'csv' } }, parseAs: 'blob' });
      if (!data) return apiErrors(response.status, error);
      const url = URL.createObjectURL(data as Blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `overflyttningar-${from}-${to}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setProblem('Något gick fel. Försök igen om en stund.');
    } finally {
      setDownloading(false);
    }
  };

  return (
    <VStack as="main" gap="space-24" padding="space-24">
      <VStack gap="space-8">
        <Heading level="1" size="large">
          Rapport till regeringen
        </Heading>
        <BodyShort>
          Överflyttningar mellan regioner och nationell förstärkning under en period (svenska dagar, båda inräknade).{' '}
          <AppLink to={TRANSFERS_PATH} navigate={navigate}>
            Till Överflyttning
          </AppLink>
        </BodyShort>
      </VStack>
      <VStack as="form" gap="space-16" aria-label="Rapportens period" onSubmit={(e: FormEvent) => void show(e)} noValidate>
        {problem && (
          <Alert variant="warning" role="alert">
            {problem}
          </Alert>
        )}
        <HStack gap="space-16" align="start">
          <TextField label="Från och med" {...{ type: 'date' as 'text' }} className="answer-date" value={from} error={errors.from} onChange={(e) => setFrom(e.target.value)} />
          <TextField label="Till och med" {...{ type: 'date' as 'text' }} className="answer-date" value={to} error={errors.to} onChange={(e) => setTo(e.target.value)} />
        </HStack>
        <HStack gap="space-12">
          <Button type="submit" loading={busy}>
            Visa rapporten
          </Button>
          <Button type="button" variant="secondary" loading={downloading} onClick={() => void download()}>
            Ladda ner som CSV
          </Button>
        </HStack>
      </VStack>
      {busy && !report && <Loader title="Hämtar rapporten" />}
      {report && <ReportView report={report} />}
    </VStack>
  );
}

function ReportView({ report }: { report: Report }) {
  const { name, byCode } = useOrganisations();
  const period = `${calendarDate(report.from)} – ${calendarDate(report.to)}`;
  const transferChart = useMemo(
    () =>
      bars(
        report.transfers.map((t) => routeText(t, (code) => byCode.get(code)?.name ?? code)),
        [
          { name: 'Patienter i begäranden', data: report.transfers.map((t) => t.patients) },
          { name: 'Inskrivna', data: report.transfers.map((t) => t.admitted) },
        ],
        'patienter',
      ),
    [report, byCode],
  );
  const reinforcementChart = useMemo(() => {
    const categories = REINFORCEMENT_CATEGORIES.filter((c) => report.reinforcements.some((r) => r.category === c));
    const sum = (c: string, key: 'requested' | 'allocated') => report.reinforcements.filter((r) => r.category === c).reduce((n, r) => n + r[key], 0);
    return bars(
        categories.map((c) => REINFORCEMENT_CATEGORY_LABELS[c]),
        [
          { name: 'Begärt', data: categories.map((c) => sum(c, 'requested')) },
          { name: 'Fördelat', data: categories.map((c) => sum(c, 'allocated')) },
        ],
      'antal',
    );
  }, [report]);

  return (
    <>
      <VStack as="section" gap="space-12" aria-label="Överflyttningar per region">
        <Heading level="2" size="medium">
          Överflyttningar per region, {period}
        </Heading>
        {report.transfers.length === 0 ? (
          <BodyShort>Inga överflyttningar begärda under perioden.</BodyShort>
        ) : (
          <>
            <EChart option={transferChart} label={`Patienter per sändande och mottagande region, ${period}`} />
            <ReadMore header="Visa som tabell" defaultOpen>
              <Table size="small">
                <caption>Överflyttningar per sändande och mottagande region, {period}</caption>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell scope="col">Sändande region</Table.HeaderCell>
                    <Table.HeaderCell scope="col">Mottagande region</Table.HeaderCell>
                    <Table.HeaderCell scope="col" align="right">Begäranden</Table.HeaderCell>
                    <Table.HeaderCell scope="col" align="right">Patienter</Table.HeaderCell>
                    <Table.HeaderCell scope="col" align="right">Inskrivna</Table.HeaderCell>
                    <Table.HeaderCell scope="col" align="right">Median till accept</Table.HeaderCell>
                    <Table.HeaderCell scope="col" align="right">Median till inskrivning</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {report.transfers.map((t) => (
                    <Table.Row key={`${t.sendingRegion}-${t.receivingRegion ?? ''}`}>
                      <Table.HeaderCell scope="row">{name(t.sendingRegion)}</Table.HeaderCell>
                      <Table.DataCell>{t.receivingRegion ? name(t.receivingRegion) : 'Ingen mottagare'}</Table.DataCell>
                      <Table.DataCell align="right">{t.requests}</Table.DataCell>
                      <Table.DataCell align="right">{t.patients}</Table.DataCell>
                      <Table.DataCell align="right">{t.admitted}</Table.DataCell>
                      <Table.DataCell align="right">{minutesText(t.medianMinutesToAcceptance)}</Table.DataCell>
                      <Table.DataCell align="right">{minutesText(t.medianMinutesToAdmission)}</Table.DataCell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </ReadMore>
          </>
        )}
      </VStack>
      <VStack as="section" gap="space-12" aria-label="Nationell förstärkning">
        <Heading level="2" size="medium">
          Nationell förstärkning, {period}
        </Heading>
        {report.reinforcements.length === 0 ? (
          <BodyShort>Ingen förstärkning begärd under perioden.</BodyShort>
        ) : (
          <>
            <EChart option={reinforcementChart} label={`Begärd och fördelad förstärkning per kategori, ${period}`} />
            <ReadMore header="Visa som tabell">
              <Table size="small">
                <caption>Förstärkning per region och kategori, {period}</caption>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell scope="col">Region</Table.HeaderCell>
                    <Table.HeaderCell scope="col">Kategori</Table.HeaderCell>
                    <Table.HeaderCell scope="col" align="right">Begäranden</Table.HeaderCell>
                    <Table.HeaderCell scope="col" align="right">Begärt</Table.HeaderCell>
                    <Table.HeaderCell scope="col" align="right">Fördelat</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {report.reinforcements.map((r) => (
                    <Table.Row key={`${r.region}-${r.category}`}>
                      <Table.HeaderCell scope="row">{name(r.region)}</Table.HeaderCell>
                      <Table.DataCell>{categoryLabel(r.category)}</Table.DataCell>
                      <Table.DataCell align="right">{r.requests}</Table.DataCell>
                      <Table.DataCell align="right">{r.requested}</Table.DataCell>
                      <Table.DataCell align="right">{r.allocated}</Table.DataCell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </ReadMore>
          </>
        )}
      </VStack>
    </>
  );
}
