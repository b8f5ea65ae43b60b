import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { VoxlayMetrics } from './metrics.js';

/** Distinct operation names kept as label values; beyond that they count as "other". */
const MAX_OPERATION_NAMES = 200;

interface Operation {
  name: string;
  type: string;
  isJoin: boolean;
}

/**
 * Counts GraphQL operations and errors by operation name and type (over HTTP and graphql-ws, both
 * go through Yoga's envelop), and times successful joinChannel mutations.
 */
export function useVoxlayMetrics(metrics: VoxlayMetrics): Plugin {
  const names = new Set<string>();
  const describe = (document: DocumentNode, operationName?: string | null): Operation => {
    const op = getOperationAST(document, operationName);
    let name = op?.name?.value ?? 'anonymous';
    if (!names.has(name)) {
      if (names.size < MAX_OPERATION_NAMES) names.add(name);
      else name = 'other';
    }
    const isJoin =
      op?.operation === 'mutation' &&
      op.selectionSet.selections.some((s) => s.kind === 'Field' && s.name.value === 'joinChannel');
    return { name, type: op?.operation ?? 'unknown', isJoin };
  };
  const countErrors = (op: Operation, result: ExecutionResult): void => {
    for (const error of result.errors ?? []) {
      const code = error.extensions?.['code'];
      metrics.graphqlErrors.inc({ operation_name: op.name, operation_type: op.type, code: typeof code === 'string' ? code : 'UNKNOWN' });
    }
  };
  const isResult = (value: unknown): value is ExecutionResult =>
    typeof value === 'object' && value !== null && !(Symbol.asyncIterator in value);

  return {
    onValidate({ params }) {
      return ({ valid, result }) => {
        if (valid) return;
        const op = describe(params.documentAST);
        for (const error of result) {
          const code = error.extensions?.['code'];
          metrics.graphqlErrors.inc({ operation_name: op.name, operation_type: op.type, code: typeof code === 'string' ? code : 'GRAPHQL_VALIDATION_FAILED' });
        }
      };
    },
    onExecute({ args }) {
      const op = describe(args.document, args.operationName);
      metrics.graphqlOperations.inc({ operation_name: op.name, operation_type: op.type });
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          if (!isResult(result)) return;
          countErrors(op, result);
          if (op.isJoin && !result.errors?.length) metrics.joinDuration.observe((performance.now() - started) / 1000);
        },
      };
    },
    onSubscribe({ args }) {
      const op = describe(args.document, args.operationName);
      metrics.graphqlOperations.inc({ operation_name: op.name, operation_type: op.type });
      return {
        onSubscribeResult({ result }) {
          if (isResult(result)) countErrors(op, result);
        },
        onSubscribeError() {
          metrics.graphqlErrors.inc({ operation_name: op.name, operation_type: op.type, code: 'UNKNOWN' });
        },
      };
    },
  };
}
