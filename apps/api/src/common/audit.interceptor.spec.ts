import { HttpException } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { outcomeOf } from './audit.interceptor';

describe("a failed request's audit outcome", () => {
  it("is 'unavailable' for a 503 while no worker carries the step out (the step may still follow with its own 'success')", () => {
    expect(outcomeOf(new DomainError(DomainErrorCode.DependencyUnavailable, 'no worker is polling'))).toBe('unavailable');
  });

  it("is 'refused:<status>' for a refusal and 'error' for anything else", () => {
    expect(outcomeOf(new DomainError(DomainErrorCode.NotFound, 'case not found'))).toBe('refused:404');
    expect(outcomeOf(new DomainError(DomainErrorCode.Conflict, 'the case is closed'))).toBe('refused:409');
    expect(outcomeOf(new HttpException('too many', 429))).toBe('refused:429');
    expect(outcomeOf(new Error('boom'))).toBe('error');
  });
});
