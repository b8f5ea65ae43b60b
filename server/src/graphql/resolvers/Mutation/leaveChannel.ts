import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

export const leaveChannel: NonNullable<MutationResolvers['leaveChannel']> = (_parent, _args, context) => requireConnection(context).leave();
