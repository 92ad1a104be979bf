import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** LPIK excluding pharmaceuticals for one year, in hundredths of a percent; registered once by HSF. */
@Entity({ name: 'lpik_indices' })
export class LpikIndexEntity {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ name: 'percent_hundredths', type: 'integer' })
  percentHundredths: number;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  /** Who last corrected the registered value (an audited correction by its owner), and when. */
  @Column({ name: 'corrected_by', type: 'text', nullable: true })
  correctedBy: string | null;

  @Column({ name: 'corrected_at', type: 'timestamptz', nullable: true })
  correctedAt: Date | null;
}
