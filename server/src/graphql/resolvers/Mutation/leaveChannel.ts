import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';

export const leaveChannel: NonNullable<MutationResolvers['leaveChannel']> = (_parent, _args, context) =>
  requireSession(context).leave();
