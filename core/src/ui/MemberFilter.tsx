/** @jsxImportSource preact */
import { useId } from 'preact/hooks';
import { filterResultLabel } from './members.js';

export interface MemberFilterProps {
  query: string;
  onQueryChange: (query: string) => void;
  /** Members shown with the current query, and in all. */
  shown: number;
  total: number;
}

/** The name filter above a long member list; the result count is announced politely. */
export function MemberFilter({ query, onQueryChange, shown, total }: MemberFilterProps) {
  const id = useId();
  return (
    <div class="vx-filter" role="search">
      <label class="vx-sr" for={id}>
        Find a member by name
      </label>
      <input
        id={id}
        type="search"
        class="vx-filter__input"
        placeholder="Find a member"
        autocomplete="off"
        spellcheck={false}
        value={query}
        data-testid="member-filter"
        onInput={(e) => onQueryChange((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            onQueryChange('');
          }
        }}
      />
      <p class="vx-sr" role="status" aria-live="polite" data-testid="member-filter-result">
        {query.trim() === '' ? '' : filterResultLabel(shown, total)}
      </p>
    </div>
  );
}
