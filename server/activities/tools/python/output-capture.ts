/** Bytes kept per stream and run; beyond this, output is counted but dropped. */
export const MAX_OUTPUT_BYTES = 256 * 1024;

/** Collects what Python writes to one stream during a run, up to {@link MAX_OUTPUT_BYTES}. */
export class OutputCapture {
  private chunks: Uint8Array[] = [];
  private kept = 0;
  private dropped = 0;

  /** Pyodide's raw writer: returns how many bytes were "written" (all of them, so Python never blocks). */
  write(bytes: Uint8Array): number {
    const room = MAX_OUTPUT_BYTES - this.kept;
    if (room > 0) {
      const part = bytes.length <= room ? bytes.slice() : bytes.slice(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    this.dropped += Math.max(0, bytes.length - Math.max(0, room));
    return bytes.length;
  }

  /** Pyodide's line writer, used while it starts up. */
  writeLine(line: string): void {
    this.write(new TextEncoder().encode(`${line}\n`));
  }

  reset(): void {
    this.chunks = [];
    this.kept = 0;
    this.dropped = 0;
  }

  text(): string {
    const bytes = new Uint8Array(this.kept);
    let offset = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    const text = new TextDecoder().decode(bytes);
    return this.dropped > 0 ? `${text}\n[… ${this.dropped} more bytes of output dropped]` : text;
  }
}
