import { StringDecoder } from 'node:string_decoder';

/**
 * Prefixes every line of a byte stream (e.g. "[3] " for array shard 3), so
 * interleaved output of concurrent shards stays attributable. Partial lines are
 * held until their newline arrives or the stream ends.
 */
export class LinePrefixer {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(
    private readonly prefix: string,
    private readonly write: (text: string) => void,
  ) {}

  push(chunk: Buffer | string): void {
    const text = this.pending + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const end = text.lastIndexOf('\n');
    if (end === -1) {
      this.pending = text;
      return;
    }
    this.pending = text.slice(end + 1);
    const lines = text.slice(0, end).split('\n');
    this.write(lines.map((line) => `${this.prefix}${line}\n`).join(''));
  }

  /** Writes a last line that had no newline. */
  end(): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest.length > 0) this.write(`${this.prefix}${rest}\n`);
  }
}
