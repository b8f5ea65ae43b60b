import type { ChannelConnectionHooks } from './ChannelConnection';
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
  /** The current join generation (a resume keeps it: the same connection carries on). */
  currentGeneration(): number;
  /**
   * The WebSocket dropped: keep the connection (media flows without the WebSocket) but stop its
   * event stream. False when there is nothing resumable (no connection, or no resume token).
   */
  suspend(): boolean;
  /** resumeParticipant on the new WebSocket and the event stream again; throws when it cannot (join again). */
  resume(generation: number): Promise<void>;
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
 * Connected → Reconnecting → Connected. After a WebSocket drop the same participant is resumed on
 * the new socket (resumeParticipant: media never stopped, the others see nothing); when that fails
 * (grace period over, server restarted), and after a ChannelInterrupted (worker death) or a failed
 * ICE restart, rejoins the same Channel with attempts paced by the ReconnectPolicy. leave()
 * cancels a run (it bumps the generation, then cancel() wakes the waits).
 */
export class SessionRecovery {
  private readonly runner: ReconnectRunner;
  /** The generation being resumed, while a resume runs. */
  private resuming: number | null = null;
  /** Something failed (ICE, events, interruption) while resuming: join again once it ends. */
  private brokenWhileResuming = false;

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
    if (this.resuming !== null && host.isCurrent(this.resuming)) {
      this.brokenWhileResuming = true;
      return;
    }
    if (host.connectionState.state !== ConnectionState.Connected) return;
    this.rejoin(leaveFirst);
  }

  /**
   * The WebSocket closed. With a resumable connection: Reconnecting, then resumeParticipant as soon as
   * the socket is back (Connected again, same participant); on failure, a rejoin as after any drop.
   */
  socketClosed(): void {
    const host = this.host;
    if (host.connectionState.state !== ConnectionState.Connected) return;
    if (!host.suspend()) {
      this.rejoin(false);
      return;
    }
    const gen = host.currentGeneration();
    this.resuming = gen;
    this.brokenWhileResuming = false;
    host.connectionState.set(ConnectionState.Reconnecting);
    void this.runner.once({ isCurrent: () => host.isCurrent(gen), attempt: () => host.resume(gen) }).then((resumed) => {
      if (this.resuming === gen) this.resuming = null;
      if (!host.isCurrent(gen)) return;
      if (resumed && !this.brokenWhileResuming) {
        host.connectionState.set(ConnectionState.Connected);
        return;
      }
      this.rejoin(this.brokenWhileResuming && resumed);
    });
  }

  /** Drop the connection (leaving first when it is still ours) and rejoin, from Connected or Reconnecting. */
  private rejoin(leaveFirst: boolean): void {
    const host = this.host;
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

  /**
   * The hooks of one join's ChannelConnection that start a recovery: ChannelInterrupted (the worker
   * died; `report` shows it) and a failed ICE restart or event stream. Ignored once `isCurrent()` is false.
   */
  connectionHooks(isCurrent: () => boolean, report: (error: VoxlayError) => void): Pick<ChannelConnectionHooks, 'interrupted' | 'failed'> {
    return {
      interrupted: (message) => {
        if (!isCurrent()) return;
        report(new VoxlayError(ErrorCode.CHANNEL_INTERRUPTED, message));
        this.start(true);
      },
      failed: (error) => {
        if (!isCurrent()) return;
        console.warn('[voxlay] connection failed, rejoining', error);
        this.start(true);
      },
    };
  }

  /** Wakes every wait of a run so it notices it is stale (call after bumping the generation). */
  cancel(): void {
    this.runner.cancel();
  }
}
