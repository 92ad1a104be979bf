/**
 * @rjsf's widgets and templates on NAV's Aksel components, so a task's form looks like the rest of the app and
 * keeps Aksel's accessibility (labels tied to inputs, errors tied to fields). Each widget shows its own label and
 * its field's first error; rjsf's own labels, error lines and help are switched off.
 */
import { Button, Checkbox, CheckboxGroup, ErrorSummary, Fieldset, Radio, RadioGroup, Select, Textarea, TextField, VStack } from '@navikt/ds-react';
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
import { useState } from 'react';
import { decimalInput, parseDecimal } from '../lib/decimal-input';
import { oreToKronorInput, parseKronor } from '../lib/money';
import { enumLabel } from '../lib/task-texts';

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
