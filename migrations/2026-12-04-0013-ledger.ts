import { type Kysely, sql } from 'kysely';

/*
 * The money half: the ledger (cuenta corriente), payment allocations,
 * payment plans, insurance claims and archived statements.
 *
 * Postings are facts, as in Open Dental's account model: a charge, payment,
 * adjustment, refund or credit is inserted once and never edited or deleted
 * (the database refuses, like chart events). A mistake is corrected by a
 * reversal, a posting of the opposite amount that names the one it reverses;
 * a posting can be reversed once. Balances are never stored: they are the sum
 * of `amount_minor`, signed so that a positive amount is what the account
 * owes (charges and refunds positive; payments, credits and discounts
 * negative). Money is integers in the currency's minor units (CLP has none).
 *
 * `patient_id` is whose treatment it is; `guarantor_id` is the account it
 * rolls up to (the guarantor patient, or the patient itself), fixed when the
 * posting is made so a later change of guarantor does not rewrite history.
 * Every posting has a date of service and a date of entry.
 */
const refuse = (table: string, what: string, message: string) =>
  sql.raw(`CREATE TRIGGER ${table}_no_${what} BEFORE ${what.toUpperCase()} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_postings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('guarantor_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('charge', 'payment', 'adjustment', 'refund', 'credit', 'reversal')`))
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('procedure_code', 'text')
    .addColumn('tooth', 'text')
    .addColumn('surfaces', 'text')
    .addColumn('chart_entry_id', 'text')
    .addColumn('plan_item_id', 'text')
    .addColumn('appointment_id', 'text')
    .addColumn('method', 'text', (c) => c.check(sql`method IS NULL OR method IN ('cash', 'debit', 'credit', 'transfer', 'cheque')`))
    .addColumn('tax_document_kind', 'text', (c) => c.check(sql`tax_document_kind IS NULL OR tax_document_kind IN ('boleta', 'factura')`))
    .addColumn('tax_document_number', 'text')
    .addColumn('adjustment_type', 'text')
    .addColumn('reason', 'text')
    .addColumn('reverses_id', 'text')
    .addColumn('payment_plan_id', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('ledger_postings_guarantor').on('ledger_postings').columns(['guarantor_id', 'service_date']).execute();
  await db.schema.createIndex('ledger_postings_patient').on('ledger_postings').columns(['patient_id', 'service_date']).execute();
  await db.schema.createIndex('ledger_postings_service_date').on('ledger_postings').columns(['service_date', 'kind']).execute();
  await sql`CREATE UNIQUE INDEX ledger_postings_reversed_once ON ledger_postings (reverses_id) WHERE reverses_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX ledger_postings_chart_entry ON ledger_postings (chart_entry_id) WHERE chart_entry_id IS NOT NULL`.execute(db);
  await refuse('ledger_postings', 'update', 'ledger postings are append-only').execute(db);
  await refuse('ledger_postings', 'delete', 'ledger postings are append-only').execute(db);

  // How a payment (or credit, or a negative adjustment) is spread over charges, hence providers.
  // The splits of a payment add up to it; a reversal's splits are the negated originals.
  await db.schema
    .createTable('ledger_allocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('posting_id', 'text', (c) => c.notNull().references('ledger_postings.id'))
    .addColumn('charge_id', 'text', (c) => c.notNull().references('ledger_postings.id'))
    .addColumn('guarantor_id', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text')
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_allocations_posting').on('ledger_allocations').column('posting_id').execute();
  await db.schema.createIndex('ledger_allocations_charge').on('ledger_allocations').column('charge_id').execute();
  await db.schema.createIndex('ledger_allocations_guarantor').on('ledger_allocations').column('guarantor_id').execute();
  await refuse('ledger_allocations', 'update', 'ledger allocations are append-only').execute(db);
  await refuse('ledger_allocations', 'delete', 'ledger allocations are append-only').execute(db);

  // Payment plans: instalments and due dates; what is paid is derived from the account's payments.
  await db.schema
    .createTable('payment_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('guarantor_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('total_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('active', 'closed', 'cancelled')`))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('payment_plans_guarantor').on('payment_plans').column('guarantor_id').execute();
  await db.schema
    .createTable('payment_plan_instalments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('payment_plans.id'))
    .addColumn('guarantor_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_plan_instalments_plan').on('payment_plan_instalments').columns(['plan_id', 'seq']).execute();
  await db.schema.createIndex('payment_plan_instalments_due').on('payment_plan_instalments').columns(['guarantor_id', 'due_date']).execute();

  // Insurance, per procedure (charge): claims, FONASA/ISAPRE bonos and reimbursements, entered by hand.
  // `payer_code`, `external_reference` and `submission_channel` keep room for electronic submission later.
  await db.schema
    .createTable('insurance_claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('charge_id', 'text', (c) => c.notNull().references('ledger_postings.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('claim', 'bono', 'reimbursement')`))
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('payer_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'sent', 'paid', 'denied')`))
    .addColumn('billed_minor', 'integer', (c) => c.notNull())
    .addColumn('paid_minor', 'integer')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('sent_date', 'text')
    .addColumn('resolved_date', 'text')
    .addColumn('external_reference', 'text')
    .addColumn('submission_channel', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('insurance_claims_patient').on('insurance_claims').column('patient_id').execute();
  await db.schema.createIndex('insurance_claims_charge').on('insurance_claims').column('charge_id').execute();

  // Statements as sent: the PDF byte for byte (the database is encrypted), with its hash. Facts.
  // Base64 text, not a blob, because synced field values travel as JSON (as patient photos do).
  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('guarantor_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('period_from', 'text')
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('balance_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('pdf_base64', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('statements_guarantor').on('statements').columns(['guarantor_id', 'issued_at']).execute();
  await db.schema.createIndex('statements_batch').on('statements').column('batch_id').execute();
  await refuse('statements', 'update', 'statements are archived as sent').execute(db);
  await refuse('statements', 'delete', 'statements are archived as sent').execute(db);
}
