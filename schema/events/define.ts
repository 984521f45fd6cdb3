import type { z } from 'zod';

/**
 * How one event type is described: its zod schema for the current `schemaVersion`, and upcasters
 * that lift data written under older versions (key = the version they read) one version up.
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  type: string;
  schemaVersion: number;
  schema: S;
  upcasters?: Record<number, (data: Record<string, unknown>) => Record<string, unknown>>;
}

/** Thrown by `validate` with the dotted path of the first failing field (empty for the event itself). */
export class CatalogueValidationError extends Error {
  readonly eventType: string;
  readonly path: string;
  readonly problem: string;
  constructor(eventType: string, path: string, problem: string) {
    super(`${eventType}: ${path ? `field "${path}"` : 'event'} ${problem}`);
    this.name = 'CatalogueValidationError';
    this.eventType = eventType;
    this.path = path;
    this.problem = problem;
  }
}

/** What the event store needs from the catalogue: validation on write, upcasting on read. */
export interface EventCatalogue {
  has(type: string): boolean;
  /**
   * Parses new event data against the current schema.
   * @throws CatalogueValidationError naming the field, or the unknown type.
   */
  validate(type: string, data: unknown): { data: Record<string, unknown>; schemaVersion: number };
  /** Lifts stored data from `schemaVersion` to the current version; unknown types pass through. */
  upcast(type: string, schemaVersion: number, data: Record<string, unknown>): Record<string, unknown>;
}

/** Builds a catalogue from definitions; a type defined twice is a programming error. */
export function defineEventCatalogue(definitions: readonly EventDefinition[]): EventCatalogue {
  const byType = new Map<string, EventDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`Event type ${definition.type} is defined twice`);
    byType.set(definition.type, definition);
  }
  return {
    has: (type) => byType.has(type),
    validate(type, data) {
      const definition = byType.get(type);
      if (!definition) throw new CatalogueValidationError(type, '', 'is not an event type of the catalogue');
      const parsed = definition.schema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        if (!issue) throw new CatalogueValidationError(type, '', 'is invalid');
        // zod reports an unknown key at its parent object; the caller wants the key itself named.
        const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
        const path = [...issue.path, ...unknownKey].map(String).join('.');
        const problem = unknownKey.length > 0 ? 'is not a known field' : issue.message;
        throw new CatalogueValidationError(type, path, problem);
      }
      return { data: parsed.data as Record<string, unknown>, schemaVersion: definition.schemaVersion };
    },
    upcast(type, schemaVersion, data) {
      const definition = byType.get(type);
      if (!definition) return data;
      let current = data;
      for (let version = schemaVersion; version < definition.schemaVersion; version++) {
        const upcaster = definition.upcasters?.[version];
        if (!upcaster) throw new Error(`${type}: no upcaster from schemaVersion ${version}`);
        current = upcaster(current);
      }
      return current;
    },
  };
}
