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

  /** Personal data about the patient; never logged, never in Temporal search attributes. */
  @Column({ type: 'jsonb', nullable: true })
  subject: { personnummer: string; name: string } | null;

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
