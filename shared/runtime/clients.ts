/**
 * AWS SDK clients, created once per container at module scope. Endpoints come from the SDK's own
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, so the local twin only changes the environment.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';

export const dynamodb = new DynamoDBClient({});

export const ddb = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  unmarshallOptions: { wrapNumbers: false },
});

let s3Client: S3Client | undefined;
/** Built on first use: path-style addressing is a configuration value (the local S3 server needs it). */
export function s3(): S3Client {
  s3Client ??= new S3Client({ forcePathStyle: config().s3ForcePathStyle });
  return s3Client;
}

export const ses = new SESv2Client({});
