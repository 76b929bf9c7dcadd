import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import { Icon } from '../ui/Icon';
import type { Command } from './commands';
import { filterCommands } from './commands';
import { Keys, ariaKeys } from './Keys';
import { matches, shortcutFor } from './shortcuts';

interface Props {
  commands: readonly Command[];
  onClose: () => void;
}

/** Ctrl/Cmd+K: every action in one filtered list, run with Enter. */
export function CommandPalette({ commands, onClose }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  const visible = useMemo(() => filterCommands(commands, query), [commands, query]);
  const activeIndex = Math.min(active, Math.max(visible.length - 1, 0));
  const activeCommand = visible[activeIndex];
  const optionId = (index: number) => `${listId}-option-${index}`;

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${activeIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = visible.length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setActive((activeIndex + 1) % count);
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      setActive((activeIndex - 1 + count) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(activeCommand);
    } else if (shortcutFor('palette')?.combos.some((combo) => matches(combo, event.nativeEvent))) {
      // The key that opened the palette closes it again.
      event.preventDefault();
      onClose();
    }
  };

  return (
    <Dialog label={t('palette.label')} onClose={onClose} className="palette">
      <div className="palette-search">
        <Icon name="search" size={18} />
        <input
          className="palette-input"
          role="combobox"
          aria-label={t('palette.inputLabel')}
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeCommand ? optionId(activeIndex) : undefined}
          placeholder={t('palette.placeholder')}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul ref={listRef} id={listId} role="listbox" aria-label={t('palette.listLabel')} className="palette-list">
        {visible.map((command, index) => {
          const combo = command.shortcut ? shortcutFor(command.shortcut)?.combos[0] : undefined;
          return (
            <li
              key={command.id}
              id={optionId(index)}
              data-index={index}
              role="option"
              aria-selected={index === activeIndex}
              aria-keyshortcuts={combo ? ariaKeys(combo) : undefined}
              className={index === activeIndex ? 'palette-option palette-option-active' : 'palette-option'}
              // Follows the pointer only when it moves, so a list scrolling under a still mouse keeps the keyboard's choice.
              onMouseMove={() => index !== activeIndex && setActive(index)}
              onClick={() => run(command)}
            >
              <Icon name={command.icon} size={18} />
              <span className="palette-option-label">{command.label}</span>
              <span className="palette-option-group" aria-hidden="true">
                {command.group}
              </span>
              {combo ? <Keys combo={combo} /> : null}
            </li>
          );
        })}
      </ul>
      {visible.length === 0 ? (
        <p className="palette-empty" role="status">
          {t('palette.empty', { query })}
        </p>
      ) : null}
      <footer className="palette-footer" aria-hidden="true">
        <span>
          <kbd>↑</kbd>
          <kbd>↓</kbd> {t('palette.hintMove')}
        </span>
        <span>
          <kbd>Enter</kbd> {t('palette.hintRun')}
        </span>
        <span>
          <kbd>Esc</kbd> {t('palette.hintClose')}
        </span>
      </footer>
    </Dialog>
  );
}
