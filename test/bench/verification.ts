/**
 * The public certificate check (3.4), the request every polling station makes: GET
 * /v1/public/certificates/{electionId}/{number}?sig=… for a valid certificate of the demo data,
 * against a bare GetItem of that certificate's item behind the same handler wrapper, both routed
 * through ONE gateway of the twin's kind (infra/local/gateway.ts) started for this benchmark beside the
 * twin, on the twin's DynamoDB, S3 and environment. The baseline's route exists only here, never in the
 * product's route table. Alternating rounds; the ratio is the median of the per-round ratios. The check
 * is one strongly consistent GetItem of the certificate item (its card and revocation); the election's
 * calendar (read with the certificate at most every 5 s) and a photo link signed within the minute are
 * reused from the function's memory, as a warm Lambda would.
 * Target: ratio ≤ 1.2.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LambdaHandler } from '#local/lambda';
import { type Benchmark, type BenchResult, compareTimes, fmtMs, resultOf } from './harness';

export const benchmark: Benchmark = {
  name: 'verification',
  needs: ['twin'],
  async run(ctx): Promise<BenchResult[]> {
    const twin = ctx.twin;
    const db = ctx.dynamodb;
    if (!twin || !db) throw new Error('the verification benchmark needs the local twin');
    const { startGateway } = await import('#local/gateway');
    const { freePort } = await import('#local/ports');
    const { httpHandler, ok } = await import('#http/handler');
    const { defineRoute } = await import('#http/route');
    const { verifyCertificateRoute } = await import('#http/routes/publication');
    const { verifyParams } = await import('#schemas/publication');
    const { keys } = await import('#data/keys');
    const { ddb } = await import('#runtime/clients');
    const { config } = await import('#runtime/config');
    const { signCertificate } = await import('#pdf/verification');

    // A certificate of the demo data (the seed adopts a resolution; the outbox consumer issues them).
    let cert: { electionId: string; number: string } | undefined;
    for (let i = 0; i < 60 && !cert; i++) {
      const page = await db.client.send(
        new ScanCommand({
          TableName: db.tableName,
          FilterExpression: 'begins_with(pk, :cert)',
          ExpressionAttributeValues: { ':cert': { S: 'CERT#' } },
        }),
      );
      const items = (page.Items ?? []).map((i) => unmarshall(i));
      const first = items.find((i) => typeof i.number === 'string' && typeof i.electionId === 'string');
      if (first) cert = { electionId: first.electionId as string, number: first.number as string };
      else await new Promise((r) => setTimeout(r, 500));
    }
    if (!cert) throw new Error('the demo data holds no certificate to verify');

    const bareRoute = defineRoute({
      method: 'GET',
      path: '/bench/certificates/{electionId}/{number}',
      handler: 'bench/get-certificate-item',
      access: { kind: 'public' },
      summary: 'Benchmark baseline: one GetItem of a certificate item',
      tag: 'bench',
      params: verifyParams,
    });
    const bare = httpHandler(bareRoute, async ({ params }) => {
      const out = await ddb.send(
        new GetCommand({ TableName: config().tableName, Key: keys.certificate(params.electionId, params.number) }),
      );
      return ok({ found: out.Item !== undefined, number: params.number }, { 'cache-control': 'no-store' });
    });
    const issuer = twin.issuer;
    const gateway = await startGateway({
      port: await freePort(),
      routes: [{ route: verifyCertificateRoute }, { route: bareRoute, fn: bare as unknown as LambdaHandler }],
      issuer: { issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, clientId: issuer.clientId },
      corsOrigins: [],
      region: 'eu-central-1',
    });
    gateway.setReady();
    try {
      const base = `http://127.0.0.1:${gateway.port}`;
      const sig = signCertificate(cert.electionId, cert.number);
      const e = encodeURIComponent(cert.electionId);
      const n = encodeURIComponent(cert.number);
      let status = '';
      const get = async (url: string, check: (body: Record<string, unknown>) => boolean) => {
        const res = await fetch(url, { headers: { accept: 'application/json' } });
        const body = (await res.json()) as Record<string, unknown>;
        if (res.status !== 200 || !check(body))
          throw new Error(`${url} answered ${res.status} ${JSON.stringify(body)}`);
        return body;
      };
      const check = async () => {
        const body = await get(`${base}/v1/public/certificates/${e}/${n}?sig=${sig}`, (b) => b.status !== 'unknown');
        status = String(body.status);
      };
      const getItem = () => get(`${base}/bench/certificates/${e}/${n}`, (b) => b.found === true);
      const rounds = Math.max(60, ctx.rounds * 20);
      const { a, b, pairedRatio } = await compareTimes({ a: check, b: getItem }, { rounds, warmup: 10 });
      ctx.log(`  check (${status}): ${fmtMs(a)}; bare GetItem: ${fmtMs(b)}`);
      return [
        resultOf({
          name: 'verification: public certificate check p50 vs a bare GetItem through the same gateway',
          figure: a.median,
          unit: 'ms',
          baseline: b.median,
          baselineName: 'one GetItem of the certificate item, same gateway and wrapper',
          ratio: pairedRatio,
          target: { ratioAtMost: 1.2 },
          notes: `${rounds} rounds each, alternating, after 10 warm-ups; ratio: median of per-round ratios; one certificate checked again and again, so its photo link (reused ≤ 60 s) is signed about once a minute; certificate ${cert.number} (${status}); p90 ${a.p90.toFixed(1)} vs ${b.p90.toFixed(1)} ms`,
        }),
      ];
    } finally {
      await gateway.stop();
    }
  },
};
