/**
 * Ny utskrivning: the hospital's inskrivningsmeddelande (POST /discharge-handovers). The personnummer is checked as
 * it is typed by the API's own rule (libs/domain/src/personnummer.ts: date and check digit), field errors from the
 * API land at their field, and the new case opens by its id: the personnummer never reaches a URL.
 */
import { Alert, BodyShort, Button, Checkbox, CheckboxGroup, Heading, HStack, Radio, RadioGroup, Select, TextField, VStack } from '@navikt/ds-react';
import { useMemo, useState, type FormEvent } from 'react';
import { NO_STOCKHOLM_TIME, stockholmWallTimeToInstant } from '../lib/stockholm-input';
import { isValidPersonnummer } from '../../../../libs/domain/src/personnummer';
import { personnummerProblem } from '../lib/personnummer-input';
import type { Schemas } from '../api/client';
import { useApi, useDraft, useSession } from '../auth/session';
import { readError } from '../lib/api-errors';
import { CARE_TYPE_LABELS, MUNICIPAL_NEED_LABELS, REGION_NEED_LABELS } from '../lib/case-texts';
import { PATHS, useNavigate } from '../lib/navigation';
import { useOrganisations } from '../lib/organisations';

type Body = Schemas['StartDischargeHandoverDto'];
type MunicipalNeed = Body['needs']['municipal'][number];
type RegionNeed = Body['needs']['region'][number];
type Field = 'personnummer' | 'patientName' | 'municipalityCode' | 'vardcentralCode' | 'admittedAt' | 'needsJudgedAt' | 'estimatedDischargeDate' | 'careType' | 'asihCode' | 'municipal' | 'region';

/** The API's field path as this form's field. */
const formField = (path: string): Field | undefined => {
  if (path.startsWith('needs.municipal')) return 'municipal';
  if (path.startsWith('needs.region') || path === 'needs') return 'region';
  return (['personnummer', 'patientName', 'municipalityCode', 'vardcentralCode', 'admittedAt', 'needsJudgedAt', 'estimatedDischargeDate', 'careType', 'asihCode'] as const).find((f) => f === path);
};

function swedishFieldError(field: Field, message: string): string {
  if (/in the future/.test(message)) return 'Tiden ligger i framtiden.';
  if (/days ago/.test(message)) return 'Inskrivningen ligger för långt tillbaka.';
  if (/before the admission/.test(message)) return 'Datumet ligger före inskrivningen.';
  if (/days ahead/.test(message)) return 'Datumet ligger mer än ett år fram.';
  if (/is not an active/.test(message)) return 'Organisationen finns inte eller är inte aktiv.';
  if (field === 'personnummer') return 'Personnumret är inte giltigt.';
  return `Kontrollera fältet (${message}).`;
}

/** The form's drafts in the session's draft store. */
const DRAFT = 'ny-utskrivning';

export function NewDischarge() {
  const { api } = useApi();
  const navigate = useNavigate();
  const { list } = useOrganisations();
  const { drafts } = useSession();
  // The values are drafts (in memory): a session that expires half-way gives them back after the new sign-in.
  // One key per filled-in form: a retried send opens the same case, never two.
  const [key] = useDraft(`${DRAFT}:key`, () => `ny-utskrivning-${crypto.randomUUID()}`);
  const [personnummer, setPersonnummer] = useDraft(`${DRAFT}:personnummer`, '');
  const [patientName, setPatientName] = useDraft(`${DRAFT}:patientName`, '');
  const [municipalityCode, setMunicipalityCode] = useDraft(`${DRAFT}:municipalityCode`, '');
  const [vardcentralCode, setVardcentralCode] = useDraft(`${DRAFT}:vardcentralCode`, '');
  const [admittedAt, setAdmittedAt] = useDraft(`${DRAFT}:admittedAt`, '');
  const [estimatedDischargeDate, setEstimatedDischargeDate] = useDraft(`${DRAFT}:estimatedDischargeDate`, '');
  const [careType, setCareType] = useDraft<Body['careType'] | ''>(`${DRAFT}:careType`, '');
  const [asihCode, setAsihCode] = useDraft(`${DRAFT}:asihCode`, '');
  const [municipal, setMunicipal] = useDraft<MunicipalNeed[]>(`${DRAFT}:municipal`, []);
  const [region, setRegion] = useDraft<RegionNeed[]>(`${DRAFT}:region`, []);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const active = list.filter((o) => o.active);
  const municipalities = useMemo(() => active.filter((o) => o.kind === 'municipality' || o.kind === 'city_district'), [active]);
  const vardcentraler = useMemo(() => active.filter((o) => o.kind === 'vardcentral'), [active]);
  const asihUnits = useMemo(() => active.filter((o) => o.kind === 'asih'), [active]);
  const pnrProblem = personnummerProblem(personnummer);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const admitted = stockholmWallTimeToInstant(admittedAt);
    const found: Partial<Record<Field, string>> = {
      personnummer: personnummer.trim() === '' ? 'Skriv patientens personnummer.' : (pnrProblem ?? (isValidPersonnummer(personnummer.trim()) ? undefined : 'Personnumret är inte komplett.')),
      patientName: patientName.trim() ? undefined : 'Skriv patientens namn.',
      municipalityCode: municipalityCode ? undefined : 'Välj patientens kommun.',
      vardcentralCode: vardcentralCode ? undefined : 'Välj patientens vårdcentral.',
      admittedAt: !admittedAt ? 'Ange när patienten skrevs in.' : admitted ? undefined : NO_STOCKHOLM_TIME,
      estimatedDischargeDate: estimatedDischargeDate ? undefined : 'Ange beräknat utskrivningsdatum.',
      careType: careType ? undefined : 'Välj vårdform.',
    };
    const shown = Object.fromEntries(Object.entries(found).filter(([, v]) => v)) as Partial<Record<Field, string>>;
    setErrors(shown);
    setProblem(null);
    if (Object.keys(shown).length > 0 || !admitted) {
      document.getElementById(`ny-${Object.keys(shown)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    const body: Body = {
      personnummer: personnummer.trim(),
      patientName: patientName.trim(),
      municipalityCode,
      vardcentralCode,
      admittedAt: admitted,
      estimatedDischargeDate,
      careType: careType as Body['careType'],
      ...(asihCode ? { asihCode } : {}),
      needs: { municipal, region },
    };
    const { data, error, response } = await api.POST('/discharge-handovers', { params: { header: { 'Idempotency-Key': key } }, body });
    setBusy(false);
    if (data) {
      drafts.discard(DRAFT);
      navigate(PATHS.case(data.caseId));
      return;
    }
    const e = readError(response.status, error);
    const atFields: Partial<Record<Field, string>> = {};
    for (const [path, message] of Object.entries(e.fields)) {
      const f = formField(path);
      if (f) atFields[f] ??= swedishFieldError(f, message);
    }
    setErrors(atFields);
    setProblem(Object.keys(atFields).length > 0 ? 'Meddelandet skickades inte. Rätta fälten som är markerade.' : `Meddelandet skickades inte: ${e.message}`);
  };

  return (
    <VStack as="main" gap="space-24" padding="space-24" className="new-discharge">
      <Heading level="1" size="large">
        Ny utskrivning
      </Heading>
      <BodyShort>Inskrivningsmeddelande till patientens kommun och vårdcentral. Skickas inom 24 timmar från inskrivningen.</BodyShort>
      <form method="post" onSubmit={(e) => void submit(e)} noValidate>
        <VStack gap="space-20" className="form-column">
          <TextField
            id="ny-personnummer"
            label="Personnummer"
            description="12 siffror, t.ex. 19121212-1212"
            autoComplete="off"
            inputMode="numeric"
            value={personnummer}
            onChange={(e) => setPersonnummer(e.target.value)}
            error={errors.personnummer ?? pnrProblem}
          />
          <TextField id="ny-patientName" label="Patientens namn" autoComplete="off" value={patientName} onChange={(e) => setPatientName(e.target.value)} error={errors.patientName} />
          <Select id="ny-municipalityCode" label="Kommun" value={municipalityCode} onChange={(e) => setMunicipalityCode(e.target.value)} error={errors.municipalityCode}>
            <option value="">Välj kommun</option>
            {municipalities.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </Select>
          <Select id="ny-vardcentralCode" label="Vårdcentral" value={vardcentralCode} onChange={(e) => setVardcentralCode(e.target.value)} error={errors.vardcentralCode}>
            <option value="">Välj vårdcentral</option>
            {vardcentraler.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </Select>
          <HStack gap="space-16">
            <TextField id="ny-admittedAt" label="Inskriven" {...{ type: 'datetime-local' as 'text' }} value={admittedAt} onChange={(e) => setAdmittedAt(e.target.value)} error={errors.admittedAt} />
            <TextField
              id="ny-estimatedDischargeDate"
              label="Beräknat utskrivningsdatum"
              {...{ type: 'date' as 'text' }}
              value={estimatedDischargeDate}
              onChange={(e) => setEstimatedDischargeDate(e.target.value)}
              error={errors.estimatedDischargeDate}
            />
          </HStack>
          <RadioGroup id="ny-careType" legend="Vårdform" value={careType} onChange={(v: Body['careType']) => setCareType(v)} error={errors.careType}>
            {(Object.keys(CARE_TYPE_LABELS) as Body['careType'][]).map((c) => (
              <Radio key={c} value={c}>
                {CARE_TYPE_LABELS[c]}
              </Radio>
            ))}
          </RadioGroup>
          <CheckboxGroup id="ny-municipal" legend="Förväntade behov av kommunens insatser" value={municipal} onChange={(v: MunicipalNeed[]) => setMunicipal(v)} error={errors.municipal}>
            {(Object.keys(MUNICIPAL_NEED_LABELS) as MunicipalNeed[]).map((n) => (
              <Checkbox key={n} value={n}>
                {MUNICIPAL_NEED_LABELS[n]}
              </Checkbox>
            ))}
          </CheckboxGroup>
          <CheckboxGroup id="ny-region" legend="Förväntade behov av regionens insatser" value={region} onChange={(v: RegionNeed[]) => setRegion(v)} error={errors.region}>
            {(Object.keys(REGION_NEED_LABELS) as RegionNeed[]).map((n) => (
              <Checkbox key={n} value={n}>
                {REGION_NEED_LABELS[n]}
              </Checkbox>
            ))}
          </CheckboxGroup>
          <Select id="ny-asihCode" label="ASIH vid helg och helgdag (valfri)" value={asihCode} onChange={(e) => setAsihCode(e.target.value)} error={errors.asihCode}>
            <option value="">Standard för regionen</option>
            {asihUnits.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </Select>
          {problem && (
            <Alert variant="error" role="alert">
              {problem}
            </Alert>
          )}
          <div>
            <Button type="submit" loading={busy}>
              Skicka inskrivningsmeddelande
            </Button>
          </div>
        </VStack>
      </form>
    </VStack>
  );
}
