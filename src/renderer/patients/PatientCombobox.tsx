import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../shared/contract/patients';
import { Keys, ariaKeys } from '../app/Keys';
import { shortcutFor } from '../app/shortcuts';
import { Icon } from '../ui/Icon';
import { Spinner } from '../ui/Spinner';
import type { ControlProps } from '../ui/Field';
import { errorMessage } from '../ui/errors';
import { PatientResult } from './PatientResult';
import { usePatientSearch } from './usePatientSearch';
import { TEXT_LIMITS } from '../../shared/contract/text';

interface Props {
  /** The accessible name; shown as the placeholder too when there is no visible label. */
  label: string;
  placeholder?: string;
  onSelect: (patient: PatientSummary) => void;
  /** Patients that cannot be chosen here (the open patient, when picking its duplicate). */
  excludeIds?: readonly string[];
  inputRef?: Ref<HTMLInputElement>;
  /** From a Field, when the combobox has a visible label and may carry an error. */
  control?: ControlProps;
  variant?: 'topbar' | 'field';
  limit?: number;
  autoFocus?: boolean;
}

/**
 * Find a patient as you type (ARIA 1.2 combobox with a listbox popup): the
 * arrows move, Enter chooses, Escape closes the list and then clears the text.
 * The top-bar search and every "pick a patient" field use this one component.
 */
export function PatientCombobox({ label, placeholder, onSelect, excludeIds = [], inputRef, control, variant = 'field', limit = 12, autoFocus }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const search = usePatientSearch(query, limit);
  const results = search.results.filter((p) => !excludeIds.includes(p.id));
  const activeIndex = Math.min(active, Math.max(results.length - 1, 0));
  const activePatient = open ? results[activeIndex] : undefined;
  const optionId = (index: number) => `${listId}-option-${index}`;
  const showPopup = open && query.trim().length > 0;
  // The top bar's box says how to reach it from anywhere.
  const shortcut = variant === 'topbar' ? shortcutFor('searchPatient') : undefined;
  const expanded = showPopup && results.length > 0;

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${activeIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, expanded]);

  const [pendingEnter, setPendingEnter] = useState(false);
  const pendingChoice = pendingEnter && search.settled ? (results[activeIndex] ?? null) : undefined;
  useEffect(() => {
    if (pendingChoice === undefined) return;
    setPendingEnter(false);
    if (pendingChoice) choose(pendingChoice);
  }, [pendingChoice]);

  const choose = (patient: PatientSummary | undefined) => {
    if (!patient) return;
    setOpen(false);
    setQuery('');
    setActive(0);
    onSelect(patient);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = results.length;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else if (count > 0) setActive((activeIndex + 1) % count);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      else if (count > 0) setActive((activeIndex - 1 + count) % count);
    } else if (event.key === 'Enter') {
      if (showPopup && activePatient && search.settled) {
        event.preventDefault();
        choose(activePatient);
      } else if (showPopup && search.searching) {
        // Typed faster than the search answered: Enter opens the best match as soon as it arrives.
        event.preventDefault();
        setPendingEnter(true);
      } else if (variant === 'field') {
        // Inside a form, Enter in a search box must not submit the whole form.
        event.preventDefault();
      }
    } else if (event.key === 'Escape') {
      setPendingEnter(false);
      if (showPopup) {
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
      } else if (query) {
        event.preventDefault();
        event.stopPropagation();
        setQuery('');
      } else if (variant === 'topbar') {
        event.currentTarget.blur();
      }
    }
  };

  const status = !showPopup
    ? ''
    : search.error
      ? errorMessage(search.error)
      : search.settled
        ? results.length > 0
          ? t('patients.search.results', { count: results.length })
          : t('patients.search.empty', { query: query.trim() })
        : '';

  return (
    <div
      className={`patient-combobox patient-combobox-${variant}`}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <div className="patient-combobox-box">
        <Icon name="search" size={16} className="patient-combobox-icon" />
        <input maxLength={TEXT_LIMITS.search}
          {...control}
          ref={inputRef}
          className={variant === 'topbar' ? 'patient-combobox-input' : 'input patient-combobox-input'}
          type="text"
          role="combobox"
          aria-label={control ? undefined : label}
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && activePatient ? optionId(activeIndex) : undefined}
          aria-keyshortcuts={shortcut ? shortcut.combos.map(ariaKeys).join(' ') : undefined}
          placeholder={placeholder ?? label}
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setOpen(true);
            setPendingEnter(false);
          }}
          onFocus={() => {
            if (query) setOpen(true);
          }}
          onKeyDown={onKeyDown}
        />
        {showPopup && search.searching ? <Spinner /> : null}
        {shortcut?.combos[0] && !query ? (
          <span className="patient-combobox-keys">
            <Keys combo={shortcut.combos[0]} />
          </span>
        ) : null}
      </div>
      <div className={showPopup ? 'patient-popup' : 'patient-popup patient-popup-hidden'}>
        <ul ref={listRef} id={listId} role="listbox" aria-label={t('patients.search.listLabel')} className="patient-results">
          {showPopup
            ? results.map((patient, index) => (
                <li
                  key={patient.id}
                  id={optionId(index)}
                  data-index={index}
                  role="option"
                  aria-selected={index === activeIndex}
                  className={index === activeIndex ? 'patient-option patient-option-active' : 'patient-option'}
                  // Keeps focus in the box, so the click chooses instead of closing the list first.
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseMove={() => index !== activeIndex && setActive(index)}
                  onClick={() => choose(patient)}
                >
                  <PatientResult patient={patient} query={query} />
                </li>
              ))
            : null}
        </ul>
        {showPopup && results.length === 0 ? (
          <p className="patient-popup-note" aria-hidden="true">
            {search.error ? errorMessage(search.error) : search.settled ? t('patients.search.empty', { query: query.trim() }) : t('patients.search.searching')}
          </p>
        ) : null}
      </div>
      <p className="sr-only" role="status">
        {status}
      </p>
    </div>
  );
}
