import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The case projection: written only by workflow activities, read by the API. */
@Entity({ name: 'cases' })
@Index('cases_type_status_idx', ['caseType', 'status'])
export class CaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'case_type', type: 'text' })
  caseType: string;

  @Column({ name: 'workflow_id', type: 'text', unique: true })
  workflowId: string;

  @Column({ type: 'text' })
  status: string;

  /** Organisation codes party to the case. */
  @Column({ type: 'text', array: true })
  parties: string[];

  /** The workflow's state version this row reflects; older writes never overwrite newer ones. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  summary: Record<string, unknown>;

  /**
   * Before issue 13: the patient's data in plain. No longer written; rows from before are sealed into
   * `subjectSealed` and cleared when the worker starts (PatientDataService.sealPlainSubjects).
   */
  @Column({ type: 'jsonb', nullable: true })
  subject: { personnummer: string; name: string } | null;

  /** The patient's data (personnummer, name) sealed with the case's data key (case_data_keys); null once erased. */
  @Column({ name: 'subject_sealed', type: 'bytea', nullable: true })
  subjectSealed: Buffer | null;

  /** When the case ended (its projection first waited for nothing): the retention of its patient data counts from it. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** When the patient's data was erased (its data key destroyed); the case and its statistics stay. */
  @Column({ name: 'patient_data_erased_at', type: 'timestamptz', nullable: true })
  patientDataErasedAt: Date | null;

  /**
   * The blind index of the patient's personnummer (libs/crypto/src/patient-index.ts): look-ups by patient without
   * the personnummer in plain. Null once the case's patient data is erased.
   */
  @Index('cases_patient_index_idx')
  @Column({ name: 'patient_index', type: 'text', nullable: true })
  patientIndex: string | null;

  /** What the case waits for next, with a date when there is one (the case runtime's WaitingFor). */
  @Column({ name: 'waiting_for', type: 'jsonb', nullable: true })
  waitingFor: { what: string; description: string; until: string | null } | null;

  /** The run chain (first run id) of the workflow whose step wrote this version. */
  @Column({ name: 'run_chain', type: 'text', nullable: true })
  runChain: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
