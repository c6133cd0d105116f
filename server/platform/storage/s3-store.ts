import { Readable, Transform } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { checkKey, type ObjectStore } from './object-store';

export interface S3StoreOptions {
  bucket: string;
  /** Prepended to every key (`sessiondesk/`), so one bucket can serve several installations. */
  prefix: string;
  /** An S3-compatible endpoint (MinIO, Ceph, Garage, …); AWS itself when undefined. */
  endpoint: string | undefined;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle: boolean;
}

/** Parts of a multipart upload: memory in use per upload is about partSize × queueSize. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

/**
 * Objects in an S3-compatible bucket, through the AWS SDK: uploads are multipart and streamed (at most
 * two 8 MiB parts in memory however large the file), reads ask for a byte range.
 */
export function s3Store(options: S3StoreOptions): ObjectStore {
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Checksums only where the API requires them: S3-compatible servers differ in what they support.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = options.bucket;
  const keyOf = (key: string) => `${options.prefix}${checkKey(key)}`;

  return {
    kind: 's3',

    async put(key, body, { contentType }) {
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      const upload = new Upload({
        client,
        params: { Bucket, Key: keyOf(key), Body: body, ContentType: contentType },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
        // A failed multipart upload is aborted, so no parts are left to pay for.
        leavePartsOnError: false,
      });
      await upload.done();
      return { size };
    },

    async stat(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(key) }));
        return { size: head.ContentLength ?? 0 };
      } catch (error) {
        if (
          error instanceof NotFound ||
          (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
        )
          return null;
        throw error;
      }
    },

    async read(key, range) {
      const object = await client.send(
        new GetObjectCommand({
          Bucket,
          Key: keyOf(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      if (!(object.Body instanceof Readable)) throw new Error('The object store answered without a body.');
      if (!range) return object.Body;
      // HTTP lets a server answer a Range with more than was asked (the whole object, or a wider
      // range; some S3-compatible servers do for some ranges): then the asked range is cut out here.
      const sent = /^bytes (\d+)-(\d+)\//.exec(object.ContentRange ?? '');
      const sentStart = sent ? Number(sent[1]) : 0;
      const sentEnd = sent ? Number(sent[2]) : Number.POSITIVE_INFINITY;
      const sentLength = object.ContentLength;
      if (sentStart === range.start && sentEnd === range.end && sentLength === range.end - range.start + 1)
        return object.Body;
      return slice(object.Body, { start: range.start - sentStart, end: range.end - sentStart });
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }));
    },
  };
}

/** The bytes start…end (inclusive, from the stream's first byte) of a stream. */
function slice(body: Readable, range: { start: number; end: number }): Readable {
  let offset = 0;
  const cut = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const from = Math.max(range.start - offset, 0);
      const to = Math.min(range.end + 1 - offset, chunk.length);
      offset += chunk.length;
      if (to > from) this.push(chunk.subarray(from, to));
      if (offset > range.end) {
        this.push(null);
        body.destroy();
      }
      done();
    },
  });
  body.on('error', (error) => cut.destroy(error));
  return body.pipe(cut);
}
