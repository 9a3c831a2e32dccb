import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

import Transport from 'winston-transport';

/** Key under which winston's formats leave the formatted line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');

/** Options of {@link RollingFileTransport}. @internal */
export interface RollingFileOptions extends Transport.TransportStreamOptions {
  /** Path of the current log file; rolled files get `.1`, `.2`... appended, `.1` the most recent. */
  readonly path: string;
  /** Size in bytes past which the file rolls over before the next entry. */
  readonly maxBytes: number;
  /** Rolled files kept besides the current one; undefined keeps all. */
  readonly maxFiles: number | undefined;
}

/**
 * A winston transport that appends each entry to a file and rolls the file
 * over by size, naming rolled files as Python's `RotatingFileHandler` does
 * (`worker.log.1` the most recent). Writes are synchronous so that no entry is
 * lost while the file rolls over, which winston's own File transport does
 * under bursts of entries.
 *
 * @internal
 */
export class RollingFileTransport extends Transport {
  private readonly path: string;
  private readonly maxBytes: number;
  private readonly maxFiles: number | undefined;
  private descriptor: number | undefined;
  private size = 0;

  constructor(options: RollingFileOptions) {
    super(options);
    this.path = options.path;
    this.maxBytes = options.maxBytes;
    this.maxFiles = options.maxFiles;
  }

  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    const line = `${String(info[MESSAGE])}\n`;
    const bytes = Buffer.byteLength(line, 'utf8');

    try {
      if (this.descriptor !== undefined && this.size > 0 && this.size + bytes > this.maxBytes) {
        this.rollOver();
      }

      const descriptor = this.open();
      writeSync(descriptor, line);
      this.size += bytes;
      this.emit('logged', info);
    } catch (error) {
      this.emit('error', error);
    }

    next();
  }

  override close(): void {
    if (this.descriptor !== undefined) {
      closeSync(this.descriptor);
      this.descriptor = undefined;
    }
  }

  private open(): number {
    if (this.descriptor === undefined) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.descriptor = openSync(this.path, 'a');
      this.size = fstatSync(this.descriptor).size;
    }

    return this.descriptor;
  }

  /** Shifts `path.N` to `path.N+1`, drops files beyond `maxFiles`, and starts a new file. */
  private rollOver(): void {
    this.close();

    let highest = 0;
    while (existsSync(`${this.path}.${highest + 1}`)) {
      highest += 1;
    }

    const keep = this.maxFiles ?? highest + 1;
    for (let index = highest; index >= 1; index -= 1) {
      if (index >= keep) {
        rmSync(`${this.path}.${index}`, { force: true });
      } else {
        renameSync(`${this.path}.${index}`, `${this.path}.${index + 1}`);
      }
    }

    renameSync(this.path, `${this.path}.1`);
  }
}
