// Rule-based scorers: pure functions of a run's record (its final output, the tools it called, its
// totals). `compileScorers` checks every spec when an evaluation starts, so a bad regex or JSON
// schema is a clear input error then, never a crash halfway through the runs.
import { z } from 'zod';
import type { EvaluationItem, RunScore, ScorerSpec } from '../../../schema/events/index.ts';
import { InvalidInputError } from '../../application/errors.ts';

/** What the scorers read of a finished run. */
export interface RunFacts {
  status: 'COMPLETED' | 'FAILED' | 'CANCELLED';
  /** `RunCompleted.output`; undefined when the run did not complete. */
  output: unknown;
  /** The tools the run called, in order (the finish pseudo-tool is not one). */
  tools: string[];
  steps: number;
  tokens: number;
  costUsd: number;
}

/** A scorer ready to score: its spec and, for rule-based ones, the checker built once. */
export type CompiledScorer =
  | { spec: Extract<ScorerSpec, { kind: 'llm_judge' }>; judge: true }
  | { spec: ScorerSpec; judge: false; score(facts: RunFacts, item: EvaluationItem): RunScore };

/** The final output as text: a string as it is, anything else as JSON. */
export function outputText(output: unknown): string {
  return typeof output === 'string' ? output : JSON.stringify(output);
}

const verdict = (spec: ScorerSpec, passed: boolean, reason: string, score = passed ? 1 : 0): RunScore => ({
  scorer: spec.name,
  kind: spec.kind,
  score,
  passed,
  reason: reason.length > 2000 ? `${reason.slice(0, 1997)}...` : reason,
});

const quote = (text: string, max = 80) => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

/** Scores on the final output: a run that did not complete has none and scores 0. */
function onOutput(
  spec: ScorerSpec,
  check: (text: string, output: unknown, item: EvaluationItem) => RunScore,
): CompiledScorer {
  return {
    spec,
    judge: false,
    score: (facts, item) =>
      facts.status === 'COMPLETED'
        ? check(outputText(facts.output), facts.output, item)
        : verdict(spec, false, `the run did not complete (${facts.status}): no final output`),
  };
}

/** The length of the longest common subsequence of two tool lists. */
function commonSubsequence(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) {
      row.push(
        x === b[j] ? (previous[j] as number) + 1 : Math.max(previous[j + 1] as number, row[j] as number),
      );
    }
    previous = row;
  }
  return previous[b.length] as number;
}

const LIMITS = {
  max_steps: { of: (facts: RunFacts) => facts.steps, show: (n: number) => `${n} steps` },
  max_tokens: { of: (facts: RunFacts) => facts.tokens, show: (n: number) => `${n} tokens` },
  max_cost: { of: (facts: RunFacts) => facts.costUsd, show: (n: number) => `$${n}` },
} as const;

/** Passes when the run used at most `max` (steps, tokens or dollars), whether it completed or not. */
function atMost(spec: Extract<ScorerSpec, { kind: keyof typeof LIMITS }>): CompiledScorer {
  const limit = LIMITS[spec.kind];
  return {
    spec,
    judge: false,
    score: (facts) => {
      const used = limit.of(facts);
      return verdict(spec, used <= spec.max, `${limit.show(used)} (at most ${limit.show(spec.max)})`);
    },
  };
}

/**
 * Checks every spec and builds its scorer. `exact` and `contains` without a `value` need every item
 * to have an expected output.
 * @throws InvalidInputError naming the spec (`scorers.<i>.<field>`): a bad regex or flags, a JSON
 * schema zod cannot read, a missing expected output, two scorers with one name.
 */
export function compileScorers(
  specs: readonly ScorerSpec[],
  items: readonly EvaluationItem[],
): CompiledScorer[] {
  if (specs.length === 0) throw new InvalidInputError('scorers', 'give at least one scorer');
  const names = new Set<string>();
  return specs.map((spec, index) => {
    const field = (name: string) => `scorers.${index}.${name}`;
    if (names.has(spec.name))
      throw new InvalidInputError(field('name'), `two scorers are named "${spec.name}"`);
    names.add(spec.name);
    return compileOne(spec, items, field);
  });
}

function expectedOf(spec: { value?: string | undefined }, item: EvaluationItem): string {
  return spec.value ?? (item.expectedOutput as string);
}

function compileOne(
  spec: ScorerSpec,
  items: readonly EvaluationItem[],
  field: (name: string) => string,
): CompiledScorer {
  switch (spec.kind) {
    case 'exact':
    case 'contains': {
      if (spec.value === undefined) {
        const without = items.filter((item) => item.expectedOutput === undefined).length;
        if (without > 0) {
          throw new InvalidInputError(
            field('value'),
            `the ${spec.kind} scorer "${spec.name}" has no value and ${without} item(s) have no expected output: give a value or expected outputs`,
          );
        }
      }
      if (spec.kind === 'exact') {
        return onOutput(spec, (text, _output, item) => {
          const expected = expectedOf(spec, item);
          const same = text.trim() === expected.trim();
          return verdict(
            spec,
            same,
            same ? 'the output is the expected one' : `expected ${quote(expected)}, got ${quote(text)}`,
          );
        });
      }
      return onOutput(spec, (text, _output, item) => {
        const expected = expectedOf(spec, item);
        const found = text.toLowerCase().includes(expected.toLowerCase());
        return verdict(spec, found, `${found ? 'contains' : 'does not contain'} ${quote(expected)}`);
      });
    }
    case 'regex': {
      let pattern: RegExp;
      try {
        // No global or sticky flag: `test` would keep state between runs.
        if (/[gy]/.test(spec.flags)) throw new Error('the g and y flags are not allowed');
        pattern = new RegExp(spec.pattern, spec.flags);
      } catch (error) {
        throw new InvalidInputError(
          field('pattern'),
          `the regex of scorer "${spec.name}" is invalid: ${(error as Error).message}`,
        );
      }
      return onOutput(spec, (text) => {
        const matched = pattern.test(text);
        return verdict(
          spec,
          matched,
          `${matched ? 'matches' : 'does not match'} /${spec.pattern}/${spec.flags}`,
        );
      });
    }
    case 'json_schema': {
      let schema: z.ZodType;
      try {
        schema = z.fromJSONSchema(spec.schema as Parameters<typeof z.fromJSONSchema>[0]);
      } catch (error) {
        throw new InvalidInputError(
          field('schema'),
          `the JSON schema of scorer "${spec.name}" cannot be used: ${(error as Error).message}`,
        );
      }
      return onOutput(spec, (_text, output) => {
        let value = output;
        if (typeof output === 'string') {
          try {
            value = JSON.parse(output);
          } catch {
            return verdict(spec, false, 'the output is not JSON');
          }
        }
        const parsed = schema.safeParse(value);
        if (parsed.success) return verdict(spec, true, 'the output matches the schema');
        const issue = parsed.error.issues[0];
        const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
        return verdict(
          spec,
          false,
          `the output does not match the schema${at}: ${issue?.message ?? 'invalid'}`,
        );
      });
    }
    case 'tool_sequence':
      return {
        spec,
        judge: false,
        score: (facts) => {
          const same =
            facts.tools.length === spec.tools.length &&
            facts.tools.every((tool, i) => tool === spec.tools[i]);
          const longest = Math.max(facts.tools.length, spec.tools.length);
          const score = same ? 1 : commonSubsequence(facts.tools, spec.tools) / longest;
          const called = facts.tools.length === 0 ? 'no tool' : facts.tools.join(' → ');
          return verdict(spec, same, `expected ${spec.tools.join(' → ')}, called ${called}`, score);
        },
      };
    case 'max_steps':
    case 'max_tokens':
    case 'max_cost':
      return atMost(spec);
    case 'llm_judge':
      return { spec, judge: true };
  }
}
