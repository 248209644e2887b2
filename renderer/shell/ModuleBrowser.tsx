/**
 * The module browser (left panel): search the catalog and add a module by click, Enter, or by
 * dragging its card onto the rack (the canvas reads MODULE_DRAG_TYPE on drop). Arrow keys move
 * from the search box through the results, so adding a module never needs the mouse on stage.
 */
import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { CatalogEntry } from '../../main/patch/catalog';
import { addModuleAt } from '../edit/add-module';
import { useRack } from '../store/rackStore';
import { searchCatalog } from './browser-search';
import { useUi } from './uiStore';
import './shell.css';

/** The drag payload type the canvas accepts: the module type as text. */
export const MODULE_DRAG_TYPE = 'application/x-k8s-synth-module';

/** Where a module added from the browser goes: right of the selected module, else the top left. */
function nearSelection(): { row: number; hp: number } {
  const { patch, catalog, selection } = useRack.getState();
  const selected = patch.modules.find((m) => m.id === selection.modules[0]);
  if (!selected) return { row: 0, hp: 0 };
  return { row: selected.row, hp: selected.hp + (catalog.get(selected.type)?.hp ?? 0) };
}

/** Adds a module from the browser, next to the selection. */
export function addFromBrowser(type: string): void {
  void addModuleAt(type, nearSelection());
}

/** The left panel (testids `browser-search`, `browser-item-<type>`). */
export function ModuleBrowser() {
  const entries = useRack((s) => s.catalog.entries);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchCatalog(entries, query), [entries, query]);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const focusRequest = useUi((s) => s.browserFocus);

  useEffect(() => {
    if (focusRequest === 0) return;
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [focusRequest]);

  const focusCard = (index: number) => {
    const clamped = Math.max(0, Math.min(results.length - 1, index));
    setActive(clamped);
    listRef.current?.querySelectorAll<HTMLElement>('[role="option"]')[clamped]?.focus();
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault();
      focusCard(0);
    } else if (event.key === 'Enter' && results[0]) {
      event.preventDefault();
      addFromBrowser(results[0].type);
    } else if (event.key === 'Escape' && query !== '') {
      // First Escape clears the query; the next one leaves the box (useShortcuts blurs it).
      event.stopPropagation();
      setQuery('');
      setActive(0);
    }
  };

  const onCardKey = (event: KeyboardEvent<HTMLElement>, index: number, type: string) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: results.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      if (event.key === 'ArrowUp' && index === 0) searchRef.current?.focus();
      else focusCard(moves[event.key]!);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      addFromBrowser(type);
    }
  };

  return (
    <aside className="shell-panel shell-browser" aria-label="Module browser">
      <div className="shell-panel__header">
        <h2 className="shell-panel__title">Modules</h2>
        <span className="shell-muted">
          {results.length === entries.length ? entries.length : `${results.length} of ${entries.length}`}
        </span>
      </div>
      <input
        ref={searchRef}
        className="shell-input shell-browser__search"
        type="search"
        placeholder="Search modules…"
        aria-label="Search modules"
        aria-controls="shell-browser-list"
        data-testid="browser-search"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          // A new query starts again at the best match.
          setActive(0);
        }}
        onKeyDown={onSearchKey}
      />
      <ul ref={listRef} id="shell-browser-list" className="shell-browser__list" role="listbox" aria-label="Modules">
        {results.map((entry, index) => (
          <ModuleCard
            key={entry.type}
            entry={entry}
            active={index === active}
            onKeyDown={(e) => onCardKey(e, index, entry.type)}
            onFocus={() => setActive(index)}
          />
        ))}
        {results.length === 0 && <li className="shell-muted shell-browser__empty">No module matches “{query.trim()}”.</li>}
      </ul>
      <p className="shell-muted shell-browser__hint">Click or drag a module onto the rack.</p>
    </aside>
  );
}

interface CardProps {
  entry: CatalogEntry;
  active: boolean;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  onFocus(): void;
}

function ModuleCard({ entry, active, onKeyDown, onFocus }: CardProps) {
  const onDragStart = (event: DragEvent<HTMLElement>) => {
    event.dataTransfer.setData(MODULE_DRAG_TYPE, entry.type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li
      role="option"
      aria-selected={active}
      // Roving tabindex: Tab enters the list once; arrows move inside it.
      tabIndex={active ? 0 : -1}
      draggable
      className="shell-card"
      data-testid={`browser-item-${entry.type}`}
      title={`${entry.name} — ${entry.description}\nClick or press Enter to add; drag onto the rack to place.`}
      onClick={() => addFromBrowser(entry.type)}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onDragStart={onDragStart}
    >
      <span className="shell-card__chip" style={{ background: entry.accent }} aria-hidden="true" />
      <span className="shell-card__body">
        <span className="shell-card__top">
          <span className="shell-card__name">{entry.name}</span>
          <span className="shell-card__hp">{entry.hp} HP</span>
        </span>
        <span className="shell-card__description">{entry.description}</span>
        {entry.tags.length > 0 && (
          <span className="shell-card__tags">
            {entry.tags.map((tag) => (
              <span key={tag} className="shell-tag">
                {tag}
              </span>
            ))}
          </span>
        )}
      </span>
    </li>
  );
}
