import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureOut } from '../../shared/contract/chairside';
import { AREA_KINDS, FINDING_STATUSES, TOOTH_STATES } from '../../shared/chart/findings';
import type { AreaKind, FindingStatus, ToothState } from '../../shared/chart/findings';
import type { Language } from '../../shared/i18n/languages';
import { labelOr } from '../app/i18n';
import { Button } from '../ui/Button';
import { fold, stateLabel, statusLabel } from './labels';

export type PickerChoice =
  | { kind: 'procedure'; procedure: ProcedureOut; status: FindingStatus; area: AreaKind | 'auto' }
  | { kind: 'state'; state: ToothState };

type Option = { key: string; text: string; hint: string } & ({ kind: 'procedure'; procedure: ProcedureOut } | { kind: 'state'; state: ToothState });

/** The whole-tooth states a dentist records directly (extracted comes from an extraction, supernumerary from the dentition). */
const PICKABLE_STATES: readonly ToothState[] = TOOTH_STATES.filter((s) => s !== 'supernumerary');

/**
 * A keyboard-searchable list of the practice catalog and the whole-tooth
 * states: type to filter (accents and case ignored), arrows to move, Enter to
 * record with the status chosen below, Escape to close.
 */
export function RecordPicker({
  catalog,
  language,
  target,
  error,
  busy,
  onChoose,
  onClose,
}: {
  catalog: readonly ProcedureOut[];
  language: Language;
  /** What the record applies to, in words ("36 MOD", "range 14–16"). */
  target: string;
  error: string | null;
  busy: boolean;
  onChoose: (choice: PickerChoice) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const base = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState<FindingStatus | 'auto'>('auto');
  const [area, setArea] = useState<AreaKind | 'auto'>('auto');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const all = useMemo<Option[]>(
    () => [
      ...catalog
        .filter((p) => p.active)
        .map((p) => ({ key: `p:${p.code}`, kind: 'procedure' as const, procedure: p, text: p.name[language], hint: p.code })),
      ...PICKABLE_STATES.map((s) => ({ key: `s:${s}`, kind: 'state' as const, state: s, text: stateLabel(s), hint: t('chart.picker.wholeTooth') })),
    ],
    [catalog, language, t],
  );
  const options = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) return all;
    return all.filter((o) => {
      const hay = fold(`${o.text} ${o.hint}`);
      return words.every((w) => hay.includes(w));
    });
  }, [all, query]);
  const current = options[Math.min(active, options.length - 1)];

  const choose = (option: Option | undefined) => {
    if (!option) return;
    if (option.kind === 'state') onChoose({ kind: 'state', state: option.state });
    else {
      const chosen = status === 'auto' ? (option.procedure.kind === 'condition' ? 'condition' : 'planned') : status;
      onChoose({ kind: 'procedure', procedure: option.procedure, status: chosen, area });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const n = options.length;
      if (n === 0) return;
      setActive((i) => (Math.min(i, n - 1) + (event.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(current);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  const listId = `${base}-list`;
  const optionId = (o: Option) => `${base}-${o.key.replace(/\W/g, '_')}`;
  return (
    <section className="record-picker card" aria-label={t('chart.picker.title')}>
      <div className="record-picker-head">
        <strong>{t('chart.picker.title')}</strong> <span className="muted">{t('chart.picker.target', { target })}</span>
      </div>
      <div className="record-picker-controls">
        <label className="field-inline">
          <span>{t('chart.picker.search')}</span>
          <input
            ref={input}
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={current ? optionId(current) : undefined}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
        </label>
        <label className="field-inline">
          <span>{t('chart.picker.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as FindingStatus | 'auto')}>
            <option value="auto">{t('chart.picker.statusAuto')}</option>
            {FINDING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('chart.picker.area')}</span>
          <select value={area} onChange={(e) => setArea(e.target.value as AreaKind | 'auto')}>
            <option value="auto">{t('chart.picker.areaAuto')}</option>
            {AREA_KINDS.map((a) => (
              <option key={a} value={a}>
                {labelOr(`chart.areas.${a}`, a)}
              </option>
            ))}
          </select>
        </label>
        <Button size="sm" variant="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
      {error ? (
        <p className="text-danger" role="alert">
          {error}
        </p>
      ) : null}
      <ul id={listId} role="listbox" aria-label={t('chart.picker.results')} className="record-picker-list" aria-busy={busy || undefined}>
        {options.slice(0, 60).map((o) => (
          <li
            key={o.key}
            id={optionId(o)}
            role="option"
            aria-selected={o === current}
            className={o === current ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o);
            }}
          >
            <span>{o.text}</span> <span className="muted">{o.hint}</span>
          </li>
        ))}
        {options.length === 0 ? <li className="muted">{t('chart.picker.none')}</li> : null}
      </ul>
    </section>
  );
}
