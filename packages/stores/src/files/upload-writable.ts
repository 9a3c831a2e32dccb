import { PassThrough, Writable, type Readable } from 'node:stream';

/**
 * A Writable that feeds a body stream to an upload and emits `finish` only once the upload has
 * completed, so `pipeline(source, writable)` resolves when the file is committed. Backpressure
 * flows from the upload to the writer. If the upload fails, the Writable is destroyed with that
 * error. If the Writable is destroyed before `end()`, the upload is aborted.
 * @internal
 */
export class UploadWritable extends Writable {
  private readonly body = new PassThrough();
  private readonly upload: Promise<void>;

  /** `start` receives the body stream and resolves when the upload is committed. */
  constructor(start: (body: Readable) => Promise<void>) {
    super();
    // The body fails only when this Writable destroys it, and the upload reports that failure.
    // An upload that has not started reading yet (an FTP store still connecting) has no listener
    // of its own, so without this one the error would be uncaught.
    this.body.on('error', () => undefined);
    this.upload = start(this.body);
    this.upload.catch((error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.body.write(chunk)) {
      callback();
    } else {
      this.body.once('drain', () => callback());
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.body.end();
    this.upload.then(
      () => callback(),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /**
   * Aborts the upload unless it already completed. A `destroy()` without an error still
   * destroys the body with one, because a body that only stops receiving data would leave the
   * upload, its temporary file and its connection waiting forever.
   */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.body.destroyed && !this.body.writableFinished) {
      this.body.destroy(error ?? new Error('The write was destroyed before end(), so nothing was committed.'));
    }
    callback(error);
  }
}
