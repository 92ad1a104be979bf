import { Button, Fieldset, HStack, Select, TextField, VStack } from '@navikt/ds-react';
import type { Schemas } from '../api/client';
import { COST_CATEGORY_LABELS } from '../lib/finance-labels';

type CostCategory = Schemas['CostLineViewDto']['category'];

/** A cost line as typed: the amount in kronor, as text until it is sent. */
export interface CostLineDraft {
  key: number;
  date: string;
  category: CostCategory | '';
  description: string;
  amountKr: string;
  documentRef: string;
}

let nextKey = 1;
export const emptyLine = (date = ''): CostLineDraft => ({ key: nextKey++, date, category: '', description: '', amountKr: '', documentRef: '' });

/** Errors by field path as the API names them (`lines.0.amountOre`, `lines[0].date`), normalised to `lines.0.x`. */
export type FieldErrors = Record<string, string>;
export const fieldPath = (field: string) => field.replace(/\[(\d+)\]/g, '.$1');

/** The API's error body as errors by field (its `fields`, or its one `field`). */
export const fieldErrorsOf = (body: { field?: string; message?: string; fields?: { field: string; message: string }[] } | undefined): FieldErrors =>
  Object.fromEntries((body?.fields ?? (body?.field ? [{ field: body.field, message: body.message ?? '' }] : [])).map((f) => [fieldPath(f.field), f.message]));

/** The cost lines of a claim, one fieldset each, with their errors at the field. */
export function CostLinesEditor({ lines, onChange, errors }: { lines: CostLineDraft[]; onChange(lines: CostLineDraft[]): void; errors: FieldErrors }) {
  const set = (i: number, change: Partial<CostLineDraft>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...change } : l)));
  const error = (i: number, name: string) => errors[`lines.${i}.${name}`];
  return (
    <VStack gap="space-16">
      {lines.map((line, i) => (
        <Fieldset key={line.key} legend={`Kostnadsrad ${i + 1}`} error={error(i, 'line')}>
          <HStack gap="space-16" wrap>
            <TextField label="Datum" description="ÅÅÅÅ-MM-DD" autoComplete="off" value={line.date} onChange={(e) => set(i, { date: e.target.value })} error={error(i, 'date')} />
            <Select label="Kategori" value={line.category} onChange={(e) => set(i, { category: e.target.value as CostCategory })} error={error(i, 'category')}>
              <option value="">Välj kategori</option>
              {Object.entries(COST_CATEGORY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
            <TextField label="Belopp (kr)" inputMode="decimal" value={line.amountKr} onChange={(e) => set(i, { amountKr: e.target.value })} error={error(i, 'amountOre')} />
          </HStack>
          <TextField label="Beskrivning" value={line.description} onChange={(e) => set(i, { description: e.target.value })} error={error(i, 'description')} />
          <TextField label="Underlag (referens)" value={line.documentRef} onChange={(e) => set(i, { documentRef: e.target.value })} error={error(i, 'documentRef')} />
          {lines.length > 1 && (
            <div>
              <Button type="button" variant="tertiary" size="small" onClick={() => onChange(lines.filter((_, j) => j !== i))}>
                Ta bort kostnadsrad {i + 1}
              </Button>
            </div>
          )}
        </Fieldset>
      ))}
      <div>
        <Button type="button" variant="secondary" onClick={() => onChange([...lines, emptyLine(lines[lines.length - 1]?.date)])}>
          Lägg till kostnadsrad
        </Button>
      </div>
    </VStack>
  );
}
