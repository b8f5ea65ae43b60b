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

/** A GraphQL error's `extensions.code`, or `fallback`. */
function codeOf(error: { extensions?: Record<string, unknown> | undefined }, fallback: string): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : fallback;
}

/**
 * Counts GraphQL operations and errors by operation name, type and code (over HTTP and graphql-ws,
 * both go through Yoga's envelop), times successful joinChannel mutations and counts refused ones
 * by the code of their first error (a refusal before execution, such as RATE_LIMITED, included).
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
      op?.operation === 'mutation' && op.selectionSet.selections.some((s) => s.kind === 'Field' && s.name.value === 'joinChannel');
    return { name, type: op?.operation ?? 'unknown', isJoin };
  };
  const countErrors = (op: Operation, result: ExecutionResult): void => {
    for (const error of result.errors ?? []) {
      metrics.graphqlErrors.inc({ operation_name: op.name, operation_type: op.type, code: codeOf(error, 'UNKNOWN') });
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
          metrics.graphqlErrors.inc({ operation_name: op.name, operation_type: op.type, code: codeOf(error, 'GRAPHQL_VALIDATION_FAILED') });
        }
        if (op.isJoin && result[0]) metrics.joinRefusals.inc({ code: codeOf(result[0], 'GRAPHQL_VALIDATION_FAILED') });
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
          if (!op.isJoin) return;
          const refused = result.errors?.[0];
          if (refused) metrics.joinRefusals.inc({ code: codeOf(refused, 'UNKNOWN') });
          else metrics.joinDuration.observe((performance.now() - started) / 1000);
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
