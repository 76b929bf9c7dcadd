import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AREA_KINDS } from '../../src/shared/chart/findings';
import { type Procedure, STARTER_CATALOG, codeForSurfaceCount, findProcedure, mergeCatalog, procedureLookup } from '../../src/shared/procedures/catalog';
import { parseFee, parseProcedureCsv, procedureCsv } from '../../src/shared/procedures/csv';

describe('the starter catalog', () => {
  it('has about forty procedures with our own codes and names in both languages', () => {
    const procedures = STARTER_CATALOG.filter((p) => p.kind === 'procedure');
    expect(procedures.length).toBeGreaterThanOrEqual(40);
    expect(new Set(STARTER_CATALOG.map((p) => p.code)).size).toBe(STARTER_CATALOG.length);
    for (const p of STARTER_CATALOG) {
      expect(p.code).toMatch(/^[A-Z0-9]+-[A-Z0-9]+$/);
      // No CDT codes (D followed by four digits): those need the ADA's licence.
      expect(p.code).not.toMatch(/^D\d{4}$/);
      expect(p.name.es.length).toBeGreaterThan(2);
      expect(p.name.en.length).toBeGreaterThan(2);
      expect(AREA_KINDS).toContain(p.area);
      if (p.surfacesRequired) expect(p.area).toBe('surface');
      expect(p.fee).toBeNull();
    }
  });

  it('says which tooth state each procedure leaves', () => {
    const result = (code: string) => findProcedure(STARTER_CATALOG, code)?.resultsIn;
    expect(result('EXT-S')).toBe('extracted');
    expect(result('END-AN')).toBe('root_canal');
    expect(result('COR-PFM')).toBe('crown');
    expect(result('IMP-01')).toBe('implant');
    expect(result('SEL-01')).toBe('sealant');
    expect(result('PYM-01')).toBe('post_core');
    expect(result('CAR-01')).toBe('veneer');
    expect(result('PRO-01')).toBeNull();
    expect(result('RES-C1')).toBeNull();
    expect(findProcedure(STARTER_CATALOG, 'res-c2')?.surfacesRequired).toBe(true);
  });

  it('offers a lookup for the chart and the code for a surface count', () => {
    const lookup = procedureLookup(STARTER_CATALOG);
    expect(lookup('ext-s ')).toEqual({ surfacesRequired: false, resultsIn: 'extracted', area: 'tooth' });
    expect(lookup('D2391')).toBeUndefined();
    expect(codeForSurfaceCount(STARTER_CATALOG, 'RES-C', 1)).toBe('RES-C1');
    expect(codeForSurfaceCount(STARTER_CATALOG, 'RES-C', 3)).toBe('RES-C3');
    expect(codeForSurfaceCount(STARTER_CATALOG, 'RES-C', 5)).toBe('RES-C4');
    expect(codeForSurfaceCount(STARTER_CATALOG, 'RES-A', 4)).toBe('RES-A3');
    expect(codeForSurfaceCount(STARTER_CATALOG, 'RES-C', 0)).toBeNull();
  });
});

describe('importing a practice list from CSV', () => {
  it('reads a FONASA-style list with ; and Chilean thousands separators', () => {
    const csv = [
      '\uFEFFcode;name_es;name_en;area;surfaces_required;fee',
      '13-02-023;Obturación composite;Composite filling;surface;sí;"$12.500"',
      '13-02-001;"Examen; diagnóstico";;mouth;no;8.000',
      '13-03-010;Exodoncia simple;Simple extraction;diente;0;15.000,50',
      '',
      'X-1;Sin precio;No fee;tooth;false;',
    ].join('\r\n');
    const { procedures, errors } = parseProcedureCsv(csv);
    expect(errors).toEqual([]);
    expect(procedures).toEqual([
      { code: '13-02-023', name: { es: 'Obturación composite', en: 'Composite filling' }, kind: 'procedure', category: 'other', area: 'surface', surfacesRequired: true, resultsIn: null, fee: 12500 },
      { code: '13-02-001', name: { es: 'Examen; diagnóstico', en: 'Examen; diagnóstico' }, kind: 'procedure', category: 'other', area: 'mouth', surfacesRequired: false, resultsIn: null, fee: 8000 },
      { code: '13-03-010', name: { es: 'Exodoncia simple', en: 'Simple extraction' }, kind: 'procedure', category: 'other', area: 'tooth', surfacesRequired: false, resultsIn: null, fee: 15000.5 },
      { code: 'X-1', name: { es: 'Sin precio', en: 'No fee' }, kind: 'procedure', category: 'other', area: 'tooth', surfacesRequired: false, resultsIn: null, fee: null },
    ]);
  });

  it('reads a comma-separated list (CDT bought by the practice) with . as the decimal mark and columns in any order', () => {
    const csv = 'fee,code,name_en,name_es,area,surfaces_required,results_in\n"1,250.00",D2392,Resin two surfaces,Resina dos superficies,surface,yes,\n95.5,D7140,Extraction,Exodoncia,tooth,no,extracted\n';
    const { procedures, errors } = parseProcedureCsv(csv);
    expect(errors).toEqual([]);
    expect(procedures.map((p) => [p.code, p.fee, p.resultsIn])).toEqual([
      ['D2392', 1250, null],
      ['D7140', 95.5, 'extracted'],
    ]);
  });

  it('reports every bad row with its line and column, and keeps the good rows', () => {
    const csv = [
      'code;name_es;name_en;area;surfaces_required;fee',
      'OK-1;Bueno;Good;tooth;no;1000', // line 2
      ';Sin código;No code;tooth;no;', // line 3
      'BAD-AREA;Algo;Something;jaw;no;', // line 4
      'BAD-SURF;Algo;Something;tooth;maybe;', // line 5
      'SURF-TOOTH;Algo;Something;tooth;yes;', // line 6
      'BAD-FEE;Algo;Something;tooth;no;12,5,0', // line 7
      'OK-1;Repetido;Repeated;tooth;no;', // line 8
      'NO-NAME;;;mouth;no;', // line 9
      'bad code!;Algo;Something;mouth;no;-5', // line 10
      '"OK-2";"Dos',
      'líneas";Two lines;mouth;no;', // lines 11–12: a quoted name may span lines
      'LAST;"sin cerrar;x;mouth;no;', // line 13
    ].join('\n');
    const { procedures, errors } = parseProcedureCsv(csv);
    expect(procedures.map((p) => p.code)).toEqual(['OK-1', 'OK-2']);
    expect(procedures[1]!.name.es).toBe('Dos\nlíneas');
    expect(errors.map((e) => [e.line, e.column, e.error])).toEqual([
      [3, 'code', 'code_required'],
      [4, 'area', 'area_invalid'],
      [5, 'surfaces_required', 'surfaces_required_invalid'],
      [6, 'surfaces_required', 'surfaces_need_surface_area'],
      [7, 'fee', 'fee_invalid'],
      [8, 'code', 'duplicate_code'],
      [9, 'name_es', 'name_required'],
      [10, 'code', 'code_invalid'],
      [10, 'fee', 'fee_invalid'],
      [13, null, 'unterminated_quote'],
    ]);
    expect(errors[1]!.value).toBe('jaw');
  });

  it('refuses a file without the required columns', () => {
    expect(parseProcedureCsv('code;name;price\nA;B;1')).toEqual({
      procedures: [],
      errors: ['name_es', 'name_en', 'area', 'surfaces_required', 'fee'].map((column) => ({ line: 1, column, error: 'missing_column' })),
    });
    expect(parseProcedureCsv('  \n')).toEqual({ procedures: [], errors: [{ line: 1, column: null, error: 'empty_file' }] });
  });

  it('reads fees in both conventions and refuses ambiguous or negative ones', () => {
    expect(parseFee('12.000', ',')).toBe(12000);
    expect(parseFee('12.000', '.')).toBe(12);
    expect(parseFee('1.234.567,89', ',')).toBe(1234567.89);
    expect(parseFee('1,234,567.89', '.')).toBe(1234567.89);
    expect(parseFee('$ 5000', ',')).toBe(5000);
    expect(parseFee('', ',')).toBeNull();
    expect(parseFee('12.00', ',')).toBeUndefined();
    expect(parseFee('-5', ',')).toBeUndefined();
    expect(parseFee('abc', '.')).toBeUndefined();
  });

  it('exports a catalog that imports back as the same list', () => {
    const { procedures, errors } = parseProcedureCsv(procedureCsv(STARTER_CATALOG));
    expect(errors).toEqual([]);
    const carried = (p: Procedure) => ({ code: p.code, name: p.name, kind: p.kind, category: p.category, area: p.area, surfacesRequired: p.surfacesRequired, resultsIn: p.resultsIn, fee: p.fee });
    expect(procedures).toEqual(STARTER_CATALOG.map(carried));

    const text = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s.length > 0 && !s.includes('\r'));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,9}$/), { minLength: 1, maxLength: 5 }),
        fc.array(fc.record({ es: text, en: text, fee: fc.option(fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100)) }), { minLength: 5, maxLength: 5 }),
        fc.constantFrom(';' as const, ',' as const, '\t' as const),
        (codes, rows, delimiter) => {
          const list: Procedure[] = codes.map((code, i) => ({ code, name: { es: rows[i]!.es, en: rows[i]!.en }, kind: 'procedure', category: 'other', area: 'tooth', surfacesRequired: false, resultsIn: null, fee: rows[i]!.fee }));
          const back = parseProcedureCsv(procedureCsv(list, { delimiter }));
          expect(back.errors).toEqual([]);
          expect(back.procedures).toEqual(list);
        },
      ),
    );
  });

  it('merges an import over the starter list', () => {
    const { procedures } = parseProcedureCsv('code;name_es;name_en;area;surfaces_required;fee\nEXT-S;Extracción;Extraction;tooth;no;20.000\n13-02-023;Resina;Resin;surface;si;1');
    const merged = mergeCatalog(STARTER_CATALOG, procedures);
    expect(merged).toHaveLength(STARTER_CATALOG.length + 1);
    expect(findProcedure(merged, 'EXT-S')).toMatchObject({ fee: 20000, resultsIn: 'extracted', category: 'surgery', name: { es: 'Extracción' } });
    expect(findProcedure(merged, '13-02-023')?.surfacesRequired).toBe(true);
  });
});
