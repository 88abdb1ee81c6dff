/**
 * Application numbers (3.1): what an organization, a reviewer and a letter call an application.
 * `<kind><yy>-A-<sequence>`, e.g. `PR27-A-0042`: the election's kind (KIND_CODE, as on certificates) and
 * the last two digits of the year of its voting day, then the place in the election's own sequence,
 * padded to 4 digits (10000 and on simply grow). Short and read aloud letter by letter over the phone.
 *
 * Unique per election: the sequence is per election and a number is taken with one atomic ADD before
 * the application's write, so creations racing each other each get their own. The sequence has a gap
 * only where the write after the ADD failed (a lost number is never given again).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import type { ElectionKind } from '#schemas/election';
import { KIND_CODE } from './certificates';
import { keys } from './keys';

export const APPLICATION_SEQUENCE = 'APP';

type NumberedElection = { id: string; kind: ElectionKind; votingDay: string };

/** The election's short code in application numbers, e.g. `PR27`. */
export function electionShortCode(e: Pick<NumberedElection, 'kind' | 'votingDay'>): string {
  return `${KIND_CODE[e.kind]}${e.votingDay.slice(2, 4)}`;
}

export function formatApplicationNumber(e: Pick<NumberedElection, 'kind' | 'votingDay'>, seq: number): string {
  return `${electionShortCode(e)}-A-${String(seq).padStart(4, '0')}`;
}

/** Takes the next number of the election's application sequence (one atomic ADD). */
export async function allocateApplicationNumber(e: NumberedElection): Promise<string> {
  const out = await ddb.send(
    new UpdateCommand({
      TableName: config().tableName,
      Key: keys.sequence(e.id, APPLICATION_SEQUENCE),
      UpdateExpression: 'ADD #v :one SET entity = :entity',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: { ':one': 1, ':entity': 'sequence' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return formatApplicationNumber(e, Number(out.Attributes?.value));
}
