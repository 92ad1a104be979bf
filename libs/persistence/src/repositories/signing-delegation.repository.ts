import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Registered delegations to sign for HSN besides the director of health care. */
@Injectable()
export class SigningDelegationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A delegation registered for signing `scope`, valid on `date`; null when there is none. */
  async validOn(reference: string, scope: string, date: string): Promise<{ reference: string; holder: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT reference, holder FROM signing_delegations
       WHERE reference = $1 AND scope = $2 AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to >= $3::date)`,
      [reference, scope, date],
    );
    return row ?? null;
  }
}
