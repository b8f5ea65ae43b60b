import { ChannelParticipantsPageDocument, type ParticipantFieldsFragment } from '../graphql/__generated__/graphql';
import type { Signaling } from '../signaling/Signaling';

/** The most participants the server returns in one page (`Channel.participants(first)`). */
export const PARTICIPANT_PAGE_SIZE = 500;
/** Bound on pages per load: 100 pages of 500 is far past any channel's participant limit. */
const MAX_PAGES = 100;

/**
 * Loads a channel's participants after the participant `after`, a page at a time (join order), and
 * hands each page to `onPage` as it arrives. Stops at a short page, after MAX_PAGES, or when
 * `signal` aborts (the connection closed). Rejects on a failed request.
 */
export async function loadParticipantPages(args: {
  signaling: Signaling;
  channelId: string;
  after: string;
  pageSize?: number;
  signal: AbortSignal;
  onPage: (page: ParticipantFieldsFragment[]) => void;
}): Promise<void> {
  const first = Math.min(PARTICIPANT_PAGE_SIZE, Math.max(1, args.pageSize ?? PARTICIPANT_PAGE_SIZE));
  let after = args.after;
  for (let page = 0; page < MAX_PAGES && !args.signal.aborted; page++) {
    const { channel } = await args.signaling.query(ChannelParticipantsPageDocument, { id: args.channelId, first, after });
    if (!channel || args.signal.aborted) return;
    const list = channel.participants;
    if (list.length > 0) args.onPage(list);
    const last = list.at(-1);
    if (list.length < first || !last) return;
    after = last.id;
  }
}
