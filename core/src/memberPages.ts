import { ChannelMembersPageDocument, type ParticipantFieldsFragment } from './graphql/__generated__/graphql';
import type { Signaling } from './signaling';

/** The most members the server returns in one page (`Channel.participants(first)`). */
export const MEMBER_PAGE_SIZE = 500;
/** Bound on pages per load: 100 pages of 500 is far past any channel's member limit. */
const MAX_PAGES = 100;

/**
 * Loads a channel's members after the participant `after`, a page at a time (join order), and
 * hands each page to `onPage` as it arrives. Stops at a short page, after MAX_PAGES, or when
 * `isCurrent()` turns false (the join was replaced). Rejects on a failed request.
 */
export async function loadMemberPages(args: {
  signaling: Signaling;
  channelId: string;
  after: string;
  pageSize?: number;
  isCurrent: () => boolean;
  onPage: (page: ParticipantFieldsFragment[]) => void;
}): Promise<void> {
  const first = Math.min(MEMBER_PAGE_SIZE, Math.max(1, args.pageSize ?? MEMBER_PAGE_SIZE));
  let after = args.after;
  for (let page = 0; page < MAX_PAGES && args.isCurrent(); page++) {
    const { channel } = await args.signaling.query(ChannelMembersPageDocument, { id: args.channelId, first, after });
    if (!channel || !args.isCurrent()) return;
    const list = channel.participants;
    if (list.length > 0) args.onPage(list);
    const last = list.at(-1);
    if (list.length < first || !last) return;
    after = last.id;
  }
}
