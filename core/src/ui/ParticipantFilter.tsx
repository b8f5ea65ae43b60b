/** @jsxImportSource preact */
import { useId } from 'preact/hooks';
import { filterResultLabel } from './participantListModel.js';

export interface ParticipantFilterProps {
  query: string;
  onQueryChange: (query: string) => void;
  /** Participants shown with the current query, and in all. */
  shown: number;
  total: number;
}

/** The name filter above a long participant list; the result count is announced politely. */
export function ParticipantFilter({ query, onQueryChange, shown, total }: ParticipantFilterProps) {
  const id = useId();
  return (
    <search class="vx-filter">
      <label class="vx-sr" for={id}>
        Find a participant by name
      </label>
      <input
        id={id}
        type="search"
        class="vx-filter__input"
        placeholder="Find a participant"
        autocomplete="off"
        spellcheck={false}
        value={query}
        data-testid="participant-filter"
        onInput={(e) => onQueryChange((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            onQueryChange('');
          }
        }}
      />
      <p class="vx-sr" role="status" aria-live="polite" data-testid="participant-filter-result">
        {query.trim() === '' ? '' : filterResultLabel(shown, total)}
      </p>
    </search>
  );
}
