/** Line and column (both from 1) of a character in a text. @internal */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Finds where JSON text stops being valid, for an error message that must not quote the text
 * (the parser's own message quotes the characters around the error, which may be a secret).
 * Returns undefined when the text is valid JSON, or nested too deeply to scan.
 *
 * @internal
 */
export function findJsonErrorPosition(text: string): TextPosition | undefined {
  const scanner = new JsonScanner(text);
  const offset = scanner.firstErrorOffset();
  return offset === undefined ? undefined : positionOf(text, offset);
}

function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super(`Invalid JSON at offset ${offset}`);
    this.name = 'JsonSyntaxError';
  }
}

/** A recursive-descent check of the JSON grammar (RFC 8259) that records the first bad offset. */
class JsonScanner {
  private index = 0;

  constructor(private readonly text: string) {
    if (text.startsWith('\uFEFF')) {
      this.index = 1;
    }
  }

  firstErrorOffset(): number | undefined {
    try {
      this.value();
      this.whitespace();
      if (this.index < this.text.length) {
        throw new JsonSyntaxError(this.index);
      }
      return undefined;
    } catch (error) {
      if (error instanceof JsonSyntaxError) {
        return error.offset;
      }

      // NOTE: nesting deep enough to overflow the call stack gives no position, though the text is invalid.
      if (error instanceof RangeError) {
        return undefined;
      }
      throw error;
    }
  }

  private value(): void {
    this.whitespace();
    const char = this.text[this.index];

    if (char === '{') {
      this.members('}', () => {
        this.whitespace();
        this.string();
        this.whitespace();
        this.expect(':');
        this.value();
      });
    } else if (char === '[') {
      this.members(']', () => this.value());
    } else if (char === '"') {
      this.string();
    } else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      this.number();
    } else {
      this.literal();
    }
  }

  /** Reads `open member (, member)* close`, where `open` is the current character. */
  private members(close: string, member: () => void): void {
    this.index += 1;
    this.whitespace();
    if (this.text[this.index] === close) {
      this.index += 1;
      return;
    }

    for (;;) {
      member();
      this.whitespace();
      if (this.text[this.index] === ',') {
        this.index += 1;
        continue;
      }

      this.expect(close);
      return;
    }
  }

  private string(): void {
    this.expect('"');
    for (;;) {
      const char = this.text[this.index];
      if (char === undefined || char < ' ') {
        throw new JsonSyntaxError(this.index);
      }

      this.index += 1;
      if (char === '"') {
        return;
      }

      if (char === '\\') {
        this.escape();
      }
    }
  }

  private escape(): void {
    const char = this.text[this.index];
    if (char === 'u') {
      const hex = this.text.slice(this.index + 1, this.index + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw new JsonSyntaxError(this.index);
      }
      this.index += 5;
      return;
    }

    if (char === undefined || !'"\\/bfnrt'.includes(char)) {
      throw new JsonSyntaxError(this.index);
    }
    this.index += 1;
  }

  private number(): void {
    const pattern = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    pattern.lastIndex = this.index;
    const match = pattern.exec(this.text);
    if (match === null) {
      throw new JsonSyntaxError(this.index);
    }
    this.index += match[0].length;
  }

  private literal(): void {
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.index)) {
        this.index += word.length;
        return;
      }
    }
    throw new JsonSyntaxError(this.index);
  }

  private expect(char: string): void {
    if (this.text[this.index] !== char) {
      throw new JsonSyntaxError(this.index);
    }
    this.index += 1;
  }

  private whitespace(): void {
    while (' \t\n\r'.includes(this.text[this.index] ?? 'x')) {
      this.index += 1;
    }
  }
}
