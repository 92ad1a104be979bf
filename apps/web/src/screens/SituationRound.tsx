/**
 * A round's Lägesbild: who did not report, who was late, corrected or revised; the country or a county's absence,
 * stock days and intensive care, as charts (ECharts, this chunk only) with the same figures as tables; and for a
 * reporter its own report with the "Korrigera/Revidera" form. Loaded lazily (situation-routes.tsx).
 */
import { Alert, BodyShort, Heading, Loader, ReadMore, Select, Table, VStack } from '@navikt/ds-react';
import { useEffect, useMemo, useState } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { AppLink } from '../components/AppLink';
import { EChart, type ChartOption } from '../components/EChart';
import { OwnReport } from '../components/SituationReportForm';
import { readError } from '../lib/api-errors';
import { calendarDate, stockholmDateTime } from '../lib/case-texts';
import { useOrganisations } from '../lib/organisations';
import {
  CONSUMABLE_LABELS,
  CONSUMABLES,
  countyName,
  numberText,
  percentText,
  regionName,
  ROUND_STATUS_LABELS,
  sortedCountyCodes,
  STAFF_GROUP_LABELS,
  STAFF_GROUPS,
  weekLabel,
} from '../lib/situation-labels';
import type { AreaPicture, SituationPicture } from '../../../../libs/domain/src/situation-reports/report.types';
import { REPORTER_KINDS, SITUATION_PATH } from './SituationReports';

type RoundRow = Schemas['RoundRowDto'];
type OrganisationReport = Schemas['OrganisationReportDto'];
type Trend = Schemas['TrendDto'];

const COLORS = ['#0067c5', '#06893a', '#c77300', '#7f3fbf'];
const NUMBER = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const swedish = (value: number) => NUMBER.format(value);
const NATION = '';
/** A trend week's median of a group (the API types the map loosely). */
const medianOf = (medians: Record<string, unknown>, key: string): number | null => (typeof medians[key] === 'number' ? (medians[key] as number) : null);

export default function SituationRound({ roundId, navigate }: { roundId: string; navigate(path: string): void }) {
  const { api, session } = useApi();
  const { byCode } = useOrganisations();
  const [row, setRow] = useState<RoundRow | null>(null);
  const [picture, setPicture] = useState<SituationPicture | null>(null);
  const [notYet, setNotYet] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState(false);
  const [own, setOwn] = useState<OrganisationReport | null>(null);
  const [area, setArea] = useState(NATION);
  // After a revision the workflow computes the picture again: it is read again until a newer version shows (10 s at most).
  const [newerThan, setNewerThan] = useState<number | null>(null);
  const kind = byCode.get(session.organisationCode)?.kind;
  const reporter = kind && REPORTER_KINDS.includes(kind) ? (kind as 'municipality' | 'region') : null;

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    void (async () => {
      const [rounds, pic] = await Promise.all([
        api.GET('/situation-reports/rounds', { params: { query: { limit: 50 } }, signal }),
        api.GET('/situation-reports/rounds/{roundId}/picture', { params: { path: { roundId } }, signal }),
      ]);
      if (signal.aborted) return;
      setRow(rounds.data?.items.find((r) => r.roundId === roundId) ?? null);
      if (pic.data) setPicture(pic.data as unknown as SituationPicture);
      else if (pic.response.status === 409) {
        const at = /(\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(readError(409, pic.error).message)?.[1];
        setNotYet(at ?? '');
      } else if (pic.response.status === 404) setMissing(true);
      else setFailed(true);
    })().catch(() => !signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [api, roundId]);

  useEffect(() => {
    if (newerThan === null) return;
    let tries = 0;
    const timer = window.setInterval(() => {
      tries += 1;
      void api.GET('/situation-reports/rounds/{roundId}/picture', { params: { path: { roundId } } }).then(({ data }) => {
        if (data && data.version > newerThan) {
          setPicture(data as unknown as SituationPicture);
          setNewerThan(null);
        } else if (tries >= 10) setNewerThan(null);
      });
    }, 1000);
    return () => window.clearInterval(timer);
  }, [api, roundId, newerThan]);

  useEffect(() => {
    if (!reporter) return;
    const controller = new AbortController();
    void api
      .GET('/situation-reports/rounds/{roundId}/reports/{organisationCode}', { params: { path: { roundId, organisationCode: session.organisationCode } }, signal: controller.signal })
      .then(({ data }) => !controller.signal.aborted && data && setOwn(data))
      .catch(() => undefined);
    return () => controller.abort();
  }, [api, roundId, reporter, session.organisationCode]);

  if (missing) {
    return (
      <VStack as="main" gap="space-16" padding="space-24">
        <Heading level="1" size="large">
          Rapportomgången finns inte
        </Heading>
        <BodyShort>
          <AppLink to={SITUATION_PATH} navigate={navigate}>
            Till Lägesbild
          </AppLink>
        </BodyShort>
      </VStack>
    );
  }
  const week = picture?.week ?? row?.week;
  const afterCutoff = picture !== null || (row ? row.status !== 'open' : false);
  return (
    <VStack as="main" gap="space-32" padding="space-24">
      <VStack gap="space-8">
        <Heading level="1" size="large">
          Lägesbild {week ? weekLabel(week) : ''}
        </Heading>
        {(picture ?? row) && (
          <BodyShort>
            {calendarDate((picture ?? row)!.periodFrom)} – {calendarDate((picture ?? row)!.periodTo)}
            {row ? ` · ${ROUND_STATUS_LABELS[row.status]} · rapporterat ${row.reported} av ${row.expected} · ska vara inne ${stockholmDateTime(row.dueAt)} · stoppdag ${stockholmDateTime(row.cutoffAt)}` : ''}
            {picture ? ` · version ${picture.version}, beräknad ${stockholmDateTime(picture.computedAt)}` : ''}
          </BodyShort>
        )}
        <BodyShort>
          <AppLink to={SITUATION_PATH} navigate={navigate}>
            Alla rapportomgångar
          </AppLink>
        </BodyShort>
      </VStack>
      {failed && <Alert variant="warning">Kunde inte hämta lägesbilden. Ladda om sidan om en stund.</Alert>}
      {!picture && notYet === null && !failed && <Loader title="Hämtar lägesbilden" />}
      {notYet !== null && (
        <Alert variant="info">Lägesbilden publiceras vid stoppdagen{notYet ? `, ${stockholmDateTime(notYet)}` : ''}. Till dess kan rapporterna korrigeras.</Alert>
      )}
      {reporter && own && (
        <OwnReport
          roundId={roundId}
          kind={reporter}
          report={own}
          afterCutoff={afterCutoff}
          onSaved={(saved) => {
            setOwn(saved);
            if (picture) setNewerThan(picture.version);
          }}
        />
      )}
      {picture && (
        <>
          <Standings picture={picture} />
          <Select label="Område" value={area} onChange={(e) => setArea(e.target.value)} className="form-column">
            <option value={NATION}>Hela landet</option>
            {sortedCountyCodes(picture.counties).map((code) => (
              <option key={code} value={code}>
                {countyName(code)}
              </option>
            ))}
          </Select>
          <AreaView picture={picture} area={area} />
        </>
      )}
    </VStack>
  );
}

/** Who did not report, who was late, who corrected before and who revised after the cut-off. */
function Standings({ picture }: { picture: SituationPicture }) {
  const names = (filter: (o: SituationPicture['organisations'][number]) => boolean) => picture.organisations.filter(filter).map((o) => o.name);
  const n = picture.nation;
  const groups = [
    { title: 'Har inte rapporterat', names: names((o) => o.standing === 'missing') },
    { title: 'Rapporterade sent', names: names((o) => o.standing === 'late') },
    { title: 'Korrigerade före stoppdagen', names: names((o) => o.corrected) },
    { title: 'Reviderade efter stoppdagen', names: names((o) => o.revised) },
  ];
  return (
    <VStack as="section" gap="space-12" aria-labelledby="standings">
      <Heading level="2" size="medium" id="standings">
        Rapportering
      </Heading>
      <BodyShort>
        Kommuner: {n.municipalities.reported} av {n.municipalities.expected} har rapporterat. Regioner: {n.regions.reported} av {n.regions.expected}.
      </BodyShort>
      <dl className="facts">
        {groups.map((g) => (
          <div key={g.title}>
            <dt>{g.title}</dt>
            <dd>{g.names.length ? g.names.join(', ') : 'Ingen'}</dd>
          </div>
        ))}
      </dl>
    </VStack>
  );
}

const bars = (names: string[], series: { name: string; data: (number | null)[]; type?: 'bar' | 'line' }[], yName?: string): ChartOption => ({
  color: COLORS,
  tooltip: { trigger: 'axis', valueFormatter: (v: number) => swedish(v) },
  legend: { top: 0 },
  grid: { left: 64, right: 32, top: 40, bottom: 64 },
  xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
  yAxis: { type: 'value', name: yName, axisLabel: { formatter: swedish } },
  series: series.map((s) => ({ type: 'bar', ...s })),
});

function AreaView({ picture, area }: { picture: SituationPicture; area: string }) {
  const a: AreaPicture | undefined = area === NATION ? picture.nation : picture.counties[area];
  const where = area === NATION ? 'hela landet' : countyName(area);
  if (!a) return null;
  return (
    <>
      <AbsenceTrend area={area} where={where} />
      <Absence area={a} where={where} />
      <Stock area={a} where={where} />
      <Icu picture={picture} />
    </>
  );
}

function AbsenceTrend({ area, where }: { area: string; where: string }) {
  const { api } = useApi();
  const [trend, setTrend] = useState<Trend | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    setTrend(null);
    void api
      .GET('/situation-reports/trend', { params: { query: area ? { county: area } : {} }, signal: controller.signal })
      .then(({ data }) => !controller.signal.aborted && (data ? setTrend(data) : setFailed(true)))
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [api, area]);
  const weeks = trend?.weeks ?? [];
  const option = useMemo(
    () => ({
      ...bars(
        weeks.map((w) => weekLabel(w.week)),
        STAFF_GROUPS.map((g) => ({ name: `${STAFF_GROUP_LABELS[g]}, kommuner (median %)`, type: 'line' as const, data: weeks.map((w) => medianOf(w.municipalStaffAbsence, g)) })),
        '%',
      ),
    }),
    [weeks],
  );
  const title = `Personalfrånvaro över tid, ${where}`;
  return (
    <VStack as="section" gap="space-12" aria-label={title}>
      <Heading level="2" size="medium">
        {title}
      </Heading>
      {failed && <Alert variant="warning">Kunde inte hämta utvecklingen över tid.</Alert>}
      {!trend && !failed && <Loader title="Hämtar utvecklingen" />}
      {trend && weeks.length === 0 && <BodyShort>Inga publicerade veckor än.</BodyShort>}
      {trend && weeks.length > 0 && (
        <>
          <EChart option={option} label={`Median av kommunernas personalfrånvaro per vecka och personalgrupp, ${where}`} />
          <ReadMore header="Visa som tabell">
            <Table size="small">
              <caption>Personalfrånvaro per vecka (median, procent), {where}</caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">Vecka</Table.HeaderCell>
                  {STAFF_GROUPS.map((g) => (
                    <Table.HeaderCell key={g} scope="col" align="right">
                      {STAFF_GROUP_LABELS[g]}, kommuner
                    </Table.HeaderCell>
                  ))}
                  {STAFF_GROUPS.map((g) => (
                    <Table.HeaderCell key={g} scope="col" align="right">
                      {STAFF_GROUP_LABELS[g]}, regioner
                    </Table.HeaderCell>
                  ))}
                  <Table.HeaderCell scope="col" align="right">Rapporterat</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {weeks.map((w) => (
                  <Table.Row key={w.week}>
                    <Table.HeaderCell scope="row">{weekLabel(w.week)}</Table.HeaderCell>
                    {STAFF_GROUPS.map((g) => (
                      <Table.DataCell key={g} align="right">{percentText(medianOf(w.municipalStaffAbsence, g))}</Table.DataCell>
                    ))}
                    {STAFF_GROUPS.map((g) => (
                      <Table.DataCell key={g} align="right">{percentText(medianOf(w.regionalStaffAbsence, g))}</Table.DataCell>
                    ))}
                    <Table.DataCell align="right">
                      {w.reported} av {w.expected}
                    </Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </ReadMore>
        </>
      )}
    </VStack>
  );
}

function Absence({ area, where }: { area: AreaPicture; where: string }) {
  const title = `Personalfrånvaro denna vecka, ${where}`;
  return (
    <VStack as="section" gap="space-12" aria-label={title}>
      <Heading level="2" size="medium">
        {title}
      </Heading>
      <Table size="small">
        <caption>Personalfrånvaro per personalgrupp (procent), {where}</caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Personalgrupp</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">Kommuner, median</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">Kommuner, lägst–högst</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">Regioner, median</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">Regioner, lägst–högst</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {STAFF_GROUPS.map((g) => {
            const m = area.municipalStaffAbsence[g];
            const r = area.regionalStaffAbsence[g];
            return (
              <Table.Row key={g}>
                <Table.HeaderCell scope="row">{STAFF_GROUP_LABELS[g]}</Table.HeaderCell>
                <Table.DataCell align="right">{percentText(m.median)}</Table.DataCell>
                <Table.DataCell align="right">{m.reported ? `${percentText(m.min)} – ${percentText(m.max)}` : '–'}</Table.DataCell>
                <Table.DataCell align="right">{percentText(r.median)}</Table.DataCell>
                <Table.DataCell align="right">{r.reported ? `${percentText(r.min)} – ${percentText(r.max)}` : '–'}</Table.DataCell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </VStack>
  );
}

function Stock({ area, where }: { area: AreaPicture; where: string }) {
  const option = useMemo(
    () =>
      bars(
        CONSUMABLES.map((c) => CONSUMABLE_LABELS[c]),
        [
          { name: 'Median (dagar)', data: CONSUMABLES.map((c) => area.stockDays[c].median) },
          { name: 'Lägst (dagar)', data: CONSUMABLES.map((c) => area.stockDays[c].min) },
        ],
        'dagar',
      ),
    [area],
  );
  const title = `Lager av skyddsutrustning, ${where}`;
  const reported = CONSUMABLES.some((c) => area.stockDays[c].reported > 0);
  return (
    <VStack as="section" gap="space-12" aria-label={title}>
      <Heading level="2" size="medium">
        {title}
      </Heading>
      {!reported && <BodyShort>Ingen kommun har rapporterat lager.</BodyShort>}
      {reported && (
        <>
          <EChart option={option} label={`Lager i dagar per skyddsutrustning, median och lägst, ${where}`} />
          <ReadMore header="Visa som tabell">
            <Table size="small">
              <caption>Lager i dagar per skyddsutrustning, {where}</caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">Skyddsutrustning</Table.HeaderCell>
                  <Table.HeaderCell scope="col" align="right">Median</Table.HeaderCell>
                  <Table.HeaderCell scope="col" align="right">Lägst</Table.HeaderCell>
                  <Table.HeaderCell scope="col" align="right">Under tröskeln</Table.HeaderCell>
                  <Table.HeaderCell scope="col" align="right">Rapporterat</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {CONSUMABLES.map((c) => {
                  const s = area.stockDays[c];
                  return (
                    <Table.Row key={c}>
                      <Table.HeaderCell scope="row">{CONSUMABLE_LABELS[c]}</Table.HeaderCell>
                      <Table.DataCell align="right">{numberText(s.median)}</Table.DataCell>
                      <Table.DataCell align="right">{numberText(s.min)}</Table.DataCell>
                      <Table.DataCell align="right">{s.belowThreshold}</Table.DataCell>
                      <Table.DataCell align="right">{s.reported}</Table.DataCell>
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </ReadMore>
        </>
      )}
    </VStack>
  );
}

/** Intensive care per region (each county's region), from the picture's counties, in county-code order. */
function Icu({ picture }: { picture: SituationPicture }) {
  const codes = sortedCountyCodes(picture.counties).filter((code) => picture.counties[code].icu.reported > 0);
  const option = useMemo(
    () =>
      bars(
        codes.map((code) => regionName(code)),
        [{ name: 'Beläggning (%)', data: codes.map((code) => picture.counties[code].icu.occupancyPercent) }],
        '%',
      ),
    [codes, picture],
  );
  const n = picture.nation;
  return (
    <VStack as="section" gap="space-12" aria-label="Intensivvård per region">
      <Heading level="2" size="medium">
        Intensivvård per region
      </Heading>
      <BodyShort>
        Hela landet: {n.icu.occupied} av {n.icu.beds} IVA-platser belagda ({percentText(n.icu.occupancyPercent)}), {n.covidInpatients.sum} inneliggande med covid-19.
      </BodyShort>
      {codes.length === 0 && <BodyShort>Ingen region har rapporterat.</BodyShort>}
      {codes.length > 0 && (
        <>
          <EChart option={option} label="Beläggning av IVA-platser per region, procent" />
          <ReadMore header="Visa som tabell">
            <Table size="small">
              <caption>Intensivvård per region</caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">Region</Table.HeaderCell>
                  <Table.HeaderCell scope="col" align="right">IVA-platser</Table.HeaderCell>
                  <Table.HeaderCell scope="col" align="right">Belagda</Table.HeaderCell>
                  <Table.HeaderCell scope="col" align="right">Lediga</Table.HeaderCell>
                  <Table.HeaderCell scope="col" align="right">Beläggning</Table.HeaderCell>
                  <Table.HeaderCell scope="col" align="right">Inneliggande med covid-19</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {codes.map((code) => {
                  const c = picture.counties[code];
                  return (
                    <Table.Row key={code}>
                      <Table.HeaderCell scope="row">{regionName(code)}</Table.HeaderCell>
                      <Table.DataCell align="right">{c.icu.beds}</Table.DataCell>
                      <Table.DataCell align="right">{c.icu.occupied}</Table.DataCell>
                      <Table.DataCell align="right">{c.icu.free}</Table.DataCell>
                      <Table.DataCell align="right">{percentText(c.icu.occupancyPercent)}</Table.DataCell>
                      <Table.DataCell align="right">{c.covidInpatients.sum}</Table.DataCell>
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </ReadMore>
        </>
      )}
    </VStack>
  );
}
