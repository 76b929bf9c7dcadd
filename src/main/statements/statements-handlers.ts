import type { CallName } from '../../shared/contract';
import type { HandlerGroup } from '../contract/context';
import { type StatementBatches, exportBatch, issueStatement, listBatches, listStatements, openStatement, previewBatch } from './statements-service';

export type StatementsCalls = Extract<CallName, `statements.${string}`>;

/** Statements: thin entries over the service; access (billing.read / billing.write) was checked by the dispatcher. */
export function statementsHandlers(batches: StatementBatches): HandlerGroup<StatementsCalls> {
  return {
    async 'statements.issue'(input, ctx) {
      return issueStatement(ctx.store(), ctx.actor, input);
    },
    async 'statements.list'(input, ctx) {
      return listStatements(ctx.store(), ctx.actor, input);
    },
    async 'statements.open'(input, ctx) {
      return openStatement(ctx.store(), ctx.actor, input.statementId);
    },
    async 'statements.batch.preview'(input, ctx) {
      return previewBatch(ctx.store(), ctx.actor, input.criteria);
    },
    async 'statements.batch.start'(input, ctx) {
      return batches.start(ctx.store(), ctx.actor, ctx.connectionId, input);
    },
    async 'statements.batch.status'(input) {
      return batches.status(input.batchId);
    },
    async 'statements.batch.cancel'(input, ctx) {
      return batches.cancel(ctx.store(), ctx.actor, input.batchId);
    },
    async 'statements.batch.list'(input, ctx) {
      return listBatches(ctx.store(), ctx.actor, input.limit);
    },
    async 'statements.batch.export'(input, ctx) {
      return exportBatch(ctx.store(), ctx.actor, input);
    },
  };
}
