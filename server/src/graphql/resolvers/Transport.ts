import type { DtlsState, IceState, TransportResolvers } from '../__generated__/resolvers-types.js';

export const Transport: TransportResolvers = {
  direction: (transport) => transport.appData.direction,
  iceState: (transport) => transport.iceState.toUpperCase() as IceState,
  dtlsState: (transport) => transport.dtlsState.toUpperCase() as DtlsState,
};
