import { isTransmitting } from './gate';
import type { LocalAudio } from '../media/LocalAudio';
import { SerialSwitch } from '../media/serialSwitch';
import type { SettingsStore } from '../settings';

/**
 * The microphone gate of the LocalParticipant: the user's mute / deafen / push-to-talk inputs, whether
 * audio is sent (`transmitting`), and the producer pause/resume that follows it, one call at a
 * time (SerialSwitch). The mode and the VAD are read live from the settings and the local audio.
 */
export class MicrophoneGate {
  private mutedValue = false;
  private mutedBeforeDeafen = false;
  private deafenedValue = false;
  private pttPressedValue = false;
  private transmittingValue = false;
  private producerSwitch: SerialSwitch | null = null;

  constructor(
    private readonly local: Pick<LocalAudio, 'track' | 'vadOpen'>,
    private readonly settings: Pick<SettingsStore, 'settings'>,
  ) {}

  get muted(): boolean {
    return this.mutedValue;
  }

  get deafened(): boolean {
    return this.deafenedValue;
  }

  get pttPressed(): boolean {
    return this.pttPressedValue;
  }

  /** The value last applied by refresh() or attach(): what the state snapshot shows. */
  get transmitting(): boolean {
    return this.transmittingValue;
  }

  /**
   * The user's mute. Unmuting while deafened changes nothing here but forgets the mute from
   * before deafening, and returns false: the caller undeafens instead (which then unmutes).
   */
  setMuted(muted: boolean): boolean {
    if (!muted && this.deafenedValue) {
      this.mutedBeforeDeafen = false;
      return false;
    }
    this.mutedValue = muted;
    return true;
  }

  /** Deafening mutes too; undeafening restores the mute from before. False when unchanged. */
  setDeafened(deafened: boolean): boolean {
    if (deafened === this.deafenedValue) return false;
    if (deafened) {
      this.mutedBeforeDeafen = this.mutedValue;
      this.mutedValue = true;
    } else {
      this.mutedValue = this.mutedBeforeDeafen;
    }
    this.deafenedValue = deafened;
    return true;
  }

  /** Push-to-talk held or released. False when unchanged. */
  setPushToTalk(pressed: boolean): boolean {
    if (pressed === this.pttPressedValue) return false;
    this.pttPressedValue = pressed;
    return true;
  }

  /** What the gate says right now: a track is open, not muted or deafened, and the mode's gate is open. */
  compute(): boolean {
    const { mode } = this.settings.settings;
    const input = {
      mode,
      muted: this.mutedValue,
      deafened: this.deafenedValue,
      pttPressed: this.pttPressedValue,
      vadOpen: this.local.vadOpen,
    };
    return this.local.track !== null && isTransmitting(input);
  }

  /** Follows the inputs (on every state update): a changed value is sent to the producer. Returns it. */
  refresh(): boolean {
    const transmitting = this.compute();
    if (transmitting !== this.transmittingValue) {
      this.transmittingValue = transmitting;
      void this.producerSwitch?.set(transmitting);
    }
    return transmitting;
  }

  /** Sends the current value to the producer; resolves once the switch is idle (undefined without a producer). */
  apply(): Promise<void> | undefined {
    return this.producerSwitch?.set(this.compute());
  }

  /** A producer was created paused (`!initial`): from now on pause/resume it through `setTransmitting`. */
  attach(initial: boolean, setTransmitting: (on: boolean) => Promise<void>, onError: (error: unknown) => void): void {
    this.producerSwitch?.close();
    this.producerSwitch = new SerialSwitch(initial, setTransmitting, onError);
    this.transmittingValue = initial;
    void this.producerSwitch.set(this.compute());
  }

  /** The producer is gone (teardown): stop switching it. The inputs are kept. */
  detach(): void {
    this.producerSwitch?.close();
    this.producerSwitch = null;
  }
}
