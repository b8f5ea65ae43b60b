/** @jsxImportSource preact */
import { firstGrapheme } from '../names.js';

/** The first user-perceived character of a display name (a whole emoji, a letter with its accent), for the avatar. */
export function initialOf(name: string): string {
  const first = firstGrapheme(name.trim());
  return first ? first.toUpperCase() : '?';
}

/** A stable hue per name, so avatars are told apart at a glance. */
export function hueOf(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
  return h;
}

export interface AvatarProps {
  displayName: string;
}

/** A round initial on a per-name hue; the speaking ring comes from the enclosing row or tile. */
export function Avatar({ displayName }: AvatarProps) {
  return (
    <span class="vx-avatar" style={{ '--vx-avatar-hue': String(hueOf(displayName)) }} aria-hidden="true" data-testid="participant-avatar">
      {initialOf(displayName)}
    </span>
  );
}
