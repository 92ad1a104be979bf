import { Alert, BodyShort, Heading, Loader, Table, Tag, VStack } from '@navikt/ds-react';
import { useEffect, useState } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { AGREEMENT_STATUS_LABELS, AREA_STATUS_LABELS, isCovered } from '../lib/finance-labels';
import { calendarDate, kronor } from '../lib/money';

type Coverage = Schemas['AreaCoverageDto'];
type Agreement = Schemas['AgreementStateDto'];

export const COORDINATION_PATH = '/samordning';

/** Samordning: who covers each coordination area (uncovered first, as the API orders them), and the support agreement. */
export function Coordination() {
  const { api } = useApi();
  const [areas, setAreas] = useState<Coverage[] | null>(null);
  const [agreement, setAgreement] = useState<Agreement | null | 'none'>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    void (async () => {
      const [coverage, state] = await Promise.all([api.GET('/coordination/areas', { signal }), api.GET('/coordination/agreement', { signal })]);
      if (signal.aborted) return;
      if (!coverage.data) setFailed(true);
      setAreas(coverage.data ?? []);
      setAgreement(state.data ?? 'none');
    })().catch(() => !signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [api]);

  const covered = areas?.filter((a) => isCovered(a.status)).length ?? 0;
  return (
    <VStack gap="space-24" as="main" padding="space-24">
      <Heading level="1" size="large">
        Samordning
      </Heading>
      {failed && <Alert variant="warning">Kunde inte hämta täckningen. Ladda om sidan om en stund.</Alert>}
      {!areas && !failed && <Loader title="Hämtar samordningsområden" />}
      {areas && (
        <VStack gap="space-8">
          <Heading level="2" size="medium">
            Täckning
          </Heading>
          <BodyShort>
            {covered} av {areas.length} områden har en samordnande vårdcentral. Områden utan täckning står först.
          </BodyShort>
          <Table zebraStripes>
            <caption>Samordningsområden i dag</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Område</Table.HeaderCell>
                <Table.HeaderCell scope="col">Status</Table.HeaderCell>
                <Table.HeaderCell scope="col">Vårdcentral</Table.HeaderCell>
                <Table.HeaderCell scope="col">SLSO:s kontakt</Table.HeaderCell>
                <Table.HeaderCell scope="col">Från</Table.HeaderCell>
                <Table.HeaderCell scope="col" align="right">Försenade uppgifter</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {areas.map((a) => (
                <Table.Row key={a.areaCode}>
                  <Table.HeaderCell scope="row">
                    {a.areaName} ({a.areaCode})
                  </Table.HeaderCell>
                  <Table.DataCell>
                    <Tag size="small" variant={isCovered(a.status) ? 'success' : 'error'}>
                      {AREA_STATUS_LABELS[a.status]}
                    </Tag>
                  </Table.DataCell>
                  <Table.DataCell>{a.vardcentralCode ?? (a.pendingVardcentralCode ? `${a.pendingVardcentralCode} (väntar på svar)` : '–')}</Table.DataCell>
                  <Table.DataCell>{a.slsoContact ?? '–'}</Table.DataCell>
                  <Table.DataCell>{a.startDate ? calendarDate(a.startDate) : '–'}</Table.DataCell>
                  <Table.DataCell align="right">{a.overdueTasks}</Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </VStack>
      )}
      <AgreementView agreement={agreement} />
    </VStack>
  );
}

const SEK = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });

function AgreementView({ agreement }: { agreement: Agreement | null | 'none' }) {
  if (agreement === null) return null;
  if (agreement === 'none') {
    return (
      <VStack gap="space-8">
        <Heading level="2" size="medium">
          Stödavtalet HSN–SLSO
        </Heading>
        <BodyShort>Stödavtalet finns inte för din organisation och roll, eller har inte startats.</BodyShort>
      </VStack>
    );
  }
  const decision = (org: 'HSN' | 'SLSO') => {
    const d = agreement.decisions[org];
    return d ? `${org}: beslut ${d.reference} den ${calendarDate(d.decidedOn)}` : `${org}: inget beslut än`;
  };
  return (
    <VStack gap="space-8">
      <Heading level="2" size="medium">
        Stödavtalet HSN–SLSO
      </Heading>
      <div>
        <Tag variant="info">{AGREEMENT_STATUS_LABELS[agreement.status]}</Tag>
      </div>
      <BodyShort>
        {decision('HSN')}. {decision('SLSO')}.
        {agreement.effectiveDate ? ` Gäller från ${calendarDate(agreement.effectiveDate)}.` : ''}
        {agreement.notice ? ` Uppsagt den ${calendarDate(agreement.notice.givenOn)}, upphör ${calendarDate(agreement.notice.endsOn)}.` : ''}
      </BodyShort>
      {agreement.years.length > 0 && (
        <Table>
          <caption>Årliga ersättningar och utbetalningar</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">År</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Årets ersättning</Table.HeaderCell>
              <Table.HeaderCell scope="col">LPIK</Table.HeaderCell>
              <Table.HeaderCell scope="col">Utbetalning</Table.HeaderCell>
              <Table.HeaderCell scope="col">Förfaller</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Belopp</Table.HeaderCell>
              <Table.HeaderCell scope="col">Betald</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {agreement.years.flatMap((y) =>
              (y.payments.length ? y.payments : [null]).map((p, i) => (
                <Table.Row key={`${y.year}-${p?.instalment ?? 0}`}>
                  <Table.HeaderCell scope="row">{i === 0 ? y.year : ''}</Table.HeaderCell>
                  <Table.DataCell align="right">{i === 0 ? SEK.format(y.amountKr) : ''}</Table.DataCell>
                  <Table.DataCell>{i === 0 ? (y.lpikHundredths === null ? 'ej registrerat' : `${(y.lpikHundredths / 100).toLocaleString('sv-SE')} %`) : ''}</Table.DataCell>
                  <Table.DataCell>{p ? `${p.instalment}` : '–'}</Table.DataCell>
                  <Table.DataCell>{p ? calendarDate(p.dueOn) : '–'}</Table.DataCell>
                  <Table.DataCell align="right">{p ? kronor(p.amountOre) : '–'}</Table.DataCell>
                  <Table.DataCell>{p?.paidOn ? `${calendarDate(p.paidOn)} (${p.paymentReference ?? ''})` : p ? 'Nej' : '–'}</Table.DataCell>
                </Table.Row>
              )),
            )}
          </Table.Body>
        </Table>
      )}
    </VStack>
  );
}
