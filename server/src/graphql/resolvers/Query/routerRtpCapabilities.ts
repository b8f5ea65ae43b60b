import { requireIdentity } from '../../../auth/access.js';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** Every router shares one codec set, so the default channel's capabilities are everybody's. */
export const routerRtpCapabilities: NonNullable<QueryResolvers['routerRtpCapabilities']> = (_parent, _args, { services, principal }) => {
  requireIdentity(principal);
  return services.channels.defaultChannel.rtpCapabilities;
};
