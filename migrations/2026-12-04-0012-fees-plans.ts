import { type Kysely, sql } from 'kysely';

/*
 * Fee schedules and treatment plans (presupuestos).
 *
 * - fee_schedules: the practice's private list, FONASA/ISAPRE agreement lists
 *   and imported price lists (mutable records).
 * - fee_schedule_fees: one row per schedule and procedure code: the fee in
 *   minor units of the practice's currency and, for agreement lists, a
 *   coverage estimate (a percent or a fixed amount). Ids derive from the
 *   schedule and the code so two workstations setting the same fee converge.
 * - patient_fee_schedules: which schedule a patient's quotes use, when it is
 *   not the default one their coverage implies.
 * - treatment_plans / treatment_plan_items: the plan and its items (mutable;
 *   an item's status moves planned → accepted → scheduled → completed, or
 *   declined). Once an item is accepted the database refuses any change to
 *   what was quoted (code, area, fee, coverage, phase): only status moves.
 * - treatment_plan_acceptances: facts, never updated or deleted: who
 *   accepted what, when, the signature (PNG data in the encrypted database)
 *   and the snapshot of the quote as signed, fees included.
 */
const refuse = (table: string, what: string, message: string) =>
  sql.raw(`CREATE TRIGGER ${table}_no_${what} BEFORE ${what.toUpperCase()} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fee_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('private', 'fonasa', 'isapre', 'imported')`))
    /** For ISAPRE lists: the insurer's name as patients' coverage records it; null = any ISAPRE. */
    .addColumn('isapre', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fee_schedule_fees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('fee_schedule_id', 'text', (c) => c.notNull().references('fee_schedules.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    /** Minor units of the practice's currency; null = not offered on this list. */
    .addColumn('fee_minor', 'integer', (c) => c.check(sql`fee_minor IS NULL OR fee_minor >= 0`))
    .addColumn('coverage_kind', 'text', (c) => c.notNull().defaultTo('none').check(sql`coverage_kind IN ('none', 'percent', 'fixed')`))
    /** Percent 0–100, or minor units for a fixed amount. */
    .addColumn('coverage_value', 'integer', (c) => c.notNull().defaultTo(0).check(sql`coverage_value >= 0`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX fee_schedule_fees_code ON fee_schedule_fees (fee_schedule_id, upper(code))`.execute(db);

  await db.schema
    .createTable('patient_fee_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    /** null = back to the default for the patient's coverage. */
    .addColumn('fee_schedule_id', 'text', (c) => c.references('fee_schedules.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patient_fee_schedules_patient').unique().on('patient_fee_schedules').column('patient_id').execute();

  await db.schema
    .createTable('treatment_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('fee_schedule_id', 'text', (c) => c.notNull().references('fee_schedules.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('treatment_plans_patient').on('treatment_plans').columns(['patient_id', 'created_at']).execute();

  await db.schema
    .createTable('treatment_plan_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('treatment_plans.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    /** The chart entry (a planned finding) this item treats. */
    .addColumn('chart_entry_id', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    /** JSON treatment area, as stored on the chart. */
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('phase', 'integer', (c) => c.notNull().defaultTo(1).check(sql`phase BETWEEN 1 AND 9`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_minor', 'integer', (c) => c.notNull().check(sql`fee_minor >= 0`))
    .addColumn('coverage_minor', 'integer', (c) => c.notNull().defaultTo(0).check(sql`coverage_minor >= 0 AND coverage_minor <= fee_minor`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('planned', 'accepted', 'scheduled', 'completed', 'declined')`))
    .addColumn('accepted_at', 'text')
    .addColumn('acceptance_id', 'text')
    .addColumn('appointment_id', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('status_at', 'text', (c) => c.notNull())
    .addColumn('status_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('treatment_plan_items_plan').on('treatment_plan_items').columns(['plan_id', 'phase', 'position']).execute();
  await db.schema.createIndex('treatment_plan_items_patient').on('treatment_plan_items').column('patient_id').execute();
  await db.schema.createIndex('treatment_plan_items_chart').on('treatment_plan_items').column('chart_entry_id').execute();
  await db.schema.createIndex('treatment_plan_items_status').on('treatment_plan_items').columns(['status', 'appointment_id']).execute();
  // A quote that was signed is a record: what was accepted keeps its code, area, fee and coverage.
  await sql`CREATE TRIGGER treatment_plan_items_accepted_frozen BEFORE UPDATE ON treatment_plan_items
    WHEN old.accepted_at IS NOT NULL AND (
      new.code IS NOT old.code OR new.area IS NOT old.area OR new.fee_minor IS NOT old.fee_minor OR new.coverage_minor IS NOT old.coverage_minor
      OR new.phase IS NOT old.phase OR new.position IS NOT old.position OR new.plan_id IS NOT old.plan_id OR new.accepted_at IS NOT old.accepted_at
      OR new.chart_entry_id IS NOT old.chart_entry_id OR new.deleted_at IS NOT old.deleted_at)
    BEGIN SELECT RAISE(ABORT, 'accepted plan items are frozen except their status'); END`.execute(db);

  await db.schema
    .createTable('treatment_plan_acceptances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('treatment_plans.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision IN ('whole', 'partial', 'declined')`))
    /** JSON ids of the items accepted (none when declined). */
    .addColumn('item_ids', 'text', (c) => c.notNull())
    /** JSON: the quote as signed (items, fees, coverage, totals, currency, list). */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('signature_kind', 'text', (c) => c.notNull().check(sql`signature_kind IN ('drawn', 'typed', 'paper', 'none')`))
    .addColumn('signer_name', 'text', (c) => c.notNull())
    /** A PNG data URL of the drawn signature; null otherwise. */
    .addColumn('signature_png', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('treatment_plan_acceptances_plan').on('treatment_plan_acceptances').columns(['plan_id', 'recorded_at']).execute();
  await refuse('treatment_plan_acceptances', 'update', 'plan acceptances are append-only').execute(db);
  await refuse('treatment_plan_acceptances', 'delete', 'plan acceptances are append-only').execute(db);
}
