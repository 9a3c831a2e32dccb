import type { Readable, Writable } from 'node:stream';

import type { S3Client } from '@aws-sdk/client-s3';

import type { FileStat } from '../stores/store';
import type { StoreContext } from '../stores/store-context';
import { BaseFileStore } from './base-file-store';
import { UploadWritable } from './upload-writable';

/** Region used when the Config sets none. @public */
export const DEFAULT_S3_REGION = 'us-east-1';

/** Size of each part of a multipart upload, in bytes (8 MiB). @public */
export const S3_PART_SIZE_BYTES = 8 * 1024 * 1024;

/** Parts uploaded at once; with the part size this bounds the memory of a write. @public */
export const S3_UPLOAD_QUEUE_SIZE = 4;

/**
 * Objects in an S3 bucket (type `s3`), on AWS or on an S3-compatible server (MinIO, Ceph...).
 * Config: `BucketName` (alias `Bucket`), required; `Prefix` (alias `BasePath`) prepended to every
 * key; `ServiceUrl` (alias `Endpoint`) for a compatible server, which turns on path-style
 * addressing unless `ForcePathStyle` is false; `RegionEndPoint` (alias `Region`, `us-east-1`);
 * `AccessKey` (alias `AccessKeyId`), `SecretKey` (alias `SecretAccessKey`) and `SessionToken`.
 * Without keys the AWS default credential chain applies.
 *
 * Writes use multipart uploads of 8 MiB parts, 4 at a time, so a write holds about 32 MiB.
 * @public
 */
export class S3FileStore extends BaseFileStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly region: string;
  readonly endpoint: string | undefined;
  readonly forcePathStyle: boolean;

  private readonly accessKeyId: string | undefined;
  private readonly secretAccessKey: string | undefined;
  private readonly sessionToken: string | undefined;
  private client: S3Client | undefined;

  constructor(context: StoreContext) {
    super(context);
    this.bucket = this.settings.requiredString(['bucketName', 'bucket'], 'the bucket name');
    this.prefix = (this.settings.string(['prefix', 'basePath']) ?? '').replace(/^\/+|\/+$/g, '');
    this.endpoint = this.settings.string(['serviceUrl', 'endpoint', 'serviceUri']);
    this.region = this.settings.string(['regionEndPoint', 'region', 'awsRegion']) ?? DEFAULT_S3_REGION;
    this.forcePathStyle = this.settings.boolean(['forcePathStyle']) ?? this.endpoint !== undefined;
    this.accessKeyId = this.settings.string(['accessKey', 'accessKeyId', 'awsAccessKeyId']);
    this.secretAccessKey = this.settings.string(['secretKey', 'secretAccessKey', 'awsSecretAccessKey']);
    this.sessionToken = this.settings.string(['sessionToken']);
  }

  async ping(): Promise<void> {
    const { HeadBucketCommand } = loadSdk();
    try {
      await this.s3().send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      throw this.operationError(`reach bucket '${this.bucket}'`, error);
    }
  }

  protected async closeConnections(): Promise<void> {
    this.client?.destroy();
    this.client = undefined;
  }

  protected async readPath(path: string): Promise<Readable> {
    const { GetObjectCommand } = loadSdk();
    try {
      const response = await this.s3().send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(path) }));
      return response.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) {
        throw this.fileNotFound(path, error);
      }
      throw error;
    }
  }

  protected async writePath(path: string): Promise<Writable> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Upload } = require('@aws-sdk/lib-storage') as typeof import('@aws-sdk/lib-storage');
    const client = this.s3();
    return new UploadWritable(async (body) => {
      const upload = new Upload({
        client,
        params: { Bucket: this.bucket, Key: this.keyOf(path), Body: body },
        partSize: S3_PART_SIZE_BYTES,
        queueSize: S3_UPLOAD_QUEUE_SIZE,
      });
      await upload.done();
    });
  }

  protected async deletePath(path: string): Promise<void> {
    const { DeleteObjectCommand } = loadSdk();
    await this.s3().send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(path) }));
  }

  protected async statPath(path: string): Promise<FileStat | undefined> {
    const { HeadObjectCommand } = loadSdk();
    try {
      const head = await this.s3().send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(path) }));
      return { size: head.ContentLength ?? 0, ...(head.LastModified === undefined ? {} : { modifiedAt: head.LastModified }) };
    } catch (error) {
      if (isNotFound(error)) {
        return undefined;
      }
      throw error;
    }
  }

  protected async listPaths(directory: string): Promise<string[]> {
    const { ListObjectsV2Command } = loadSdk();
    const root = this.prefix === '' ? '' : `${this.prefix}/`;
    const listPrefix = directory === '' ? root : `${root}${directory}/`;
    const paths: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.s3().send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: listPrefix, ContinuationToken: continuationToken }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined && !object.Key.endsWith('/')) {
          paths.push(object.Key.slice(root.length));
        }
      }
      continuationToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (continuationToken !== undefined);
    return paths;
  }

  /** Object key of a relative path: the prefix, a slash, the path. */
  private keyOf(path: string): string {
    return this.prefix === '' ? path : `${this.prefix}/${path}`;
  }

  private s3(): S3Client {
    this.assertOpen('create an S3 client');
    if (this.client === undefined) {
      const { S3Client: Client } = loadSdk();
      this.client = new Client({
        region: this.region,
        ...(this.endpoint === undefined ? {} : { endpoint: this.endpoint }),
        forcePathStyle: this.forcePathStyle,
        ...(this.accessKeyId === undefined || this.secretAccessKey === undefined
          ? {}
          : { credentials: { accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey, sessionToken: this.sessionToken } }),
        // S3-compatible servers often reject the CRC checksums that recent SDKs add by default.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
    }
    return this.client;
  }
}

function loadSdk(): typeof import('@aws-sdk/client-s3') {
  // Required on first use: the SDK takes a noticeable time to load and many workers never use S3.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
}

function isNotFound(error: unknown): boolean {
  const candidate = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return candidate.name === 'NoSuchKey' || candidate.name === 'NotFound' || candidate.$metadata?.httpStatusCode === 404;
}
