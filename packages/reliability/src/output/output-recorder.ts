import { Writable } from 'node:stream';

/** A secret found in output: the secret's name (never its value), the output and the line number. */
export interface SecretFinding {
  readonly secret: string;
  readonly source: string;
  readonly line: number;
}

interface SourceState {
  partial: string;
  lines: number;
}

/**
 * Receives every byte of log and error output the suite captures (child
 * stdout and stderr, in-process loggers) and searches each complete line for
 * the secrets it was given. It keeps only the findings and the line counts,
 * so a 30-minute soak does not hold its whole output in memory.
 */
export class OutputRecorder {
  private readonly sources = new Map<string, SourceState>();
  private readonly found: SecretFinding[] = [];
  private readonly secretEntries: ReadonlyArray<readonly [string, string]>;

  /** @param secrets - Secret values by name; a finding reports the name only. */
  constructor(secrets: Readonly<Record<string, string>>) {
    this.secretEntries = Object.entries(secrets);
  }

  /** Findings so far. */
  get findings(): readonly SecretFinding[] {
    return this.found;
  }

  /** Number of complete lines received from each source. */
  lineCounts(): Record<string, number> {
    return Object.fromEntries([...this.sources].map(([source, state]) => [source, state.lines]));
  }

  /** Adds a chunk of `source`'s output; lines are searched once complete. */
  write(source: string, chunk: string): void {
    const state = this.sources.get(source) ?? { partial: '', lines: 0 };
    this.sources.set(source, state);

    const lines = (state.partial + chunk).split('\n');
    state.partial = lines.pop() ?? '';

    for (const line of lines) {
      this.search(source, line, state);
    }
  }

  /** Searches what is left of each source after its last newline, as a process that exits does not end with one. */
  flush(): void {
    for (const [source, state] of this.sources) {
      if (state.partial !== '') {
        this.search(source, state.partial, state);
        state.partial = '';
      }
    }
  }

  /** Returns a writable stream whose data goes to {@link OutputRecorder.write} under `source`, for in-process loggers. */
  stream(source: string): Writable {
    return new Writable({
      write: (chunk: Buffer | string, _encoding, callback) => {
        this.write(source, chunk.toString());
        callback();
      },
    });
  }

  private search(source: string, line: string, state: SourceState): void {
    state.lines += 1;

    for (const [name, value] of this.secretEntries) {
      if (line.includes(value)) {
        this.found.push({ secret: name, source, line: state.lines });
      }
    }
  }
}
