import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * One contract, two outputs: the server's resolver types and the clients' typed documents.
 * Run `npm run codegen` after editing schema.graphql or core/src/graphql/*.graphql;
 * a test fails when the committed output is stale.
 */
const scalars = {
  JSON: 'unknown',
  DateTime: { input: 'string', output: 'string' },
};

/**
 * The protocol's enums as values (`ErrorCode.NOT_FOUND === 'NOT_FOUND'`, `CloseCode.UNAUTHENTICATED
 * === 4403`), written into each side from schema.graphql. The close codes' numbers are given here,
 * the one place; the schema documents each.
 */
const protocol = {
  plugins: ['typescript'],
  config: {
    onlyEnums: true,
    enumsAsConst: true,
    namingConvention: { enumValues: 'keep' },
    enumValues: { CloseCode: { UNAUTHENTICATED: 4403, SERVICE_RESTART: 1012, MESSAGE_TOO_BIG: 1009, TOO_MANY_CONNECTIONS: 4429 } },
  },
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['core/src/graphql/*.graphql'],
  emitLegacyCommonJSImports: false,
  generates: {
    'server/src/graphql/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useIndexSignature: true,
        contextType: '../context.js#GraphQLContext',
        mappers: {
          Channel: '../models.js#ChannelModel',
          Participant: '../models.js#ParticipantModel',
          Transport: '../models.js#TransportModel',
          Producer: '../models.js#ProducerModel',
          Consumer: '../models.js#ConsumerModel',
          Worker: '../models.js#WorkerModel',
          ChannelRouter: '../models.js#ChannelRouterModel',
          Node: '../models.js#NodeModel',
          Recording: '../models.js#RecordingModel',
          RecordingFile: '../models.js#RecordingFileModel',
        },
        scalars: { JSON: 'unknown', DateTime: { input: 'string', output: 'Date | string' } },
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
      },
    },
    'server/src/graphql/__generated__/protocol.ts': protocol,
    'core/src/graphql/__generated__/protocol.ts': protocol,
    'core/src/graphql/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars,
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        documentMode: 'documentNode',
      },
    },
  },
  hooks: {},
};

export default config;
