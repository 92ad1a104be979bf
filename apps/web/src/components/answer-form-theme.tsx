/**
 * @rjsf's widgets and templates on NAV's Aksel components, so a task's form looks like the rest of the app and
 * keeps Aksel's accessibility (labels tied to inputs, errors tied to fields). Each widget shows its own label and
 * its field's first error; rjsf's own labels, error lines and help are switched off.
 */
import { BodyShort, Button, Checkbox, CheckboxGroup, ErrorSummary, Fieldset, HStack, Radio, RadioGroup, Select, Textarea, TextField, VStack } from '@navikt/ds-react';
import { getSubmitButtonOptions } from '@rjsf/utils';
import type {
  ErrorListProps,
  FieldTemplateProps,
  ObjectFieldTemplateProps,
  RegistryWidgetsType,
  SubmitButtonProps,
  TemplatesType,
  WidgetProps,
} from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { decimalInput, parseDecimal } from '../lib/decimal-input';
import { oreToKronorInput, parseKronor } from '../lib/money';
import { useOrganisations } from '../lib/organisations';
import { stockholmWallTimeToInstant } from '../lib/stockholm-input';
import { enumLabel } from '../lib/task-texts';
import { candidateText, initialOrder, moveRegion, type Candidate } from '../lib/region-order';

const firstError = (rawErrors?: string[]) => (rawErrors && rawErrors.length > 0 ? rawErrors[0] : undefined);
const emptyToUndefined = (value: string) => (value === '' ? undefined : value);

function TextWidget({ id, label, value, required, disabled, readonly, rawErrors, onChange, onBlur, onFocus, schema, options }: WidgetProps) {
  const integer = schema.type === 'integer';
  return (
    <TextField
      id={id}
      label={label}
      description={options.description as string | undefined}
      value={value ?? ''}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      error={firstError(rawErrors)}
      inputMode={integer ? 'numeric' : undefined}
      autoComplete="off"
      onChange={(e) => onChange(integer ? (e.target.value === '' ? undefined : Number(e.target.value)) : emptyToUndefined(e.target.value))}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

/**
 * An amount in öre (an integer field named …Ore), typed in kronor: "42 000" or "950,50". What was typed stays as
 * typed; the form holds the exact öre, or the text itself while it is no amount (which the validator then names).
 */
function KronorWidget({ id, label, value, required, disabled, readonly, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  const [text, setText] = useState(() => (typeof value === 'number' ? oreToKronorInput(value) : typeof value === 'string' ? value : ''));
  const change = (typed: string) => {
    setText(typed);
    onChange(typed.trim() === '' ? undefined : (parseKronor(typed) ?? typed));
  };
  return (
    <TextField
      id={id}
      label={label}
      value={text}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      error={firstError(rawErrors)}
      inputMode="decimal"
      autoComplete="off"
      onChange={(e) => change(e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

/**
 * A decimal (answerSchema type `number`, e.g. a percentage with one decimal), typed the Swedish way: "9,5" (or "9.5").
 * What was typed stays as typed; the form holds the number, or the text itself while it is no number with at most
 * one decimal (which the validator then names).
 */
function DecimalWidget({ id, label, value, required, disabled, readonly, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  const [text, setText] = useState(() => (typeof value === 'number' ? decimalInput(value) : typeof value === 'string' ? value : ''));
  const change = (typed: string) => {
    setText(typed);
    onChange(typed.trim() === '' ? undefined : (parseDecimal(typed) ?? typed));
  };
  return (
    <TextField
      id={id}
      label={label}
      value={text}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      error={firstError(rawErrors)}
      inputMode="decimal"
      autoComplete="off"
      htmlSize={8}
      onChange={(e) => change(e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

function DateWidget(props: WidgetProps) {
  const { id, label, value, required, disabled, readonly, rawErrors, onChange, onBlur, onFocus } = props;
  return (
    <TextField
      id={id}
      label={label}
      // A native date input: the browser's own accessible date entry; its value is always YYYY-MM-DD.
      {...{ type: 'date' as 'text' }}
      className="answer-date"
      value={value ?? ''}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      error={firstError(rawErrors)}
      onChange={(e) => onChange(emptyToUndefined(e.target.value))}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

/** The wall time of an instant in Stockholm as a datetime-local value ("2026-11-30T09:15"). */
const stockholmWallTime = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso))
    .replace(' ', 'T');

/**
 * An instant (answerSchema format `date-time`), typed as Stockholm wall time in a native datetime-local input whatever
 * the computer's zone. The form holds the ISO instant, or the text itself while it is no Stockholm time (the night
 * the clocks skip an hour), which the validator then names.
 */
function DateTimeWidget({ id, label, value, required, disabled, readonly, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  const [text, setText] = useState(() => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? stockholmWallTime(value) : ''));
  const change = (typed: string) => {
    setText(typed);
    onChange(typed === '' ? undefined : (stockholmWallTimeToInstant(typed) ?? typed));
  };
  return (
    <TextField
      id={id}
      label={label}
      description="Svensk tid"
      {...{ type: 'datetime-local' as 'text' }}
      value={text}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      error={firstError(rawErrors)}
      onChange={(e) => change(e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

/**
 * Socialstyrelsen's approval of a transfer's proposal (`order`, region codes): the proposed regions listed with
 * what they have free, each with a box (gets an offer) and Upp/Ned to reorder; the answer is the ticked regions in
 * the list's order. The regions that fit the request start ticked, in the proposal's order.
 */
function RegionOrderWidget({ id, label, value, disabled, rawErrors, onChange, options }: WidgetProps) {
  const { name } = useOrganisations();
  const proposal = (options.proposal ?? []) as Candidate[];
  // The list's order and the ticked regions live here; the form holds the answer (the ticked ones in order). rjsf
  // starts an array field as [], so an empty answer is no answer: the proposal's regions that fit start ticked.
  const [rows, setRows] = useState(() => initialOrder(proposal, Array.isArray(value) ? value : undefined));
  const answered = Array.isArray(value) && value.some((r) => typeof r === 'string' && rows.order.includes(r));
  const chosen = new Set(rows.checked);
  const emit = (order: string[], ticked: string[]) => {
    setRows({ order, checked: ticked });
    const next = order.filter((r) => ticked.includes(r));
    onChange(next.length ? next : undefined);
  };
  useEffect(() => {
    if (!answered && rows.checked.length > 0) onChange(rows.order.filter((r) => rows.checked.includes(r)));
    // Once, when the form opens.
  }, []);
  const toggle = (region: string, on: boolean) => emit(rows.order, on ? [...rows.checked, region] : rows.checked.filter((r) => r !== region));
  const move = (region: string, by: -1 | 1) => emit(moveRegion(rows.order, region, by), rows.checked);
  const byCode = new Map(proposal.map((c) => [c.region, c]));
  return (
    <Fieldset id={id} legend={label} description="Kryssa i regionerna som ska få erbjudande. Erbjudandena går ut i ordningen uppifrån." error={firstError(rawErrors)}>
      <ol className="region-order">
        {rows.order.map((region, i) => {
          const c = byCode.get(region);
          const regionName = name(region);
          return (
            <li key={region}>
              <HStack gap="space-8" align="center" justify="space-between" wrap={false}>
                <div>
                  <Checkbox value={region} checked={chosen.has(region)} disabled={disabled} onChange={(e) => toggle(region, e.target.checked)}>
                    {i + 1}. {regionName}
                  </Checkbox>
                  {c && (
                    <BodyShort size="small" textColor="subtle">
                      {candidateText(c)}
                    </BodyShort>
                  )}
                </div>
                <HStack gap="space-4" wrap={false}>
                  <Button type="button" size="small" variant="tertiary" disabled={disabled || i === 0} onClick={() => move(region, -1)} aria-label={`Flytta upp ${regionName}`}>
                    Upp
                  </Button>
                  <Button type="button" size="small" variant="tertiary" disabled={disabled || i === rows.order.length - 1} onClick={() => move(region, 1)} aria-label={`Flytta ned ${regionName}`}>
                    Ned
                  </Button>
                </HStack>
              </HStack>
            </li>
          );
        })}
      </ol>
    </Fieldset>
  );
}

function TextareaWidget({ id, label, value, required, disabled, readonly, rawErrors, onChange, onBlur, onFocus, schema }: WidgetProps) {
  return (
    <Textarea
      id={id}
      label={label}
      value={value ?? ''}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : undefined}
      i18n={{ counterLeft: 'tecken kvar', counterTooMuch: 'tecken för mycket' }}
      error={firstError(rawErrors)}
      onChange={(e) => onChange(emptyToUndefined(e.target.value))}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

function SelectWidget({ id, label, value, required, disabled, rawErrors, onChange, options }: WidgetProps) {
  return (
    <Select id={id} label={label} value={value ?? ''} required={required} disabled={disabled} error={firstError(rawErrors)} onChange={(e) => onChange(emptyToUndefined(e.target.value))}>
      <option value="">Välj</option>
      {(options.enumOptions ?? []).map((o) => (
        <option key={String(o.value)} value={String(o.value)}>
          {enumLabel(String(o.value))}
        </option>
      ))}
    </Select>
  );
}

function RadioWidget({ id, label, value, disabled, rawErrors, onChange, options }: WidgetProps) {
  return (
    <RadioGroup id={id} legend={label} value={value ?? null} disabled={disabled} error={firstError(rawErrors)} onChange={(v: string) => onChange(v)}>
      {(options.enumOptions ?? []).map((o) => (
        <Radio key={String(o.value)} value={String(o.value)}>
          {enumLabel(String(o.value))}
        </Radio>
      ))}
    </RadioGroup>
  );
}

/** A single yes (e.g. "Jag kvitterar"): a one-box group, so the error has a place beside it. */
function CheckboxWidget({ id, label, value, disabled, rawErrors, onChange }: WidgetProps) {
  return (
    <CheckboxGroup id={`${id}-group`} legend={label} hideLegend value={value ? [id] : []} error={firstError(rawErrors)} onChange={(v: string[]) => onChange(v.includes(id) ? true : undefined)}>
      <Checkbox id={id} value={id} disabled={disabled}>
        {label}
      </Checkbox>
    </CheckboxGroup>
  );
}

function CheckboxesWidget({ id, label, value, disabled, rawErrors, onChange, options }: WidgetProps) {
  return (
    <CheckboxGroup id={id} legend={label} value={Array.isArray(value) ? value : []} error={firstError(rawErrors)} onChange={(v: string[]) => onChange(v)}>
      {(options.enumOptions ?? []).map((o) => (
        <Checkbox key={String(o.value)} value={String(o.value)} disabled={disabled}>
          {enumLabel(String(o.value))}
        </Checkbox>
      ))}
    </CheckboxGroup>
  );
}

export const AKSEL_WIDGETS: RegistryWidgetsType = {
  TextWidget,
  TextareaWidget,
  SelectWidget,
  RadioWidget,
  CheckboxWidget,
  CheckboxesWidget,
  DateWidget,
  UpDownWidget: TextWidget,
  kronor: KronorWidget,
  decimal: DecimalWidget,
  datetime: DateTimeWidget,
  regionOrder: RegionOrderWidget,
};

function FieldTemplate({ children, hidden }: FieldTemplateProps) {
  return hidden ? null : <>{children}</>;
}

/** The answer's fields; a group inside it (e.g. absence per staff group) as a fieldset with its label as legend. */
function ObjectFieldTemplate({ properties, title, fieldPathId }: ObjectFieldTemplateProps) {
  const fields = (
    <VStack gap="space-20">
      {properties.filter((p) => !p.hidden).map((p) => (
        <div key={p.name}>{p.content}</div>
      ))}
    </VStack>
  );
  if (fieldPathId.path.length === 0) return fields;
  return (
    <Fieldset legend={title} id={fieldPathId.$id}>
      {fields}
    </Fieldset>
  );
}

/** The form's errors above it, each a link to its field (Aksel's ErrorSummary). */
function ErrorListTemplate({ errors }: ErrorListProps) {
  return (
    <ErrorSummary heading="Rätta följande innan du skickar" className="answer-errors">
      {errors.map((e, i) => (
        <ErrorSummary.Item key={i} href={`#root${(e.property ?? '').replace(/\./g, '_')}`}>
          {e.message}
        </ErrorSummary.Item>
      ))}
    </ErrorSummary>
  );
}

function SubmitButton({ uiSchema }: SubmitButtonProps) {
  const { submitText, norender } = getSubmitButtonOptions(uiSchema);
  return norender ? null : <Button type="submit">{submitText === 'Submit' ? 'Skicka' : submitText}</Button>;
}

const Nothing = () => null;

export const AKSEL_TEMPLATES: Partial<TemplatesType> = {
  FieldTemplate,
  ObjectFieldTemplate,
  ErrorListTemplate,
  FieldErrorTemplate: Nothing,
  FieldHelpTemplate: Nothing,
  DescriptionFieldTemplate: Nothing,
  TitleFieldTemplate: Nothing,
  ButtonTemplates: { SubmitButton } as TemplatesType['ButtonTemplates'],
};
