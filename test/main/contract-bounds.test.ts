import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CALL_NAMES, contract, validationError, type CallName } from '../../src/shared/contract';
import { patientDraftSchema } from '../../src/shared/contract/patients';
import { boundedRecord, maxLengthAt, multiLine, optionalMultiLine, optionalSingleLine, singleLine, TEXT_LIMITS } from '../../src/shared/contract/text';
import { translate } from '../../src/shared/i18n/translate';

/**
 * Every input has bounds: whatever a caller sends, each call's schema says how
 * long each text may be, how many items each list may hold and how many
 * entries each map may carry. Read from the input side of every contract
 * entry's JSON Schema (zod 4's own rendering of the checks), so a new field
 * without a bound fails here with its call and path.
 */

type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A pattern bounds a value's length when it is anchored at both ends and
 * repeats nothing without an upper count: no `*`, `+` or `{n,}` outside a
 * character class or an escape.
 */
export function patternBoundsLength(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) return false;
  const bare = pattern.replace(/\\./g, 'e').replace(/\[[^\]]*\]/g, 'c');
  return !/[*+]|\{\d*,\}/.test(bare);
}

const typesOf = (node: Json): string[] => (Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === 'string' ? [node.type] : []);
const COMBINATORS = ['anyOf', 'oneOf', 'allOf'] as const;

/** Every place in an input JSON Schema where a value may be as large as the caller likes, as `$.a.b[]`-style paths. */
export function unboundedPaths(root: Json): string[] {
  const found: string[] = [];
  const resolving = new Set<string>();
  const visit = (node: unknown, path: string): void => {
    if (node === true) return void found.push(`${path} (accepts anything)`);
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string') {
      const ref = node.$ref;
      if (resolving.has(ref)) return;
      resolving.add(ref);
      const target = ref === '#' ? root : ref.slice(2).split('/').reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), root);
      visit(target, path);
      resolving.delete(ref);
      return;
    }
    if ('enum' in node || 'const' in node) return;
    const types = typesOf(node);
    const combined = COMBINATORS.filter((key) => Array.isArray(node[key]));
    if (types.length === 0 && combined.length === 0 && !('not' in node)) return void found.push(`${path} (accepts anything)`);
    for (const key of combined) (node[key] as unknown[]).forEach((branch) => visit(branch, path));
    if (types.includes('string') && typeof node.maxLength !== 'number' && !(typeof node.pattern === 'string' && patternBoundsLength(node.pattern))) {
      found.push(`${path} (text without maxLength)`);
    }
    if (types.includes('array')) {
      if (typeof node.maxItems !== 'number') found.push(`${path} (list without maxItems)`);
      if (Array.isArray(node.prefixItems)) (node.prefixItems as unknown[]).forEach((item, i) => visit(item, `${path}[${i}]`));
      if (node.items !== undefined && node.items !== false) visit(node.items, `${path}[]`);
    }
    if (types.includes('object')) {
      for (const [key, child] of Object.entries(isObject(node.properties) ? node.properties : {})) visit(child, `${path}.${key}`);
      const open = [node.additionalProperties, ...Object.values(isObject(node.patternProperties) ? node.patternProperties : {})].filter((v) => v !== undefined && v !== false);
      if (open.length > 0) {
        const keys = isObject(node.propertyNames) ? node.propertyNames : null;
        const closedKeys = keys !== null && ('enum' in keys || 'const' in keys);
        if (!closedKeys && typeof node.maxProperties !== 'number') found.push(`${path} (map without maxProperties)`);
        if (keys) visit(keys, `${path}{key}`);
        for (const value of open) visit(value, `${path}{}`);
      }
    }
  };
  visit(root, '$');
  return found;
}

const inputJsonSchema = (name: CallName) => z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }) as Json;

/* ------------------------------------------------ the zod side: free text */

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every string schema reachable from an input (as the caller sends it), with its path. */
export function textLeaves(schema: z.ZodType, path = '$', seen = new Set<z.ZodType>()): [string, z.ZodType][] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const down = (child: unknown, at: string) => textLeaves(child as z.ZodType, at, seen);
  switch (def.type) {
    case 'string':
      return [[path, schema]];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, child]) => down(child, `${path}.${key}`));
    case 'array':
      return down(def.element, `${path}[]`);
    case 'tuple':
      return [...(def.items as z.ZodType[]).flatMap((item, i) => down(item, `${path}[${i}]`)), ...(def.rest ? down(def.rest, `${path}[]`) : [])];
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => down(option, path));
    case 'intersection':
      return [...down(def.left, path), ...down(def.right, path)];
    case 'record':
      return [...down(def.keyType, `${path}{key}`), ...down(def.valueType, `${path}{}`)];
    case 'pipe':
      return down(def.in, path);
    case 'lazy':
      return down((def.getter as () => z.ZodType)(), path);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return down(def.innerType, path);
    default:
      return [];
  }
}

/**
 * Free text that reads a pasted control character as a space instead of
 * refusing it: a search box (search-query.ts), where refusing would only
 * make the person retype what they were looking for.
 */
const CONTROL_TOLERANT = new Set(['patients.search $.query']);

const INVISIBLE_SAMPLES = ['\u0000', '\u001b', '\u007f', '\u202e', '\u2066'];
/** Plain values of a few lengths: a field that takes one of them is free text. */
const PLAIN = ['ab', 'abcd1234', 'abcdefghijklmnop'];

const refusedAsInvisible = (schema: z.ZodType, value: string) => {
  const result = schema.safeParse(value);
  return !result.success && result.error.issues.some((issue) => issue.message === 'validation.invisibleCharacters');
};

/**
 * What a text field lets through that it should not. Where the field takes a
 * plain value, the same value with an invisible character in it must be
 * refused as such (the person is told what is wrong). A field with a shape
 * of its own (a date, a tooth, a colour) refuses plain words anyway, and
 * must refuse the invisible ones too, in the words of its shape.
 */
function leaks(schema: z.ZodType): string[] {
  return INVISIBLE_SAMPLES.filter((mark) =>
    PLAIN.some((plain) => {
      const value = plain.slice(0, 1) + mark + plain.slice(1);
      return schema.safeParse(plain).success ? !refusedAsInvisible(schema, value) : schema.safeParse(value).success;
    }),
  ).map((mark) => `U+${mark.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()}`);
}

describe('every input has bounds', () => {
  it('reads a bounded pattern as bounded, and an open one as open', () => {
    expect(patternBoundsLength('^\\d{4}-\\d{2}-\\d{2}$')).toBe(true);
    expect(patternBoundsLength('^#[0-9a-fA-F]{6}$')).toBe(true);
    expect(patternBoundsLength('^[a-z+*]{2}$')).toBe(true);
    expect(patternBoundsLength('^\\d+$')).toBe(false);
    expect(patternBoundsLength('^[a-z]*$')).toBe(false);
    expect(patternBoundsLength('^a{2,}$')).toBe(false);
    expect(patternBoundsLength('\\d{4}')).toBe(false);
  });

  it('finds what a schema leaves open, so the check below can fail', () => {
    const open = z.object({
      name: z.string(),
      tags: z.array(z.string().max(8)),
      counts: z.record(z.string().max(8), z.number()),
      anything: z.unknown(),
      fine: singleLine(10),
      closed: z.record(z.enum(['a', 'b']), z.number()),
      bounded: boundedRecord(z.string().max(8), z.number(), 5),
      date: z.iso.date(),
      email: z.email(),
    });
    expect(unboundedPaths(z.toJSONSchema(open, { io: 'input', unrepresentable: 'any' }) as Json)).toEqual([
      '$.name (text without maxLength)',
      '$.tags (list without maxItems)',
      '$.counts (map without maxProperties)',
      '$.anything (accepts anything)',
      '$.email (text without maxLength)',
    ]);
  });

  it('gives every text a maximum length, every list a maximum count and every map a maximum size, in every call', () => {
    const offending = CALL_NAMES.flatMap((name) => unboundedPaths(inputJsonSchema(name)).map((path) => `${name} ${path}`));
    expect(offending, `Inputs without a bound (call, path):\n${offending.join('\n')}`).toEqual([]);
  });

  it('refuses NUL, other control characters and bidi overrides in every free-text field, names and ids included', () => {
    const leaky = CALL_NAMES.flatMap((name) =>
      textLeaves(contract[name].input)
        .filter(([path]) => !CONTROL_TOLERANT.has(`${name} ${path}`))
        .flatMap(([path, schema]) => {
          const through = leaks(schema);
          return through.length > 0 ? [`${name} ${path} lets through ${through.join(' ')}`] : [];
        }),
    );
    expect(leaky, `Text that lets an invisible character through (call, path, characters):\n${leaky.join('\n')}`).toEqual([]);
  });

  it('reads back what was stored before the bounds: no answer refuses a character its input now refuses', () => {
    // A value stored by an older version, or synced from a workstation that runs one, must still
    // show: an answer that refused it would make the whole record unreadable.
    const strict = CALL_NAMES.flatMap((name) =>
      textLeaves(contract[name].output)
        .filter(([, schema]) => PLAIN.some((plain) => schema.safeParse(plain).success && ['\n', '\u202e', '\u0000'].some((mark) => !schema.safeParse(plain.slice(0, 1) + mark + plain.slice(1)).success)))
        .map(([path]) => `${name} ${path}`),
    );
    expect(strict, `Answers that refuse stored text (call, path):\n${strict.join('\n')}`).toEqual([]);
  });

  it('keeps line breaks and tabs in multi-line text, and refuses the rest of the invisible characters there', () => {
    const body = multiLine(TEXT_LIMITS.clinicalNote);
    expect(body.parse('Anamnesis:\r\n\tdolor 3 días\nsin fiebre')).toBe('Anamnesis:\r\n\tdolor 3 días\nsin fiebre');
    for (const value of ['a\u0000b', 'a\u0007b', 'a\u007fb', 'a\u202db', 'a\u2069b']) expect(refusedAsInvisible(body, value), JSON.stringify(value)).toBe(true);
    expect(body.safeParse('x'.repeat(TEXT_LIMITS.clinicalNote + 1)).success).toBe(false);
    expect(optionalMultiLine(TEXT_LIMITS.note).parse(undefined)).toBe('');
    // A name is one line: a line break is refused there.
    expect(refusedAsInvisible(singleLine(TEXT_LIMITS.name), 'Rosa\nMuñoz')).toBe(true);
    expect(optionalSingleLine(TEXT_LIMITS.name).parse('  Rosa  ')).toBe('Rosa');
  });

  it('keeps line breaks and tabs in the texts people write over several lines', () => {
    const text = 'Primera línea\n\tsegunda línea\r\nfin';
    const fields: [CallName, string][] = [
      ['notes.saveDraft', '$.content.sections[].text'],
      ['notes.addAddendum', '$.text'],
      ['notes.templates.save', '$.sections[].placeholder'],
      ['consent.templates.save', '$.body'],
      ['schedule.templates.update', '$.body'],
      ['patients.create', '$.draft.notes'],
      ['patients.medicalHistory.record', '$.history.allergies'],
      ['patients.medicalHistory.record', '$.history.notes'],
      ['prescriptions.issue', '$.notes'],
      ['prescriptions.issue', '$.items[].instructions'],
      ['prescriptions.void', '$.reason'],
      ['schedule.book', '$.notes'],
      ['billing.posting.reverse', '$.reason'],
      ['documents.void', '$.reason'],
      ['chart.procedures.importCsv', '$.text'],
      ['fees.schedules.importCsv', '$.text'],
    ];
    for (const [name, path] of fields) {
      const leaf = textLeaves(contract[name].input).find(([at]) => at === path);
      expect(leaf, `${name} ${path}`).toBeDefined();
      expect(leaf![1].safeParse(text).success, `${name} ${path}`).toBe(true);
    }
  });

  it('refuses a too-long or too-large input with a translated message that says the limit', () => {
    const schema = z.object({ name: singleLine(5), items: z.array(z.number()).max(2), map: boundedRecord(z.string().max(4), z.number(), 1) });
    const result = schema.safeParse({ name: 'abcdef', items: [1, 2, 3], map: { a: 1, b: 2 } });
    expect(result.success).toBe(false);
    const { fields, fieldParams } = validationOf(result);
    expect(fields).toEqual({ name: 'validation.tooLongMax', items: 'validation.tooManyMax', map: 'validation.tooManyMax' });
    expect(fieldParams).toEqual({ name: { max: 5 }, items: { max: 2 }, map: { max: 1 } });
    for (const language of ['es', 'en'] as const) {
      expect(translate(language, 'validation.tooLongMax', { max: 5 })).toContain('5');
      expect(translate(language, 'validation.tooManyMax', { max: 2 })).toContain('2');
      expect(translate(language, 'validation.invisibleCharacters')).not.toBeNull();
    }
    // The limit is written as each language writes numbers.
    expect(translate('es', 'validation.tooLongMax', { max: 4000 })).toContain('4.000');
    expect(translate('en', 'validation.tooLongMax', { max: 4000 })).toContain('4,000');
  });

  it('gives each form the limit of its contract field, through a path the contract has', () => {
    expect(maxLengthAt(patientDraftSchema, 'address.street')).toBe(160);
    expect(maxLengthAt(patientDraftSchema, 'email')).toBe(254);
    expect(maxLengthAt(contract['notes.saveDraft'].input, 'content.sections.[].text')).toBe(TEXT_LIMITS.clinicalNote);
    expect(() => maxLengthAt(patientDraftSchema, 'address.floor')).toThrow('address.floor');
    // Every field a form names in its own words is one the contract has (a typo would throw when the form opens).
    const root = join(import.meta.dirname, '..', '..', 'src', 'renderer');
    const named = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.tsx'))
      .flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(/maxLengthAt\(contract\['([^']+)'\]\.input, '([^']+)'\)/g)].map((m) => [file, m[1]!, m[2]!] as const));
    expect(named.length).toBeGreaterThan(30);
    for (const [file, name, path] of named) expect(() => maxLengthAt(contract[name as CallName].input, path), `${file}: ${name} ${path}`).not.toThrow();
  });
});

function validationOf(result: z.ZodSafeParseResult<unknown>) {
  if (result.success) throw new Error('expected a refusal');
  return validationError(result.error.issues).value;
}
