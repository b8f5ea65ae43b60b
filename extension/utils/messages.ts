import type { CallCommand } from '@voxlay/core/commands';
import type { ChannelInfo, ChannelState } from '@voxlay/core/types';

/**
 * The typed message map between the extension's contexts (WXT offscreen example style: every
 * message names its target and its type). Popup / overlay → background → offscreen for commands;
 * offscreen → background → every port for state.
 */
export const Target = {
  Background: 'background',
  Offscreen: 'offscreen',
  /** A tab's content script (the tiny one or the overlay): only `OpenOverlay` goes there. */
  Tab: 'tab',
} as const;
export type Target = (typeof Target)[keyof typeof Target];

export const MessageType = {
  /** A command for the Channel in the offscreen document (via the background). */
  Command: 'command',
  /** Ask for the last state snapshot. */
  GetState: 'get-state',
  /** A state snapshot from the offscreen document (it sends one on every change, throttled). */
  State: 'state',
  /** WebRTC counters of the offscreen document's Channel (diagnostics, tests). */
  GetStats: 'get-stats',
  /** Show the overlay on this tab even without a call (popup button). */
  OpenOverlay: 'open-overlay',
  /** A page advertised a Voxlay server (utils/discovery.ts); the background keeps it for the popup. */
  ServerAdvertised: 'server-advertised',
  /** Open the options page (a content script cannot). */
  OpenOptions: 'open-options',
  /** Share a tab in the call (the popup names the tab; an overlay shares its own). Chrome only. */
  ShareTab: 'share-tab',
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/**
 * What the UI may ask the host to do: prepare a server (the popup shows its channels: open its
 * WebSocket and load the Device before the click), join (it carries the server: the offscreen
 * document has no prefs UI), or one of the call's controls, declared once in core (callCommands).
 */
export type HostCommand =
  | { name: 'prepare'; serverUrl: string }
  | { name: 'join'; serverUrl: string; channel: ChannelInfo; displayName: string }
  /** Send the tab `tabId` as this participant's screen: `streamId` is Chrome's id of its capture (tabCapture.ts). */
  | { name: 'shareTab'; streamId: string; tabId: number }
  /** Stop sharing the tab (or whatever screen is shared). */
  | { name: 'stopSharing' }
  | CallCommand;

/** The state every tab renders: the Channel's snapshot plus the server it belongs to. */
export interface ExtensionState {
  channel: ChannelState;
  serverUrl: string | null;
  /** The tab being shared in the call (its id), or null. */
  sharingTabId?: number | null;
}

export interface CallStats {
  inboundBytes: number;
  outboundBytes: number;
  /** Highest inbound audioLevel (0..1) right now. */
  inboundAudioLevel: number;
}

export type Message =
  | { target: typeof Target.Background | typeof Target.Offscreen; type: typeof MessageType.Command; command: HostCommand }
  | { target: typeof Target.Background | typeof Target.Offscreen; type: typeof MessageType.GetState }
  | { target: typeof Target.Background; type: typeof MessageType.State; state: ExtensionState }
  | { target: typeof Target.Background | typeof Target.Offscreen; type: typeof MessageType.GetStats }
  | { target: typeof Target.Tab; type: typeof MessageType.OpenOverlay }
  | { target: typeof Target.Background; type: typeof MessageType.ServerAdvertised; url: string }
  | { target: typeof Target.Background; type: typeof MessageType.OpenOptions }
  | { target: typeof Target.Background; type: typeof MessageType.ShareTab; tabId?: number };

/** Reply to a Command. */
export type CommandResult = { ok: true } | { ok: false; error: string };

/** Response type by message type. */
export interface ResponseMap {
  [MessageType.Command]: CommandResult;
  [MessageType.GetState]: ExtensionState | null;
  [MessageType.State]: undefined;
  [MessageType.GetStats]: CallStats | null;
  [MessageType.OpenOverlay]: boolean;
  [MessageType.ServerAdvertised]: undefined;
  [MessageType.OpenOptions]: undefined;
  [MessageType.ShareTab]: CommandResult;
}

/** The name of the runtime port over which the background pushes state to tabs and pages. */
export const STATE_PORT = 'voxlay-state';

/** Port messages background → tab/page. */
export type PortMessage = { type: typeof MessageType.State; state: ExtensionState | null };

export function isMessage(value: unknown): value is Message {
  const v = value as Partial<Message> | null;
  return typeof v === 'object' && v !== null && typeof v.target === 'string' && typeof v.type === 'string';
}
