/**
 * The public check behind a register extract's QR code, apart from the renderer so that the public
 * route answering it does not carry pdf-lib and the fonts.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getElection } from '#data/elections';
import { keys } from '#data/keys';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import type { ExtractCheck } from '#schemas/publication';
import { verifyCertificateSignatureNow } from './verification';

/** What an extract's QR signature signs. */
export const extractSignedMessage = (extractId: string) => `extract-${extractId}`;

/** The public check behind an extract's QR code: genuine with its facts, or unknown (nothing else). */
export async function checkExtract(electionId: string, extractId: string, sig: string): Promise<ExtractCheck> {
  const unknown: ExtractCheck = { status: 'unknown', extractId };
  if (!(await verifyCertificateSignatureNow(electionId, extractSignedMessage(extractId), sig))) return unknown;
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.registerExtract(electionId, extractId) }),
  );
  const item = out.Item;
  if (!item) return unknown;
  const election = await getElection(electionId).catch(() => undefined);
  if (!election) return unknown;
  return {
    status: 'genuine',
    extractId,
    extract: {
      issuedAt: String(item.issuedAt),
      asOf: String(item.asOf),
      resolutionNumber: (item.resolutionNumber as string | null) ?? null,
      count: Number(item.count),
      sha256: String(item.sha256),
      election: { id: election.id, name: election.name },
    },
  };
}
