import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { newDataKey, openSubject, PatientSubject, sealSubject, unwrapDataKey, wrapDataKey } from '../../../crypto/src/case-data-key';
import { KEY_RING } from '../../../crypto/src/crypto.module';
import { KeyRing, MissingKeyError } from '../../../crypto/src/key-ring';
import { DomainError, DomainErrorCode } from '../../../domain/src/domain-error';
import { patientIndex } from '../../../crypto/src/patient-index';
import { AuditRepository } from '../audit/audit.repository';

/** Statuses of the cases the legacy workflows projected without `waiting_for`, that mean the case has ended. */
const LEGACY_ENDED_STATUSES = ['discharged', 'cancelled'];

/** The blind index of a personnummer, or null for one that does not parse (a legacy row; never guessed). */
function indexOf(ring: KeyRing, personnummer: string): string | null {
  try {
    return patientIndex(ring, personnummer);
  } catch {
    return null;
  }
}

/**
 * The patient's data at rest (issue 13): each case's personnummer and name sealed with the case's own data key,
 * the key wrapped by the key ring in `case_data_keys`, the personnummer's blind index in `cases.patient_index`.
 * Erasure destroys the wrapped key: every sealed copy (the row, the workflow's input and history, backups) becomes
 * unreadable at once. Nothing here logs a personnummer or a name.
 */
@Injectable()
export class PatientDataService {
  private readonly logger = new Logger(PatientDataService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KEY_RING) private readonly ring: KeyRing,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * The API, before it starts a case's workflow: the case's data key (made now, or the one a retried start made)
   * and the patient sealed with it, base64, for the workflow's input.
   */
  async sealForCase(caseId: string, subject: PatientSubject): Promise<string> {
    const key = await this.dataKey(caseId, this.dataSource.manager, true);
    if (!key) throw new Error(`case ${caseId}: its patient data was erased; it cannot be opened again`);
    return sealSubject(key, caseId, subject).toString('base64');
  }

  /**
   * The case's first projection write: its sealed subject and blind index (opened here to compute the index). A
   * subject in plain (a case started before issue 13, on the old input) is sealed here with a new data key.
   * Nothing once the case has its subject, or its patient data was erased.
   */
  async storeSubject(em: EntityManager, caseId: string, from: { sealed?: string; plain?: PatientSubject }): Promise<void> {
    const [row] = (await em.query(
      `SELECT subject_sealed IS NOT NULL AS stored, patient_data_erased_at IS NOT NULL AS erased FROM cases WHERE id = $1 FOR UPDATE`,
      [caseId],
    )) as { stored: boolean; erased: boolean }[];
    if (!row || row.stored || row.erased) return;
    let sealed: Buffer;
    let subject: PatientSubject;
    if (from.sealed) {
      const key = await this.dataKey(caseId, em, false);
      if (!key) return; // erased meanwhile
      sealed = Buffer.from(from.sealed, 'base64');
      subject = openSubject(key, caseId, sealed);
    } else if (from.plain) {
      const key = (await this.dataKey(caseId, em, true))!;
      subject = from.plain;
      sealed = sealSubject(key, caseId, subject);
    } else return;
    await em.query(`UPDATE cases SET subject_sealed = $2, patient_index = $3, subject = NULL WHERE id = $1`, [caseId, sealed, indexOf(this.ring, subject.personnummer)]);
  }

  /** The case's patient, opened; null when it has none or its data was erased. */
  async subjectOf(c: { id: string; subjectSealed: Buffer | null }): Promise<PatientSubject | null> {
    if (!c.subjectSealed) return null;
    try {
      const key = await this.dataKey(c.id, this.dataSource.manager, false);
      return key ? openSubject(key, c.id, c.subjectSealed) : null;
    } catch (err) {
      // The ring key that wrapped the case's data key was removed: a named 503 (as for a sealed payload), not a 500.
      if (!(err instanceof MissingKeyError)) throw err;
      throw new DomainError(
        DomainErrorCode.EncryptionKeyMissing,
        `the patient data of case ${c.id} is sealed with encryption key "${err.keyId}", which is not in the key ring; an operator must add the key back`,
        { keyId: err.keyId },
      );
    }
  }

  /** Ended cases whose patient data is still there and that closed before `closedBefore` (oldest first). */
  async dueForErasure(closedBefore: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.id FROM cases c
        WHERE c.patient_data_erased_at IS NULL
          AND (c.waiting_for->>'what' = 'nothing' OR c.status = ANY($3))
          AND COALESCE(c.closed_at, c.updated_at) < $1
          AND (c.subject_sealed IS NOT NULL OR c.subject IS NOT NULL
               OR EXISTS (SELECT 1 FROM case_data_keys k WHERE k.case_id = c.id AND k.wrapped_key IS NOT NULL))
        ORDER BY COALESCE(c.closed_at, c.updated_at), c.id
        LIMIT $2`,
      [closedBefore, limit, LEGACY_ENDED_STATUSES],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Erasure (gallring) of one case's patient data by crypto-shredding, in one transaction: its data key destroyed
   * (the wrapped key deleted, `destroyed_at` set), its sealed subject cleared, and an audit row without personal
   * data. The case row, its status, dates and summary stay (statistics). The blind index stays too
   * (`PATIENT_INDEX_AFTER_ERASURE`): it is a keyed hash, not the personnummer, and without it the patient could no
   * longer be shown who read their data, which the access log must answer for as long as it is kept.
   * False when already done.
   */
  async erase(caseId: string, at: Date, detail: Record<string, unknown>): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(`SELECT patient_data_erased_at, closed_at FROM cases WHERE id = $1 FOR UPDATE`, [caseId])) as {
        patient_data_erased_at: Date | null;
        closed_at: Date | null;
      }[];
      if (!row || row.patient_data_erased_at) return false;
      const destroyed = (await em.query(
        `UPDATE case_data_keys SET wrapped_key = NULL, destroyed_at = $2 WHERE case_id = $1 AND wrapped_key IS NOT NULL RETURNING ring_key_id`,
        [caseId, at],
      )) as [unknown[], number];
      await em.query(`UPDATE cases SET subject_sealed = NULL, subject = NULL, patient_data_erased_at = $2 WHERE id = $1`, [caseId, at]);
      await this.audit.append(
        {
          actor: 'system',
          organisationCode: null,
          action: 'patient_data.erase',
          caseId,
          taskId: null,
          requestId: null,
          outcome: 'success',
          detail: { ...detail, closedAt: row.closed_at?.toISOString() ?? null, erasedAt: at.toISOString(), dataKeyDestroyed: destroyed[1] > 0 },
        },
        em,
      );
      return true;
    });
  }

  /**
   * Rows written before issue 13 hold the patient in plain (`cases.subject`): each is sealed with a new data key of
   * its case, indexed, and its plain column cleared, one transaction a case. Run by the worker at its start;
   * idempotent (a row done is not found again). Returns how many rows it sealed.
   */
  async sealPlainSubjects(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const rows = (await this.dataSource.query(`SELECT id FROM cases WHERE subject IS NOT NULL ORDER BY id LIMIT 100`)) as { id: string }[];
      if (rows.length === 0) break;
      for (const { id } of rows) {
        await this.dataSource.transaction(async (em) => {
          const [row] = (await em.query(`SELECT subject, subject_sealed IS NOT NULL AS stored, patient_data_erased_at IS NOT NULL AS erased FROM cases WHERE id = $1 FOR UPDATE`, [id])) as {
            subject: PatientSubject | null;
            stored: boolean;
            erased: boolean;
          }[];
          if (!row?.subject) return;
          if (!row.stored && !row.erased) {
            await this.storeSubject(em, id, { plain: row.subject });
            sealed += 1;
          }
          await em.query(`UPDATE cases SET subject = NULL WHERE id = $1`, [id]);
        });
      }
    }
    // Task inputs of those cases named the patient in plain too: the task reads it from its case now.
    await this.dataSource.query(`UPDATE tasks SET input = jsonb_set(input, '{patient}', 'null'::jsonb) WHERE input ? 'patient' AND input->'patient' <> 'null'::jsonb`);
    if (sealed > 0) this.logger.log(`sealed the patient data of ${sealed} case(s) stored in plain before issue 13`);
    return sealed;
  }

  /** The case's data key, unwrapped; made and stored first when `create` and there is none. Null once destroyed. */
  private async dataKey(caseId: string, em: EntityManager, create: boolean): Promise<Buffer | null> {
    if (create) {
      const { ringKeyId, wrapped } = wrapDataKey(this.ring, caseId, newDataKey());
      await em.query(`INSERT INTO case_data_keys (case_id, ring_key_id, wrapped_key) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING`, [caseId, ringKeyId, wrapped]);
    }
    const [row] = (await em.query(`SELECT ring_key_id, wrapped_key FROM case_data_keys WHERE case_id = $1`, [caseId])) as { ring_key_id: string; wrapped_key: Buffer | null }[];
    if (!row?.wrapped_key) return null;
    return unwrapDataKey(this.ring, caseId, row.ring_key_id, row.wrapped_key);
  }
}
