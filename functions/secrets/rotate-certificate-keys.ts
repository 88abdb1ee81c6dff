/**
 * Secrets Manager's rotation function of the certificate key ring (every 90 days, and on demand with
 * `aws secretsmanager rotate-secret`). Secrets Manager calls it four times per rotation, with the
 * step and the new version's token; the ring logic is shared/runtime/key-ring-rotation.ts. Each step
 * may be called again after a failure, so each is safe to repeat.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { logger } from '#runtime/logger';
import { observed } from '#runtime/observability';
import { checkRotatedRing, rotatedRing, serializeRing } from '#runtime/key-ring-rotation';

export interface RotationEvent {
  Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
  SecretId: string;
  ClientRequestToken: string;
}

let client: SecretsManagerClient | undefined;
const sm = () => {
  client ??= new SecretsManagerClient({});
  return client;
};

async function value(SecretId: string, stage: 'AWSCURRENT' | 'AWSPENDING', VersionId?: string): Promise<string> {
  const out = await sm().send(new GetSecretValueCommand({ SecretId, VersionStage: stage, VersionId }));
  if (typeof out.SecretString !== 'string') throw new Error(`the ${stage} version of the key ring holds no text`);
  return out.SecretString;
}

export async function rotate(event: RotationEvent): Promise<void> {
  const { Step: step, SecretId: secretId, ClientRequestToken: token } = event;
  const described = await sm().send(new DescribeSecretCommand({ SecretId: secretId }));
  if (!described.RotationEnabled) throw new Error(`rotation is not enabled on ${secretId}`);
  const stages = described.VersionIdsToStages ?? {};
  const ofToken = stages[token];
  if (!ofToken) throw new Error(`version ${token} is not a version of ${secretId}`);
  if (ofToken.includes('AWSCURRENT')) {
    logger.info('key ring version is already current', { step, token });
    return;
  }
  if (!ofToken.includes('AWSPENDING')) throw new Error(`version ${token} of ${secretId} is not pending rotation`);

  switch (step) {
    case 'createSecret': {
      const current = await value(secretId, 'AWSCURRENT');
      try {
        await value(secretId, 'AWSPENDING', token);
        logger.info('pending key ring already created', { token });
        return;
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      const ring = rotatedRing(current);
      await sm().send(
        new PutSecretValueCommand({
          SecretId: secretId,
          ClientRequestToken: token,
          SecretString: serializeRing(ring),
          VersionStages: ['AWSPENDING'],
        }),
      );
      logger.info('new certificate key added to the ring', { token, kid: ring.current, keys: Object.keys(ring.keys) });
      return;
    }
    case 'setSecret':
      // The ring is read only by the product's functions: there is no other system to update.
      return;
    case 'testSecret': {
      const ring = checkRotatedRing(await value(secretId, 'AWSCURRENT'), await value(secretId, 'AWSPENDING', token));
      logger.info('pending key ring checked', { token, kid: ring.current });
      return;
    }
    case 'finishSecret': {
      const currentVersion = Object.entries(stages).find(([, s]) => s.includes('AWSCURRENT'))?.[0];
      await sm().send(
        new UpdateSecretVersionStageCommand({
          SecretId: secretId,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: token,
          RemoveFromVersionId: currentVersion,
        }),
      );
      logger.info('rotated key ring is current', { token, previous: currentVersion });
      return;
    }
    default:
      throw new Error(`unknown rotation step ${String(step)}`);
  }
}

export const handler = observed(rotate);
