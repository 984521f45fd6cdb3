import { getRun } from '../../../projections/runs/queries.ts';
import type { RunWriteResult } from '../../application/run-service.ts';
import { can, Permission } from '../../auth/roles.ts';
import { runViewFromState, timesOfWrite } from '../../read/state-views.ts';
import { builder } from '../builder.ts';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { actorOf, written } from '../read-your-writes.ts';
import { Run } from './run.ts';

const StartRunInput = builder.inputType('StartRunInput', {
  fields: (t) => ({
    agentId: t.id({ required: true }),
    agentVersion: t.int({
      description:
        'Pin the run to this version of the agent (its config drives every step, after a restart too). Default: the latest.',
    }),
    inputs: t.field({ type: 'JSON', required: true, description: 'String values; `goal` is required.' }),
  }),
});

const ForkOverrides = builder.inputType('ForkOverrides', {
  fields: (t) => ({
    inputs: t.field({ type: 'JSON', description: 'Inputs merged over the source run’s.' }),
    systemPrompt: t.string(),
    llmModel: t.string(),
    tools: t.stringList(),
    toolParams: t.field({
      type: 'JSON',
      description:
        'New params (a JSON object) for the tool call the model had proposed at the fork point; the fork’s safety evaluates them.',
    }),
  }),
});

/** A JSON argument that must be an object of strings (run inputs). */
function stringRecord(field: string, value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badInput(field, `${field} must be a JSON object`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw badInput(`${field}.${key}`, `${field}.${key} must be a string`);
  }
  return value as Record<string, string>;
}

/** A JSON argument that must be an object (a tool call's params). */
function jsonObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badInput(field, `${field} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function runResult(context: ApiContext, result: RunWriteResult) {
  return written(
    context,
    result.position,
    () => getRun(context.services.db, result.runId),
    () => runViewFromState(result.state, result.runId, result.position, timesOfWrite(result.state)),
  );
}

builder.mutationFields((t) => ({
  startRun: t.field({
    type: Run,
    authScopes: { permission: Permission.StartRun },
    args: { input: t.arg({ type: StartRunInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const inputs = stringRecord('inputs', input.inputs);
      return runResult(
        context,
        await context.services.runs.start(
          {
            agentId: String(input.agentId),
            ...(input.agentVersion != null ? { agentVersion: input.agentVersion } : {}),
            inputs,
          },
          actorOf(context),
        ),
      );
    },
  }),
  cancelRun: t.field({
    type: Run,
    authScopes: { permission: Permission.OperateRun },
    args: { id: t.arg.id({ required: true }), reason: t.arg.string() },
    resolve: async (_root, args, context) =>
      runResult(
        context,
        await context.services.runs.cancel(args.id, actorOf(context), args.reason ?? undefined),
      ),
  }),
  forkRun: t.field({
    type: Run,
    authScopes: { permission: Permission.Fork },
    args: {
      runId: t.arg.id({ required: true }),
      atRevision: t.arg.int({ required: true }),
      overrides: t.arg({ type: ForkOverrides }),
    },
    resolve: async (_root, args, context) => {
      const o = args.overrides ?? {};
      const source = o.llmModel != null ? await context.services.runs.get(args.runId) : null;
      const agent = {
        ...(o.systemPrompt != null ? { systemPrompt: o.systemPrompt } : {}),
        ...(o.tools != null ? { tools: o.tools } : {}),
        ...(source?.agent && o.llmModel != null ? { llm: { ...source.agent.llm, model: o.llmModel } } : {}),
      };
      const overrides = {
        agent,
        ...(o.inputs != null ? { inputs: stringRecord('overrides.inputs', o.inputs) } : {}),
        ...(o.toolParams != null ? { toolParams: jsonObject('overrides.toolParams', o.toolParams) } : {}),
      };
      // Only someone who may edit the agent may widen its rights in a fork (issue 9).
      const mayEditAgent = context.viewer !== null && can(context.viewer.role, Permission.Configure);
      const result = await context.services.forks.fork(
        args.runId,
        args.atRevision,
        overrides,
        actorOf(context),
        { mayEditAgent },
      );
      return runResult(context, result);
    },
  }),
}));
