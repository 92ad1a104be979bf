/** The answers the reimbursement claim's tasks expect, and the rules beyond their shape. */
import type { AnswerSchema } from '../../../libs/contracts/src/answer-schema';
import { COST_CATEGORIES, CostLine, ReviewDecision } from '../contracts/reimbursement-claim.contract';

const text = (maxLength: number): AnswerSchema => ({ type: 'string', minLength: 1, maxLength });
const date: AnswerSchema = { type: 'string', format: 'date' };

export const COST_LINE_SCHEMA: AnswerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['date', 'category', 'description', 'amountOre', 'documentRef'],
  properties: {
    date,
    category: { type: 'string', enum: [...COST_CATEGORIES] },
    description: text(500),
    amountOre: { type: 'integer', minimum: 1, maximum: 100_000_000_000 },
    documentRef: text(200),
  },
};

export const SCHEMAS = {
  review: {
    type: 'object',
    additionalProperties: false,
    required: ['decision'],
    properties: {
      decision: { type: 'string', enum: ['approve', 'approve_in_part', 'reject', 'send_back'] },
      lines: {
        type: 'array',
        maxItems: 500,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['lineNo', 'approvedOre'],
          properties: { lineNo: { type: 'integer', minimum: 1 }, approvedOre: { type: 'integer', minimum: 0 }, reason: text(1000) },
        },
      },
      reason: text(2000),
      comment: text(2000),
    },
  },
  secondApproval: {
    type: 'object',
    additionalProperties: false,
    required: ['decision'],
    properties: { decision: { type: 'string', enum: ['approve', 'reject'] }, reason: text(2000) },
  },
  amend: {
    type: 'object',
    additionalProperties: false,
    required: ['lines'],
    properties: { lines: { type: 'array', minItems: 1, maxItems: 500, items: COST_LINE_SCHEMA }, comment: text(2000) },
  },
  payment: {
    type: 'object',
    additionalProperties: false,
    required: ['paymentReference', 'paidOn'],
    properties: { paymentReference: text(100), paidOn: date },
  },
  acknowledge: {
    type: 'object',
    additionalProperties: false,
    required: ['acknowledged'],
    properties: { acknowledged: { type: 'boolean', const: true }, comment: text(2000) },
  },
} satisfies Record<string, AnswerSchema>;

/** A partial approval decides every line, never above the claim, with a reason for every reduction. */
export function checkReview(d: ReviewDecision, lines: CostLine[]): string | null {
  if (d.decision === 'reject' && !d.reason) return 'a rejection needs a reason';
  if (d.decision === 'send_back' && !d.comment) return 'sending back needs a comment saying what to complete';
  if (d.decision !== 'approve_in_part') return d.lines ? 'lines belong to a partial approval' : null;
  const decided = d.lines ?? [];
  for (const line of lines) {
    const decision = decided.find((x) => x.lineNo === line.lineNo);
    if (!decision) return `line ${line.lineNo} has no decision`;
    if (decision.approvedOre > line.amountOre) return `line ${line.lineNo}: approved ${decision.approvedOre} öre is more than the claimed ${line.amountOre} öre`;
    if (decision.approvedOre < line.amountOre && !decision.reason) return `line ${line.lineNo}: a reduction needs a reason`;
  }
  const unknown = decided.find((x) => !lines.some((l) => l.lineNo === x.lineNo));
  if (unknown) return `line ${unknown.lineNo} is not in the claim`;
  return null;
}
