import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ActionResult, type ChartAction, applyChartAction, canRedo, canUndo } from '../../src/shared/chart/actions';
import { describeChart } from '../../src/shared/chart/describe';
import { type ChartEvent, absentTeeth, chartAt, chartTeeth, currentChart, diffCharts, findings, findingsForTooth, itemHistory, toothStates } from '../../src/shared/chart/events';
import { type ToothState } from '../../src/shared/chart/findings';
import { MIXED_DENTITION, parseTooth } from '../../src/shared/chart/teeth';
import { STARTER_CATALOG, procedureLookup } from '../../src/shared/procedures/catalog';

const fdi = (code: string) => parseTooth(code, 'fdi')!;
const lookup = procedureLookup(STARTER_CATALOG);

/** A chart being edited: a clock that ticks a minute per action and sequential ids. */
function session(start = '2024-01-10T10:00:00.000Z') {
  let log: ChartEvent[] = [];
  let seq = 0;
  let clock = Date.parse(start);
  const ctx = (by: string) => ({ at: new Date((clock += 60_000)).toISOString(), by, newId: () => `e${++seq}`, procedure: lookup });
  return {
    get log() {
      return log;
    },
    get now() {
      return new Date(clock).toISOString();
    },
    attempt(action: ChartAction, by = 'dr-a'): ActionResult {
      const result = applyChartAction(log, action, ctx(by));
      if (result.ok) log = [...log, ...result.events];
      return result;
    },
    do(action: ChartAction, by = 'dr-a'): ChartEvent[] {
      const result = this.attempt(action, by);
      if (!result.ok) throw new Error(`${action.type}: ${result.error}`);
      return result.events;
    },
  };
}

describe('recording findings and states', () => {
  it('charts a planned MOD filling and a missing tooth', () => {
    const s = session();
    s.do({ type: 'recordFinding', area: { kind: 'surface', tooth: fdi('36'), surfaces: 'dom' }, code: 'RES-C3', status: 'planned' });
    s.do({ type: 'setToothState', tooth: fdi('18'), state: 'missing' });
    const chart = currentChart(s.log);
    const [filling] = findings(chart);
    expect(filling!.item).toEqual({ type: 'finding', area: { kind: 'surface', tooth: '19', surfaces: ['M', 'O', 'D'] }, code: 'RES-C3', status: 'planned' });
    expect(toothStates(chart, '1')).toEqual(['missing']);
    expect(s.log.every((e) => e.by === 'dr-a' && e.kind === 'add')).toBe(true);
  });

  it('refuses what the catalog or the tooth does not allow', () => {
    const s = session();
    const tooth = fdi('36');
    expect(s.attempt({ type: 'recordFinding', area: { kind: 'tooth', tooth }, code: 'RES-C3', status: 'planned' })).toEqual({ ok: false, error: 'surfaces_required' });
    expect(s.attempt({ type: 'recordFinding', area: { kind: 'tooth', tooth }, code: 'D2391', status: 'planned' })).toEqual({ ok: false, error: 'unknown_code' });
    expect(s.attempt({ type: 'recordFinding', area: { kind: 'surface', tooth, surfaces: 'MXD' }, code: 'RES-C3', status: 'planned' })).toEqual({ ok: false, error: 'unknown_surface' });
    expect(s.attempt({ type: 'recordFinding', area: { kind: 'surface', tooth, surfaces: '' }, code: 'RES-C3', status: 'planned' })).toEqual({ ok: false, error: 'no_surfaces' });
    expect(s.attempt({ type: 'recordFinding', area: { kind: 'tooth', tooth: '99' }, code: 'EXT-S', status: 'planned' })).toEqual({ ok: false, error: 'unknown_tooth' });
    expect(s.attempt({ type: 'recordFinding', area: { kind: 'range', teeth: ['3', '5'] }, code: 'PUE-01', status: 'planned' })).toEqual({ ok: false, error: 'range_not_contiguous' });
    expect(s.attempt({ type: 'setToothState', tooth, state: 'sideways' as ToothState })).toEqual({ ok: false, error: 'unknown_state' });
    expect(s.log).toEqual([]);
  });

  it('leaves the resulting tooth state when the work is done, and ends the planned extraction', () => {
    const s = session();
    const tooth = fdi('46');
    s.do({ type: 'setToothState', tooth, state: 'extraction_planned' });
    const [add] = s.do({ type: 'recordFinding', area: { kind: 'tooth', tooth }, code: 'EXT-S', status: 'planned' });
    expect(toothStates(currentChart(s.log), tooth)).toEqual(['extraction_planned']);
    s.do({ type: 'completeFinding', findingId: add!.id });
    const chart = currentChart(s.log);
    expect(findings(chart)[0]!.item).toMatchObject({ status: 'completed', code: 'EXT-S' });
    expect(toothStates(chart, tooth)).toEqual(['extracted']);
    expect(s.attempt({ type: 'completeFinding', findingId: add!.id })).toEqual({ ok: false, error: 'already_completed' });
  });

  it('applies the state of work recorded as already there (by us or another provider)', () => {
    const s = session();
    s.do({ type: 'recordFinding', area: { kind: 'tooth', tooth: '3' }, code: 'COR-PFM', status: 'existing_other' });
    s.do({ type: 'recordFinding', area: { kind: 'tooth', tooth: '3' }, code: 'END-MO', status: 'existing' });
    s.do({ type: 'recordFinding', area: { kind: 'tooth', tooth: '14' }, code: 'COR-CER', status: 'referred' });
    const chart = currentChart(s.log);
    expect(toothStates(chart, '3')).toEqual(['crown', 'root_canal']);
    expect(toothStates(chart, '14')).toEqual([]);
  });

  it('sets and clears whole-tooth states, refusing duplicates', () => {
    const s = session();
    s.do({ type: 'setToothState', tooth: '8', state: 'fracture' });
    expect(s.attempt({ type: 'setToothState', tooth: '8', state: 'fracture' })).toEqual({ ok: false, error: 'state_already_set' });
    s.do({ type: 'clearToothState', tooth: '8', state: 'fracture' });
    expect(toothStates(currentChart(s.log), '8')).toEqual([]);
    expect(s.attempt({ type: 'clearToothState', tooth: '8', state: 'fracture' })).toEqual({ ok: false, error: 'state_not_set' });
  });

  it('changes a finding as a new version and refuses a change that changes nothing', () => {
    const s = session();
    const [add] = s.do({ type: 'recordFinding', area: { kind: 'surface', tooth: '19', surfaces: 'MO' }, code: 'RES-C2', status: 'planned' });
    s.do({ type: 'changeFinding', findingId: add!.id, area: { kind: 'surface', tooth: '19', surfaces: 'MOD' }, code: 'RES-C3' });
    expect(findings(currentChart(s.log))[0]!.item).toMatchObject({ code: 'RES-C3', area: { surfaces: ['M', 'O', 'D'] } });
    expect(s.attempt({ type: 'changeFinding', findingId: add!.id, code: 'RES-C3' })).toEqual({ ok: false, error: 'no_change' });
    expect(s.attempt({ type: 'changeFinding', findingId: 'nope', code: 'RES-C3' })).toEqual({ ok: false, error: 'unknown_finding' });
    expect(itemHistory(s.log, add!.id).map((h) => h.event.kind)).toEqual(['add', 'supersede']);
  });

  it('records on every treatment area', () => {
    const s = session();
    s.do({ type: 'recordFinding', area: { kind: 'range', teeth: ['5', '3', '4'] }, code: 'PUE-01', status: 'planned' });
    s.do({ type: 'recordFinding', area: { kind: 'quadrant', quadrant: 'UR' }, code: 'PER-RA', status: 'planned' });
    s.do({ type: 'recordFinding', area: { kind: 'sextant', sextant: 5 }, code: 'PER-CI', status: 'planned' });
    s.do({ type: 'recordFinding', area: { kind: 'arch', arch: 'lower' }, code: 'PLA-01', status: 'completed' });
    s.do({ type: 'recordFinding', area: { kind: 'mouth' }, code: 'PRO-01', status: 'completed' });
    const chart = currentChart(s.log);
    expect(findings(chart).map((f) => f.item.area.kind)).toEqual(['range', 'quadrant', 'sextant', 'arch', 'mouth']);
    expect(findings(chart)[0]!.item.area).toEqual({ kind: 'range', teeth: ['3', '4', '5'] });
    expect(findingsForTooth(chart, '4')).toHaveLength(1);
  });
});

describe('history: the chart on any past date', () => {
  it('rebuilds the chart as it was at each instant', () => {
    const s = session();
    const before = s.now;
    const [add] = s.do({ type: 'recordFinding', area: { kind: 'tooth', tooth: '30' }, code: 'EXT-S', status: 'planned' });
    const t1 = s.now;
    s.do({ type: 'completeFinding', findingId: add!.id });
    const t2 = s.now;
    s.do({ type: 'recordFinding', area: { kind: 'tooth', tooth: '30' }, code: 'IMP-01', status: 'planned' });
    const t3 = s.now;

    expect(chartAt(s.log, before).entries).toEqual([]);
    const at1 = chartAt(s.log, t1);
    expect(findings(at1).map((f) => f.item.status)).toEqual(['planned']);
    expect(toothStates(at1, '30')).toEqual([]);
    const at2 = chartAt(s.log, t2);
    expect(findings(at2).map((f) => f.item.status)).toEqual(['completed']);
    expect(toothStates(at2, '30')).toEqual(['extracted']);
    expect(chartAt(s.log, t3).entries).toEqual(currentChart(s.log).entries);

    const diff = diffCharts(at1, chartAt(s.log, t3));
    expect(diff.changed.map((c) => [c.before.item, c.after.item].map((i) => (i.type === 'finding' ? i.status : '')))).toEqual([['planned', 'completed']]);
    expect(diff.added.map((a) => (a.item.type === 'finding' ? a.item.code : a.item.type === 'tooth_state' ? a.item.state : ''))).toEqual(['extracted', 'IMP-01']);
    expect(diff.removed).toEqual([]);
    expect(diff.teeth).toEqual(['30']);
    expect(diffCharts(at2, at1).removed).toHaveLength(1);
  });

  it('orders events by time, whatever order they are stored in', () => {
    const s = session();
    s.do({ type: 'setToothState', tooth: '3', state: 'crown' });
    s.do({ type: 'clearToothState', tooth: '3', state: 'crown' });
    expect(toothStates(currentChart([...s.log].reverse()), '3')).toEqual([]);
  });

  it('ends a finding without erasing its past', () => {
    const s = session();
    const [add] = s.do({ type: 'recordFinding', area: { kind: 'tooth', tooth: '3' }, code: 'COR-PFM', status: 'planned' });
    const t1 = s.now;
    s.do({ type: 'removeFinding', findingId: add!.id });
    expect(findings(currentChart(s.log))).toEqual([]);
    expect(findings(chartAt(s.log, t1))).toHaveLength(1);
  });

  it('voids an error with a reason; the record still shows what was on the chart before the correction', () => {
    const s = session();
    const [add] = s.do({ type: 'recordFinding', area: { kind: 'surface', tooth: '19', surfaces: 'O' }, code: 'DX-CAR', status: 'condition' });
    const t1 = s.now;
    expect(s.attempt({ type: 'voidEvent', eventId: add!.id, reason: '  ' })).toEqual({ ok: false, error: 'reason_required' });
    expect(s.attempt({ type: 'voidEvent', eventId: 'nope', reason: 'x' })).toEqual({ ok: false, error: 'unknown_event' });
    const [voiding] = s.do({ type: 'voidEvent', eventId: add!.id, reason: 'charted on the wrong tooth' });
    expect(s.attempt({ type: 'voidEvent', eventId: add!.id, reason: 'again' })).toEqual({ ok: false, error: 'already_voided' });

    expect(findings(currentChart(s.log))).toEqual([]);
    expect(findings(chartAt(s.log, t1))).toHaveLength(1);
    expect(findings(chartAt(s.log, t1, { corrections: 'as_corrected' }))).toEqual([]);
    const [step] = itemHistory(s.log, add!.id);
    expect(step!.voided).toBe(true);
    expect(step!.voidedBy).toMatchObject({ id: voiding!.id, kind: 'void', reason: 'charted on the wrong tooth' });
    // The erroneous event is still in the log, untouched.
    expect(s.log[0]).toEqual(add);
  });
});

describe('undo and redo are voids', () => {
  it('undoes the last actions one by one and redoes them', () => {
    const s = session();
    s.do({ type: 'recordFinding', area: { kind: 'tooth', tooth: '3' }, code: 'SEL-01', status: 'planned' });
    s.do({ type: 'setToothState', tooth: '1', state: 'missing' });
    const count = () => currentChart(s.log).entries.length;
    expect(count()).toBe(2);
    const undo = s.do({ type: 'undo' });
    expect(undo.map((e) => [e.kind, e.action])).toEqual([['void', 'undo']]);
    expect(toothStates(currentChart(s.log), '1')).toEqual([]);
    s.do({ type: 'undo' });
    expect(count()).toBe(0);
    expect(s.attempt({ type: 'undo' })).toEqual({ ok: false, error: 'nothing_to_undo' });
    expect(canUndo(s.log, 'dr-a')).toBe(false);
    expect(canRedo(s.log, 'dr-a')).toBe(true);
    s.do({ type: 'redo' });
    expect(findings(currentChart(s.log))).toHaveLength(1);
    s.do({ type: 'redo' });
    expect(count()).toBe(2);
    expect(s.attempt({ type: 'redo' })).toEqual({ ok: false, error: 'nothing_to_redo' });
    // Undo after redo takes the same action back again.
    s.do({ type: 'undo' });
    expect(toothStates(currentChart(s.log), '1')).toEqual([]);
    // Every step is in the log: 2 actions, 2 undos, 2 redos, 1 undo.
    expect(s.log).toHaveLength(7);
  });

  it('undoes a whole action, with the states it set', () => {
    const s = session();
    s.do({ type: 'setToothState', tooth: '30', state: 'extraction_planned' });
    s.do({ type: 'recordFinding', area: { kind: 'tooth', tooth: '30' }, code: 'EXT-S', status: 'completed' });
    expect(toothStates(currentChart(s.log), '30')).toEqual(['extracted']);
    const undo = s.do({ type: 'undo' });
    expect(undo).toHaveLength(3); // the finding, the extracted state and the end of the planned extraction
    expect(toothStates(currentChart(s.log), '30')).toEqual(['extraction_planned']);
    expect(findings(currentChart(s.log))).toEqual([]);
  });

  it('forgets the redo once a new action is taken, and keeps each user to their own edits', () => {
    const s = session();
    s.do({ type: 'setToothState', tooth: '1', state: 'missing' });
    s.do({ type: 'undo' });
    s.do({ type: 'setToothState', tooth: '16', state: 'missing' });
    expect(s.attempt({ type: 'redo' })).toEqual({ ok: false, error: 'nothing_to_redo' });
    expect(s.attempt({ type: 'undo' }, 'hyg-b')).toEqual({ ok: false, error: 'nothing_to_undo' });
    s.do({ type: 'setToothState', tooth: '17', state: 'missing' }, 'hyg-b');
    s.do({ type: 'undo' }); // dr-a's undo takes back dr-a's edit, not the hygienist's later one
    const chart = currentChart(s.log);
    expect(toothStates(chart, '16')).toEqual([]);
    expect(toothStates(chart, '17')).toEqual(['missing']);
  });

  it('undoes a correction (voiding the void)', () => {
    const s = session();
    const [add] = s.do({ type: 'setToothState', tooth: '8', state: 'veneer' });
    s.do({ type: 'voidEvent', eventId: add!.id, reason: 'wrong tooth' });
    expect(toothStates(currentChart(s.log), '8')).toEqual([]);
    s.do({ type: 'undo' });
    expect(toothStates(currentChart(s.log), '8')).toEqual(['veneer']);
  });

  it('never changes the past: the chart after each action is what chartAt rebuilds for that instant later', () => {
    const teeth = ['3', '8', '14', '19', '30'];
    const states: ToothState[] = ['missing', 'crown', 'fracture', 'extraction_planned'];
    const action = fc.oneof(
      fc.record({ k: fc.constant('record' as const), tooth: fc.constantFrom(...teeth), code: fc.constantFrom('EXT-S', 'COR-PFM', 'END-MO', 'SEL-01'), status: fc.constantFrom('planned' as const, 'completed' as const, 'existing' as const) }),
      fc.record({ k: fc.constant('state' as const), tooth: fc.constantFrom(...teeth), state: fc.constantFrom(...states) }),
      fc.record({ k: fc.constant('clear' as const), tooth: fc.constantFrom(...teeth), state: fc.constantFrom(...states) }),
      fc.record({ k: fc.constantFrom('complete' as const, 'remove' as const, 'void' as const), pick: fc.nat() }),
      fc.record({ k: fc.constantFrom('undo' as const, 'redo' as const), by: fc.constantFrom('dr-a', 'hyg-b'), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (steps) => {
        const s = session();
        const snapshots: Array<[string, ReturnType<typeof chartAt>]> = [];
        for (const step of steps) {
          const chart = currentChart(s.log);
          const finding = findings(chart);
          let a: ChartAction;
          let by = 'dr-a';
          if (step.k === 'record') a = { type: 'recordFinding', area: { kind: 'tooth', tooth: step.tooth }, code: step.code, status: step.status };
          else if (step.k === 'state') a = { type: 'setToothState', tooth: step.tooth, state: step.state };
          else if (step.k === 'clear') a = { type: 'clearToothState', tooth: step.tooth, state: step.state };
          else if (step.k === 'undo' || step.k === 'redo') {
            a = { type: step.k };
            by = step.by;
          } else if (step.k === 'void') {
            if (!s.log.length) continue;
            a = { type: 'voidEvent', eventId: s.log[step.pick % s.log.length]!.id, reason: 'error' };
          } else {
            if (!finding.length) continue;
            const id = finding[step.pick % finding.length]!.id;
            a = step.k === 'complete' ? { type: 'completeFinding', findingId: id } : { type: 'removeFinding', findingId: id };
          }
          const before = s.log;
          const result = s.attempt(a, by);
          // Append-only: the old log is a prefix of the new one, and new ids are new.
          expect(s.log.slice(0, before.length)).toEqual(before);
          if (result.ok) for (const e of result.events) expect(before.some((b) => b.id === e.id)).toBe(false);
          snapshots.push([s.now, chartAt(s.log, s.now)]);
        }
        for (const [at, snapshot] of snapshots) expect(chartAt(s.log, at)).toEqual(snapshot);
      }),
      { numRuns: 150 },
    );
  });
});

describe('dentition and the text view', () => {
  it('shows a mixed dentition and any supernumerary tooth with something recorded on it', () => {
    const s = session();
    s.do({ type: 'setDentition', teeth: MIXED_DENTITION });
    expect(s.attempt({ type: 'setDentition', teeth: [...MIXED_DENTITION].reverse() })).toEqual({ ok: false, error: 'no_change' });
    s.do({ type: 'setToothState', tooth: '58', state: 'supernumerary' });
    const teeth = chartTeeth(currentChart(s.log));
    expect(teeth).toHaveLength(25);
    expect(teeth).toContain('58');
    expect(chartTeeth(currentChart([]))).toHaveLength(32);
  });

  it('tells the perio exam which teeth to skip', () => {
    const s = session();
    s.do({ type: 'setToothState', tooth: '1', state: 'missing' });
    s.do({ type: 'setToothState', tooth: '30', state: 'extracted' });
    s.do({ type: 'setToothState', tooth: '17', state: 'unerupted' });
    s.do({ type: 'setToothState', tooth: '19', state: 'implant' });
    s.do({ type: 'setToothState', tooth: '3', state: 'crown' });
    expect(absentTeeth(currentChart(s.log))).toEqual(['1', '17', '30']);
  });

  it('lists every finding per tooth in reading order, with labels in the chosen numbering and surface letters in the chosen language', () => {
    const s = session();
    s.do({ type: 'recordFinding', area: { kind: 'surface', tooth: fdi('46'), surfaces: 'MOD' }, code: 'RES-C3', status: 'planned' });
    s.do({ type: 'setToothState', tooth: fdi('18'), state: 'missing' });
    s.do({ type: 'recordFinding', area: { kind: 'surface', tooth: fdi('16'), surfaces: 'BP' }, code: 'DX-CAR', status: 'condition' });
    s.do({ type: 'recordFinding', area: { kind: 'range', teeth: [fdi('35'), fdi('36'), fdi('37')] }, code: 'PUE-01', status: 'planned' });
    s.do({ type: 'recordFinding', area: { kind: 'quadrant', quadrant: 'LR' }, code: 'PER-RA', status: 'planned' });
    const chart = currentChart(s.log);

    const es = describeChart(chart, 'fdi', 'es');
    expect(es.teeth.map((t) => t.toothLabel)).toEqual(['18', '16', '46', '35', '36', '37']);
    expect(es.teeth[0]!.items).toEqual([expect.objectContaining({ kind: 'state', code: 'missing', status: null })]);
    expect(es.teeth[1]!.items[0]).toMatchObject({ kind: 'finding', code: 'DX-CAR', status: 'condition', area: 'surface', surfaces: ['V', 'P'] });
    expect(es.teeth[2]!.items[0]).toMatchObject({ code: 'RES-C3', surfaces: ['M', 'O', 'D'] });
    expect(es.teeth[4]!.items[0]).toMatchObject({ code: 'PUE-01', area: 'range', span: ['35', '36', '37'] });
    expect(es.areas).toEqual([{ area: { kind: 'quadrant', quadrant: 'LR' }, items: [expect.objectContaining({ code: 'PER-RA', area: 'quadrant' })] }]);

    const en = describeChart(chart, 'universal', 'en');
    expect(en.teeth.map((t) => t.toothLabel)).toEqual(['1', '3', '30', '20', '19', '18']);
    expect(en.teeth[1]!.items[0]!.surfaces).toEqual(['B', 'L']);
    expect(describeChart(chart, 'palmer', 'en').teeth[0]!.toothLabel).toBe('UR8');
    expect(describeChart(chart, 'fdi', 'es', { includeEmptyTeeth: true }).teeth).toHaveLength(32);
  });
});
