/** The answers the discharge handover's tasks expect (enforced by the workflow's update validator). */
import type { AnswerSchema } from '../../../libs/contracts/src/answer-schema';
import { MUNICIPAL_NEEDS, NeedsAssessmentDecision } from '../contracts/discharge-handover.contract';

const text = (maxLength: number): AnswerSchema => ({ type: 'string', minLength: 1, maxLength });
const object = (properties: Record<string, AnswerSchema>, required: string[]): AnswerSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const acknowledged: AnswerSchema = { type: 'boolean', const: true };

export const SCHEMAS = {
  acknowledge: object({ acknowledged, comment: text(2000) }, ['acknowledged']),
  fastVardkontakt: object({ name: text(200), phone: text(40) }, ['name']),
  needsAssessment: object(
    {
      outcome: { type: 'string', enum: ['granted', 'not_needed', 'more_information_requested'] },
      services: { type: 'array', items: { type: 'string', enum: [...MUNICIPAL_NEEDS] }, uniqueItems: true, maxItems: 10 },
      startDate: { type: 'string', format: 'date' },
      question: text(2000),
    },
    ['outcome'],
  ),
  provideInformation: object({ information: text(4000) }, ['information']),
  callSip: object({ plannedSipDate: { type: 'string', format: 'date' }, comment: text(2000) }, ['plannedSipDate']),
  takeover: object({ acknowledged, responsiblePhysician: text(200) }, ['acknowledged']),
  registerDailyAmount: object({ amountOre: { type: 'integer', minimum: 1, maximum: 100_000_000 } }, ['amountOre']),
  invoice: object({ invoiceReference: text(100) }, ['invoiceReference']),
} satisfies Record<string, AnswerSchema>;

/** A decision of services needs the services and their start; asking for more needs the question. */
export function checkNeedsAssessment(d: NeedsAssessmentDecision): string | null {
  if (d.outcome === 'granted' && (!d.services?.length || !d.startDate)) return 'a granted decision needs services and startDate';
  if (d.outcome === 'more_information_requested' && !d.question) return 'asking for more information needs a question';
  if (d.outcome !== 'granted' && (d.services?.length || d.startDate)) return 'services and startDate belong to a granted decision';
  return null;
}
