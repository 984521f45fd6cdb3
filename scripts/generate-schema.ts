// Prints the GraphQL schema, sorted, to schema/schema.graphql (`npm run generate`). Opens no port.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printApiSchema } from '../server/graphql/schema.ts';

/** Where the committed schema lives. */
export const SCHEMA_FILE = fileURLToPath(new URL('../schema/schema.graphql', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, printApiSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
