import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { SigningDelegationEntity } from '../entities/signing-delegation.entity';

/** Registered delegations to sign for HSN besides the director of health care. */
@Injectable()
export class SigningDelegationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A delegation registered for signing `scope`, valid on `date` (`YYYY-MM-DD`); null when there is none. */
  async validOn(reference: string, scope: string, date: string): Promise<{ reference: string; holder: string } | null> {
    const validFrom = LessThanOrEqual(date);
    const found = await this.dataSource.getRepository(SigningDelegationEntity).findOne({
      select: { reference: true, holder: true },
      // valid_to IS NULL (open-ended) OR valid_to >= date
      where: [
        { reference, scope, validFrom, validTo: IsNull() },
        { reference, scope, validFrom, validTo: MoreThanOrEqual(date) },
      ],
    });
    return found ? { reference: found.reference, holder: found.holder } : null;
  }
}
