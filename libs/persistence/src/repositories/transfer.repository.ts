import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Beds, CareLevel, Transfer } from '../../../domain/src/transfers/transfer.types';
import { CARE_LEVELS } from '../../../domain/src/transfers/transfer.types';
import { updatedRows } from '../write-result';

export interface CapacityRow {
  region: string;
  careLevel: CareLevel;
  beds: number;
  reserved: number;
  free: number;
  updatedAt: string;
}

export interface TransferReportRow {
  sendingRegion: string;
  receivingRegion: string | null;
  requests: number;
  patients: number;
  admitted: number;
  /** Medians in minutes (null: none). */
  medianMinutesToAcceptance: number | null;
  medianMinutesToAdmission: number | null;
}

export interface ReinforcementReportRow {
  region: string;
  category: string;
  requests: number;
  requested: number;
  allocated: number;
}

/**
 * Transfer capacity, reservations and the transfers' projection; the national reinforcement pool. A reservation is
 * one guarded UPDATE per care level on the region's capacity row (reserved + n ≤ beds, and a CHECK behind it): two
 * requests racing for a region's last bed get one yes and one no, whatever the workflows believe.
 */
@Injectable()
export class TransferRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---- capacity ------------------------------------------------------------------------------------------

  /** A region declares its free beds of a care level; refused (false) below what is already reserved. */
  async declareCapacity(region: string, careLevel: CareLevel, beds: number, by: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO transfer_capacity (region, care_level, beds, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (region, care_level) DO UPDATE SET beds = EXCLUDED.beds, updated_by = EXCLUDED.updated_by, updated_at = now()
         WHERE transfer_capacity.reserved <= EXCLUDED.beds
       RETURNING region`,
      [region, careLevel, beds, by],
    );
    return rows.length > 0;
  }

  async capacity(region?: string): Promise<CapacityRow[]> {
    const rows: (CapacityRow & { updatedAt: Date })[] = await this.dataSource.query(
      `SELECT region, care_level AS "careLevel", beds, reserved, beds - reserved AS free, updated_at AS "updatedAt"
       FROM transfer_capacity WHERE ($1::text IS NULL OR region = $1) ORDER BY region, care_level`,
      [region ?? null],
    );
    return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() }));
  }

  /** Free beds per region and care level (declared less reserved). */
  async freeBeds(): Promise<Map<string, Beds>> {
    const out = new Map<string, Beds>();
    for (const r of await this.capacity()) {
      const beds = out.get(r.region) ?? { icu_ventilator: 0, icu: 0, inpatient: 0 };
      beds[r.careLevel] = r.free;
      out.set(r.region, beds);
    }
    return out;
  }

  /** Reserves `beds` at `region` for a request's round, or says which care level has no room (nothing reserved). */
  async reserve(em: EntityManager, requestId: string, round: number, region: string, beds: Beds): Promise<CareLevel | null> {
    for (const level of CARE_LEVELS) {
      const n = beds[level];
      if (n <= 0) continue;
      const taken = updatedRows(
        await em.query(`UPDATE transfer_capacity SET reserved = reserved + $3 WHERE region = $1 AND care_level = $2 AND reserved + $3 <= beds RETURNING region`, [region, level, n]),
      );
      if (taken.length === 0) return level;
      await em.query(`INSERT INTO transfer_reservations (request_id, round, region, care_level, beds, status) VALUES ($1, $2, $3, $4, $5, 'reserved')`, [requestId, round, region, level, n]);
    }
    return null;
  }

  /** Gives a round's reserved beds back (once: a released or admitted reservation is not released again). */
  async release(em: EntityManager, requestId: string, round: number, to: 'released' | 'admitted'): Promise<number> {
    const rows = updatedRows<{ region: string; care_level: string; beds: number }>(
      await em.query(
        `UPDATE transfer_reservations SET status = $3, closed_at = now() WHERE request_id = $1 AND round = $2 AND status = 'reserved'
         RETURNING region, care_level, beds`,
        [requestId, round, to],
      ),
    );
    for (const r of rows) {
      // Admitted: the beds are occupied now, so the region's free beds shrink with the reservation.
      await em.query(`UPDATE transfer_capacity SET reserved = reserved - $3${to === 'admitted' ? ', beds = beds - $3' : ''} WHERE region = $1 AND care_level = $2`, [r.region, r.care_level, r.beds]);
    }
    return rows.reduce((n, r) => n + r.beds, 0);
  }

  // ---- projection and report -----------------------------------------------------------------------------

  async project(em: EntityManager, t: Transfer & { version: number }): Promise<void> {
    const closedAt = t.closed?.at ?? (t.status === 'admitted' ? t.admittedAt : null) ?? null;
    await em.query(
      `INSERT INTO transfers (id, version, sending_region, receiving_region, status, patients, requested_at, accepted_at, admitted_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, receiving_region = EXCLUDED.receiving_region, status = EXCLUDED.status,
         accepted_at = EXCLUDED.accepted_at, admitted_at = EXCLUDED.admitted_at, closed_at = EXCLUDED.closed_at
       WHERE transfers.version < EXCLUDED.version`,
      [t.requestId, t.version, t.sendingRegion, t.receivingRegion, t.status, t.patients.length, t.requested.at, t.accepted?.at ?? null, t.admittedAt ?? null, closedAt],
    );
  }

  /** Transfers requested in [from, to), per sending and receiving region, with the median times. */
  async report(from: string, to: string): Promise<TransferReportRow[]> {
    return this.dataSource.query(
      `SELECT sending_region AS "sendingRegion", receiving_region AS "receivingRegion", count(*)::int AS requests, sum(patients)::int AS patients,
         count(admitted_at)::int AS admitted,
         round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - requested_at) / 60))::numeric, 1)::float8 AS "medianMinutesToAcceptance",
         round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM admitted_at - requested_at) / 60))::numeric, 1)::float8 AS "medianMinutesToAdmission"
       FROM transfers WHERE requested_at >= $1 AND requested_at < $2
       GROUP BY sending_region, receiving_region ORDER BY sending_region, receiving_region NULLS LAST`,
      [from, to],
    );
  }

  async reinforcementReport(from: string, to: string): Promise<ReinforcementReportRow[]> {
    return this.dataSource.query(
      `SELECT region, category, count(*)::int AS requests, sum(requested)::int AS requested, sum(allocated)::int AS allocated
       FROM reinforcement_allocations WHERE decided_at >= $1 AND decided_at < $2 GROUP BY region, category ORDER BY region, category`,
      [from, to],
    );
  }

  // ---- healthcare regions ------------------------------------------------------------------------------------

  async healthcareRegions(): Promise<Map<string, string>> {
    const rows: { region: string; healthcare_region: string }[] = await this.dataSource.query(`SELECT region, healthcare_region FROM healthcare_regions`);
    return new Map(rows.map((r) => [r.region, r.healthcare_region]));
  }

  async setHealthcareRegion(region: string, healthcareRegion: string, by: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO healthcare_regions (region, healthcare_region, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (region) DO UPDATE SET healthcare_region = EXCLUDED.healthcare_region, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [region, healthcareRegion, by],
    );
  }

  // ---- the reinforcement pool -------------------------------------------------------------------------------

  async setPool(category: string, available: number, by: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO reinforcement_pool (category, available, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (category) DO UPDATE SET available = EXCLUDED.available, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [category, available, by],
    );
  }

  async pool(): Promise<{ category: string; available: number }[]> {
    return this.dataSource.query(`SELECT category, available FROM reinforcement_pool ORDER BY category`);
  }

  /** Books an allocation against the pool: false (nothing booked) when the pool has less than `allocated`. */
  async allocate(em: EntityManager, a: { requestId: string; region: string; category: string; requested: number; allocated: number; reason: string; decidedBy: string; decidedAt: string }): Promise<boolean> {
    if (a.allocated > 0) {
      const taken = updatedRows(await em.query(`UPDATE reinforcement_pool SET available = available - $2 WHERE category = $1 AND available >= $2 RETURNING category`, [a.category, a.allocated]));
      if (taken.length === 0) return false;
    }
    await em.query(
      `INSERT INTO reinforcement_allocations (request_id, region, category, requested, allocated, reason, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a.requestId, a.region, a.category, a.requested, a.allocated, a.reason, a.decidedBy, a.decidedAt],
    );
    return true;
  }
}
