/**
 * An embedding's numbers as events store them: base64 of little-endian IEEE-754 float32 values.
 *
 * The memories read model keeps `real` (float32) anyway, so float32 loses nothing that was kept.
 * As JSON numbers, every layer walked the vector number by number: the storable-text repair,
 * validation, serialization, the audit chain's hash, the database's jsonb parser and every reader's
 * JSON.parse. As one string (1,368 characters for 256 numbers) it is handled at once.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The float32 text of `vector` (values out of float32 range become ±Infinity). */
export function encodeFloat32(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i] as number, i * 4);
  return bytes.toString('base64');
}

/**
 * The numbers of a stored embedding's float32 text.
 * @throws TypeError when it is not (the event schema refuses such text on append).
 */
export function embeddingVector(embedding: { vectorFloat32LE: string }): number[] {
  const vector = decodeFloat32(embedding.vectorFloat32LE);
  if (vector === null) throw new TypeError('vectorFloat32LE is not base64 of float32 values');
  return vector;
}

/** The numbers of a float32 text, or null when it is not base64 of whole float32 values. */
export function decodeFloat32(text: string): number[] | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) return null;
  const vector = new Array<number>(bytes.length / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}
