import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A region's declared free beds of a care level, and what transfers have reserved of them (reserved ≤ beds). */
@Entity({ name: 'transfer_capacity' })
export class TransferCapacityEntity {
  @PrimaryColumn('text') region: string;
  @PrimaryColumn({ name: 'care_level', type: 'text' }) careLevel: string;
  @Column('integer') beds: number;
  @Column('integer') reserved: number;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The beds a transfer's accepted offer reserved, per care level; released or admitted later. */
@Entity({ name: 'transfer_reservations' })
export class TransferReservationEntity {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' }) requestId: string;
  @PrimaryColumn('integer') round: number;
  @PrimaryColumn({ name: 'care_level', type: 'text' }) careLevel: string;
  @Column('text') region: string;
  @Column('integer') beds: number;
  @Column('text') status: 'reserved' | 'released' | 'admitted';
  @Column({ name: 'reserved_at', type: 'timestamptz' }) reservedAt: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
}

/** A transfer request's projection, for the report to the Ministry. */
@Entity({ name: 'transfers' })
export class TransferEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('integer') version: number;
  @Column({ name: 'sending_region', type: 'text' }) sendingRegion: string;
  @Column({ name: 'receiving_region', type: 'text', nullable: true }) receivingRegion: string | null;
  @Column('text') status: string;
  @Column('integer') patients: number;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt: Date;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt: Date | null;
  @Column({ name: 'admitted_at', type: 'timestamptz', nullable: true }) admittedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
}

/** Which healthcare region (sjukvårdsregion) a region belongs to: a reference table an admin corrects. */
@Entity({ name: 'healthcare_regions' })
export class HealthcareRegionEntity {
  @PrimaryColumn('text') region: string;
  @Column({ name: 'healthcare_region', type: 'text' }) healthcareRegion: string;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The national pool of reinforcement resources per category (never below zero). */
@Entity({ name: 'reinforcement_pool' })
export class ReinforcementPoolEntity {
  @PrimaryColumn('text') category: string;
  @Column('integer') available: number;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Socialstyrelsen's allocation to a region's request for reinforcement. */
@Entity({ name: 'reinforcement_allocations' })
export class ReinforcementAllocationEntity {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' }) requestId: string;
  @Column('text') region: string;
  @Column('text') category: string;
  @Column('integer') requested: number;
  @Column('integer') allocated: number;
  @Column('text') reason: string;
  @Column({ name: 'decided_by', type: 'text' }) decidedBy: string;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt: Date;
}
