export interface ActiveSpeakerSetOptions {
  /** Members at most (last-N); 5 when absent. */
  size?: number | undefined;
  /** Silence (ms) before a member may be replaced by a loud speaker; 1500 when absent. */
  holdMs?: number | undefined;
  /** The clock (ms); performance.now() when absent. Tests inject their own. */
  now?: (() => number) | undefined;
}

/** A speaker reported loud, with its volume (dBov, higher is louder). */
export interface SpeakerLevel {
  id: string;
  volume: number;
}

/** What one call changed. */
export interface ActiveSpeakerChange {
  entered: string[];
  left: string[];
  /** The members after the change, most recently loud first. */
  ids: string[];
}
