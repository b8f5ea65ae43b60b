/** @jsxImportSource preact */
import { useId } from 'preact/hooks';
import { graphemeCount, NAME_MAX_GRAPHEMES } from '../names.js';

/** What is wrong with `value`'s length as a name (user-perceived characters), or null. */
export function nameLengthError(value: string, max = NAME_MAX_GRAPHEMES): string | null {
  const count = graphemeCount(value.trim());
  return count > max ? `${count} characters: at most ${max}` : null;
}

export interface NameInputProps {
  value: string;
  onInput: (value: string) => void;
  /** On commit (blur or Enter), like <input onChange>. */
  onChange?: (value: string) => void;
  placeholder?: string;
  autoComplete?: string;
  testId?: string;
  /** The input's id, for a `<label for>` outside this component. */
  id?: string;
  /** Most user-perceived characters; the server's 64 when absent. */
  max?: number;
}

/**
 * A text field for a channel or display name. Its limit counts user-perceived characters like
 * the server (33 emoji fit; `maxLength` would count UTF-16 units and cut an emoji in half); over
 * it the field is invalid and says by how much, without cutting what was typed. `dir="auto"`: a
 * right-to-left name is edited right to left.
 */
export function NameInput({ value, onInput, onChange, placeholder, autoComplete, testId, id, max = NAME_MAX_GRAPHEMES }: NameInputProps) {
  const errorId = useId();
  const error = nameLengthError(value, max);
  return (
    <>
      <input
        id={id}
        type="text"
        dir="auto"
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete}
        spellcheck={false}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        ref={(input) => input?.setCustomValidity(error ?? '')}
        onInput={(e) => onInput(e.currentTarget.value)}
        onChange={onChange && ((e) => onChange(e.currentTarget.value))}
      />
      {error && (
        <span class="vx-field__error" id={errorId} data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </span>
      )}
    </>
  );
}
