/**
 * AWS SDK clients, one each per container, built on first use: a request that never reaches a
 * service (a refused token, a 400) does not build its client, and in the Lambda bundles, where the SDK
 * itself is loaded on first use (infra/constructs/bundles.ts), does not load it either. Endpoints come
 * from the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables, so the local twin only changes the
 * environment.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';

/**
 * An object that acts as the client `build` returns, built the first time anything is asked of it.
 * Methods run on the client itself (`this` is the client); what is set on it (a test's stub of `send`)
 * is set on the client, and read back as it was set.
 */
export function onFirstUse<T extends object>(build: () => T): T {
  let client: T | undefined;
  const real = (): T => {
    client ??= build();
    return client;
  };
  return new Proxy({} as T, {
    get: (_, key) => {
      const value = Reflect.get(real(), key);
      // The client's methods, bound to it; a function set on the client itself (a stub) as it is.
      return typeof value === 'function' && !Object.hasOwn(real(), key) ? value.bind(real()) : value;
    },
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    defineProperty: (_, key, attributes) => Reflect.defineProperty(real(), key, attributes),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      // The stand-in's own target has none of the client's properties: report them as configurable.
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

/** The DynamoDB document client (plain JavaScript values in and out). */
export const ddb: DynamoDBDocumentClient = onFirstUse(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  }),
);

let s3Client: S3Client | undefined;
/** Built on first use: path-style addressing is a configuration value (the local S3 server needs it). */
export function s3(): S3Client {
  s3Client ??= new S3Client({ forcePathStyle: config().s3ForcePathStyle });
  return s3Client;
}

export const ses: SESv2Client = onFirstUse(() => new SESv2Client({}));
