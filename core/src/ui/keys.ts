/** Human text for a KeyboardEvent.code: 'KeyV' → 'V', 'Digit1' → '1', 'ShiftLeft' → 'Left Shift'. */
export function formatKeyCode(code: string): string {
  if (!code) return 'none';
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit\d$/.test(code)) return code.slice(5);
  if (/^Numpad\d$/.test(code)) return `Numpad ${code.slice(6)}`;
  const side = /^(Shift|Control|Alt|Meta)(Left|Right)$/.exec(code);
  if (side) return `${side[2]} ${side[1] === 'Control' ? 'Ctrl' : side[1]}`;
  if (code === 'Backquote') return '`';
  return code.replace(/([a-z])([A-Z])/g, '$1 $2');
}
