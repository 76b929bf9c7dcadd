import fc from 'fast-check';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chartAt, findings, toothStates } from '../../src/shared/chart/events';
import { CHART_PALETTE_PRESETS, type ChartActionInput, perioEntryConfig } from '../../src/shared/contract/chairside';
import { INTERLEAVED_PASSES } from '../../src/shared/perio/entry';
import { call, callError } from '../support/practice';
import { chairsideFixture, count, lastAudit } from './chairside-support';

const MOD_36 = { type: 'recordFinding', area: { kind: 'surface', tooth: '19', surfaces: 'MOD' }, code: 'RES-C3', status: 'planned' } as const;

afterEach(() => {
  vi.useRealTimers();
});

describe('the chart through the contract', () => {
  it('starts empty with the starter catalog, FDI numbering and the default palette', async () => {
    const f = await chairsideFixture();
    const chart = await call(f.core, f.dentist, 'chart.get', { patientId: f.camila.id });
    expect(chart).toMatchObject({ patientId: f.camila.id, asOf: null, events: [], entries: [], absentTeeth: [], canUndo: false, canRedo: false });
    expect(chart.teeth).toHaveLength(32);
    expect(chart.display).toEqual({
      numbering: 'fdi',
      palette: { planned: '#cc3311', completed: '#0077bb', existing: '#009988', existing_other: '#ee3377', referred: '#555555', condition: '#ee7733' },
    });
    const codes = chart.catalog.map((p) => p.code);
    expect(codes).toContain('RES-C3');
    expect(chart.catalog.find((p) => p.code === 'RES-C3')).toMatchObject({ name: { es: 'Restauración de resina compuesta, 3 superficies', en: 'Composite restoration, 3 surfaces' }, surfacesRequired: true, feeMinor: null, active: true });
    // The read is audited.
    expect(await lastAudit(f.core)).toMatchObject({ action: 'chart.view', entity: 'patient', entity_id: f.camila.id });
  });

  it('records each edit as events, audited in the same transaction, and tells every window', async () => {
    const f = await chairsideFixture();
    await call(f.core, f.dentist, 'chart.get', { patientId: f.camila.id });
    f.events.length = 0;
    const before = { events: await count(f.core, 'chart_events'), outbox: await count(f.core, 'sync_outbox'), audit: await count(f.core, 'audit_log') };
    const { events, chart } = await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: MOD_36 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'add', action: 'recordFinding', item: { type: 'finding', area: { kind: 'surface', tooth: '19', surfaces: ['M', 'O', 'D'] }, code: 'RES-C3', status: 'planned' } });
    expect(chart.entries).toHaveLength(1);
    expect(chart.canUndo).toBe(true);
    expect(await count(f.core, 'chart_events')).toBe(before.events + 1);
    expect(await count(f.core, 'sync_outbox')).toBe(before.outbox + 1);
    expect(await count(f.core, 'audit_log')).toBe(before.audit + 1);
    expect(await lastAudit(f.core)).toMatchObject({ action: 'chart.apply', entity: 'patient', entity_id: f.camila.id });
    expect(f.events).toEqual([{ name: 'chairside.changed', payload: { patientIds: [f.camila.id], areas: ['chart'] } }]);

    // A missing tooth, and the names the UI shows for who recorded what.
    const missing = await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'setToothState', tooth: '1', state: 'missing' } });
    expect(missing.chart.absentTeeth).toEqual(['1']);
    expect(Object.values(missing.chart.users)).toEqual(['Test dentist']);
  });

  it('refuses what the rules refuse, with a field message, and writes nothing', async () => {
    const f = await chairsideFixture();
    const before = await count(f.core, 'chart_events');
    const noSurfaces = await callError(f.core, f.dentist, 'chart.apply', {
      patientId: f.camila.id,
      action: { type: 'recordFinding', area: { kind: 'tooth', tooth: '19' }, code: 'RES-C3', status: 'planned' },
    });
    expect(noSurfaces).toMatchObject({ code: 'VALIDATION', fields: { action: 'validation.procedureNeedsSurfaces' } });
    const unknownCode = await callError(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { ...MOD_36, code: 'D2391' } });
    expect(unknownCode).toMatchObject({ code: 'VALIDATION', fields: { action: 'validation.procedureCode' } });
    const badTooth = await callError(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'setToothState', tooth: '99', state: 'missing' } });
    expect(badTooth).toMatchObject({ code: 'VALIDATION', fields: { 'action.tooth': 'validation.tooth' } });
    const badLetter = await callError(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { ...MOD_36, area: { kind: 'surface', tooth: '19', surfaces: 'MXD' } } });
    expect(badLetter).toMatchObject({ code: 'VALIDATION', fields: { action: 'validation.surfaces' } });
    expect((await callError(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'undo' } })).messageKey).toBe('errors.CHART_NOTHING_TO_UNDO');
    expect((await callError(f.core, f.dentist, 'chart.apply', { patientId: 'nobody', action: MOD_36 })).code).toBe('NOT_FOUND');
    expect(await count(f.core, 'chart_events')).toBe(before);
  });

  it('undoes and redoes with voids, keeps every event, and the database refuses to change one', async () => {
    const f = await chairsideFixture();
    const patientId = f.camila.id;
    const planned = await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'recordFinding', area: { kind: 'tooth', tooth: '3' }, code: 'COR-CER', status: 'planned' } });
    const findingId = planned.events[0]!.id;
    const done = await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'completeFinding', findingId } });
    // Completing a crown leaves the tooth crowned.
    expect(done.events.map((e) => e.kind)).toEqual(['supersede', 'add']);
    expect(toothStates(chartAt(done.chart.events, null), '3')).toEqual(['crown']);

    const undone = await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'undo' } });
    expect(undone.events.every((e) => e.kind === 'void' && e.reason === 'undo')).toBe(true);
    expect(undone.chart.entries.map((e) => e.item)).toEqual([{ type: 'finding', area: { kind: 'tooth', tooth: '3' }, code: 'COR-CER', status: 'planned' }]);
    expect(undone.chart.canRedo).toBe(true);
    // Another user's undo does not take back the dentist's edits.
    expect((await callError(f.core, f.hygienist, 'chart.apply', { patientId, action: { type: 'undo' } })).messageKey).toBe('errors.CHART_NOTHING_TO_UNDO');

    const redone = await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'redo' } });
    expect(findings(chartAt(redone.chart.events, null))[0]!.item.status).toBe('completed');
    expect(redone.chart.events).toHaveLength(2 + 2 + 2 + 1);

    // History: every event, newest first, the voided ones marked, never hidden.
    const history = await call(f.core, f.dentist, 'chart.history', { patientId, itemId: findingId });
    expect(history.steps.map((s) => [s.event.kind, s.voided])).toEqual([
      ['supersede', false],
      ['add', false],
    ]);
    const all = await call(f.core, f.dentist, 'chart.history', { patientId });
    expect(all.steps).toHaveLength(7);
    // The undo's two voids are themselves voided by the redo.
    expect(all.steps.filter((s) => s.voided).map((s) => [s.event.kind, s.voidedBy?.action])).toEqual([
      ['void', 'redo'],
      ['void', 'redo'],
    ]);

    // Facts: the database itself refuses to edit or delete them.
    const db = f.core.vault.store().db;
    await expect(sql`UPDATE chart_events SET item = NULL WHERE id = ${findingId}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM chart_events WHERE id = ${findingId}`.execute(db)).rejects.toThrow(/append-only/);
    expect(await count(f.core, 'chart_events')).toBe(7);
  });

  it('rebuilds the chart as it was on a past date and compares two dates', async () => {
    const f = await chairsideFixture();
    const patientId = f.camila.id;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-03-04T14:00:00Z'));
    const { events } = await call(f.core, f.dentist, 'chart.apply', { patientId, action: MOD_36 });
    await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'setToothState', tooth: '32', state: 'extraction_planned' } });
    vi.setSystemTime(new Date('2025-06-10T15:30:00Z'));
    await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'completeFinding', findingId: events[0]!.id } });
    await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'setToothState', tooth: '32', state: 'extracted' } });
    vi.useRealTimers();

    // A date is the end of that day in the practice's zone (Santiago).
    const then = await call(f.core, f.dentist, 'chart.get', { patientId, asOf: '2024-12-31' });
    expect(then.asOf).toBe('2025-01-01T02:59:59.999Z');
    expect(then.entries.map((e) => e.item.type === 'finding' ? e.item.status : e.item.type === 'tooth_state' ? e.item.state : '')).toEqual(['planned', 'extraction_planned']);
    // The whole log comes along, for the slider: extracting ended the planned extraction.
    expect(then.events.map((e) => e.kind)).toEqual(['add', 'add', 'supersede', 'end', 'add']);
    expect(await lastAudit(f.core)).toMatchObject({ action: 'chart.view', details: JSON.stringify({ asOf: '2025-01-01T02:59:59.999Z' }) });
    const before = await call(f.core, f.dentist, 'chart.get', { patientId, asOf: '2024-03-01' });
    expect(before.entries).toEqual([]);
    const now = await call(f.core, f.dentist, 'chart.get', { patientId });
    expect(now.absentTeeth).toEqual(['32']);

    const diff = await call(f.core, f.dentist, 'chart.compare', { patientId, from: '2024-12-31', to: '2025-06-10T15:31:00Z' });
    expect(diff.changed.map((c) => [c.before.item, c.after.item].map((i) => (i.type === 'finding' ? i.status : '')))).toEqual([['planned', 'completed']]);
    expect(diff.added.map((e) => (e.item.type === 'tooth_state' ? e.item.state : ''))).toEqual(['extracted']);
    expect(diff.removed.map((e) => (e.item.type === 'tooth_state' ? e.item.state : ''))).toEqual(['extraction_planned']);
    expect(diff.teeth).toEqual(['19', '32']);
  });

  it('stores a retried batch once', async () => {
    const f = await chairsideFixture();
    const clientBatchId = uuidv7();
    const first = await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: MOD_36, clientBatchId });
    const again = await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: MOD_36, clientBatchId });
    expect(again.events).toEqual(first.events);
    expect(first.events[0]!.batch).toBe(clientBatchId);
    expect(await count(f.core, 'chart_events')).toBe(1);
  });

  it('keeps what is stored append-only and equal to the shared model, whatever is charted (property)', async () => {
    const f = await chairsideFixture();
    const teeth = ['3', '8', '14', '19', '30', 'A', 'K'];
    const action = fc.oneof(
      fc.record({
        type: fc.constant('recordFinding' as const),
        area: fc.record({ kind: fc.constant('surface' as const), tooth: fc.constantFrom(...teeth), surfaces: fc.constantFrom('M', 'OD', 'MOD', 'V', 'L5') }),
        code: fc.constantFrom('RES-C1', 'RES-C2', 'DX-CAR'),
        status: fc.constantFrom('planned', 'completed', 'existing', 'condition' as const),
      }),
      fc.record({ type: fc.constant('setToothState' as const), tooth: fc.constantFrom(...teeth), state: fc.constantFrom('missing', 'crown', 'root_canal' as const) }),
      fc.record({ type: fc.constant('clearToothState' as const), tooth: fc.constantFrom(...teeth), state: fc.constantFrom('missing', 'crown' as const) }),
      fc.constant({ type: 'undo' as const }),
      fc.constant({ type: 'redo' as const }),
    );
    let patientNo = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
        const patient = await call(f.core, 'admin', 'patients.create', { draft: { givenNames: 'Prop', firstSurname: `Prueba${++patientNo}` } });
        const seen: unknown[] = [];
        for (const a of actions) {
          const result = await f.core.dispatch('chart.apply', { patientId: patient.id, action: a as ChartActionInput }, f.dentist);
          if (!result.ok) {
            expect(['VALIDATION', 'CONFLICT']).toContain(result.error.code);
            continue;
          }
          const { events, chart } = result.value as { events: unknown[]; chart: { events: unknown[]; entries: unknown[] } };
          seen.push(...events);
          // Every event ever returned is still in the log, unchanged and in order.
          expect(chart.events).toEqual(seen);
          // What main shows is what the shared model replays from the stored log.
          expect(chart.entries).toEqual(chartAt(chart.events as never, null).entries);
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('the procedure catalog', () => {
  it('is the practice’s to edit: an admin adds, imports and retires codes; retired codes stay on old findings', async () => {
    const f = await chairsideFixture();
    const patientId = f.camila.id;
    const sealant = await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'recordFinding', area: { kind: 'tooth', tooth: '3' }, code: 'SEL-01', status: 'planned' } });
    // A dentist charts but does not edit the practice's codes and fees.
    expect((await callError(f.core, f.dentist, 'chart.procedures.deactivate', { code: 'SEL-01' })).code).toBe('FORBIDDEN');
    expect(await call(f.core, 'admin', 'chart.procedures.deactivate', { code: 'sel-01' })).toMatchObject({ code: 'SEL-01', active: false });
    const refused = await callError(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'recordFinding', area: { kind: 'tooth', tooth: '14' }, code: 'SEL-01', status: 'planned' } });
    expect(refused).toMatchObject({ code: 'VALIDATION', fields: { action: 'validation.procedureCode' } });
    // The finding already charted with it can still be completed, and leaves its sealant.
    const completed = await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'completeFinding', findingId: sealant.events[0]!.id } });
    expect(toothStates(chartAt(completed.chart.events, null), '3')).toEqual(['sealant']);

    const own = await call(f.core, 'admin', 'chart.procedures.upsert', { code: 'BLQ-01', name: { es: 'Blanqueamiento', en: 'Whitening' }, area: 'arch', feeMinor: 150000 });
    expect(own).toMatchObject({ id: 'procedure:BLQ-01', category: 'other', feeMinor: 150000, active: true });
    const csv = ['code;name_es;name_en;area;surfaces_required;fee', '13-02-023;Obturación composite;Composite filling;superficie;sí;12.000', 'RES-C1;Resina simple;Simple composite;surface;true;25.000,50', ';Sin código;;tooth;no;'].join('\n');
    const preview = await call(f.core, 'admin', 'chart.procedures.importCsv', { text: csv, dryRun: true });
    expect(preview).toMatchObject({ created: 1, updated: 0, dryRun: true });
    expect(preview.errors.map((e) => [e.line, e.column, e.error])).toEqual([
      [3, 'fee', 'fee_invalid'],
      [4, 'code', 'code_required'],
    ]);
    expect((await call(f.core, 'admin', 'chart.procedures.list', {})).some((p) => p.code === '13-02-023')).toBe(false);
    await call(f.core, 'admin', 'chart.procedures.importCsv', { text: csv });
    const list = await call(f.core, f.dentist, 'chart.procedures.list', { includeInactive: false });
    expect(list.find((p) => p.code === '13-02-023')).toMatchObject({ feeMinor: 12000, area: 'surface', surfacesRequired: true, active: true });
    expect(list.some((p) => p.code === 'SEL-01')).toBe(false);
    await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'recordFinding', area: { kind: 'surface', tooth: '14', surfaces: 'O' }, code: '13-02-023', status: 'completed' } });
  });
});

describe('chart display settings', () => {
  it('are the practice’s: the palette and the perio entry order here, the numbering in the clinical preferences', async () => {
    const f = await chairsideFixture();
    const settings = await call(f.core, f.dentist, 'chairside.settings.update', { palette: CHART_PALETTE_PRESETS.blue_planned });
    expect(f.events).toEqual([{ name: 'chairside.changed', payload: { patientIds: [], areas: ['settings'] } }]);
    await call(f.core, f.dentist, 'clinical.preferences.update', { toothNumbering: 'universal' });
    const chart = await call(f.core, f.hygienist, 'chart.get', { patientId: f.camila.id });
    expect(chart.display).toEqual({ numbering: 'universal', palette: CHART_PALETTE_PRESETS.blue_planned });
    expect(perioEntryConfig(settings).order).toBe('open_dental');
    const custom = await call(f.core, f.hygienist, 'chairside.settings.update', {
      perioEntry: { order: 'custom', customOrder: [{ teeth: ['3', '4', '5'], side: 'facial' }], passes: 'interleaved', includeMgj: false },
    });
    expect(perioEntryConfig(custom)).toEqual({ order: [{ teeth: ['3', '4', '5'], side: 'facial' }], passes: INTERLEAVED_PASSES });
    expect((await call(f.core, f.dentist, 'chairside.settings.get', {})).palette).toEqual(CHART_PALETTE_PRESETS.blue_planned);
    expect((await callError(f.core, f.receptionist, 'chairside.settings.update', { plaqueAlertPercent: 5 })).code).toBe('FORBIDDEN');
  });
});

describe('who may see the chart', () => {
  it('refuses the front desk in main', async () => {
    const f = await chairsideFixture();
    const read = await callError(f.core, f.receptionist, 'chart.get', { patientId: f.camila.id });
    expect(read).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'clinical.read' } });
    const write = await callError(f.core, f.receptionist, 'chart.apply', { patientId: f.camila.id, action: MOD_36 });
    expect(write).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'clinical.write' } });
    expect((await callError(f.core, f.receptionist, 'chart.history', { patientId: f.camila.id })).code).toBe('FORBIDDEN');
    expect(await count(f.core, 'chart_events')).toBe(0);
  });
});
