import type { VoxlayClient } from './createVoxlayClient';
import type { ConnectionStateMachine } from './connectionState';
import { ErrorCode, VoxlayError } from './errors';
import type { ReconnectPolicy } from './reconnect';
import { ReconnectRunner } from './ReconnectRunner';
import { ConnectionState } from './types';

/** What a rejoin drives in its VoiceSession (closures over the session's private parts). */
export interface RecoveryHost {
  readonly connectionState: ConnectionStateMachine;
  /** Starts a new join generation (every older join and run becomes stale) and returns it. */
  nextGeneration(): number;
  isCurrent(generation: number): boolean;
  /**
   * Drops the current connection and every remote participant. With `leave`, the connection's
   * LeaveChannel is started BEFORE the local teardown (which would close it without telling the
   * server) and returned; without, the connection is only closed locally.
   */
  dropConnection(leave: boolean): Promise<void> | undefined;
  /** One rejoin attempt of `generation`: drop a failed attempt's leftovers, join again (microphone kept). */
  rejoin(generation: number): Promise<void>;
  /** The policy gave up: back to Disconnected with the microphone closed and `error` reported. */
  giveUp(error: VoxlayError): void;
}

/**
 * Connected → Reconnecting → Connected: after a WebSocket drop, a ChannelInterrupted (worker
 * death) or a failed ICE restart, rejoins the same Channel with attempts paced by the
 * ReconnectPolicy. leave() cancels a run (it bumps the generation, then cancel() wakes the waits).
 */
export class SessionRecovery {
  private readonly runner: ReconnectRunner;

  constructor(
    private readonly host: RecoveryHost,
    policy: ReconnectPolicy,
    client: Pick<VoxlayClient, 'connected' | 'on'>,
  ) {
    this.runner = new ReconnectRunner(policy, client);
  }

  /**
   * WS dropped (`leaveFirst` false), or ChannelInterrupted / ICE restart failed (leave, then
   * rejoin). Only from Connected: a run already going, or a join in progress, is left alone.
   */
  start(leaveFirst: boolean): void {
    const host = this.host;
    if (host.connectionState.state !== ConnectionState.Connected) return;
    const gen = host.nextGeneration();
    // After a WS drop the old participant belongs to the dead connection (the server drops it after
    // its grace period); a LeaveChannel later could hit our own rejoin. Leave only when the
    // connection is still the one that joined, and start it before the teardown closes it locally.
    const leaving = host.dropConnection(leaveFirst);
    host.connectionState.set(ConnectionState.Reconnecting);
    void this.runner
      .run({
        isCurrent: () => host.isCurrent(gen),
        before: async () => {
          await leaving;
        },
        attempt: async () => {
          await host.rejoin(gen);
          if (host.connectionState.state !== ConnectionState.Connected) throw new VoxlayError(ErrorCode.RECONNECT_FAILED, 'rejoin did not complete');
        },
      })
      .then((ok) => {
        if (ok || !host.isCurrent(gen)) return;
        host.giveUp(new VoxlayError(ErrorCode.RECONNECT_FAILED, 'Could not reconnect to the channel'));
      });
  }

  /** Wakes every wait of a run so it notices it is stale (call after bumping the generation). */
  cancel(): void {
    this.runner.cancel();
  }
}
