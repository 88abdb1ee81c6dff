/**
 * The local twin's own costs: how long it takes to be ready, and what its API gateway adds to a request.
 * The same function (GET /v1/public/elections) is timed through the gateway over HTTP and called
 * directly with the event the gateway would build, in alternating order in the same run; the gateway's
 * overhead is the difference of the medians, and the ratio is judged.
 */
import type { Context } from 'aws-lambda';
import { buildHttpEvent } from '#local/apigw-event';
import { lambdaContext } from '#local/lambda';
import { type Benchmark, type BenchResult, compareTimes, fmtMs, resultOf } from './harness';

type Handler = (event: unknown, context: Context) => Promise<{ statusCode: number }>;

export const benchmark: Benchmark = {
  name: 'gateway',
  needs: ['twin'],
  async run(ctx): Promise<BenchResult[]> {
    const twin = ctx.twin;
    if (!twin) throw new Error('the gateway benchmark needs the local twin');
    const results: BenchResult[] = [
      resultOf({
        name: 'twin: ready time (startTwin, demo data loaded)',
        figure: twin.readyMs / 1000,
        unit: 's',
        target: { figureAtMost: 20 },
        notes: `stages ended at ${Object.entries(twin.timings)
          .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`)
          .join(', ')}`,
      }),
    ];

    const path = '/v1/public/elections';
    const { handler } = (await import('#functions/http/public/list-elections')) as unknown as { handler: Handler };
    const url = `${twin.internal.api}${path}`;
    const rawHeaders = ['host', new URL(url).host, 'user-agent', 'bench', 'accept', 'application/json'];
    const viaGateway = async () => {
      const res = await fetch(url, { headers: { accept: 'application/json' } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status} through the gateway`);
    };
    const direct = async () => {
      const event = buildHttpEvent({
        method: 'GET',
        url: path,
        rawHeaders,
        body: Buffer.alloc(0),
        sourceIp: '127.0.0.1',
        routeKey: `GET ${path}`,
        pathParameters: {},
      });
      const out = await handler(event, lambdaContext('http/public/list-elections', 30_000, 'eu-central-1'));
      if (out.statusCode !== 200) throw new Error(`${path} answered ${out.statusCode} when called directly`);
    };
    const rounds = Math.max(50, ctx.rounds * 20);
    const { a: gw, b: fn } = await compareTimes({ a: viaGateway, b: direct }, { rounds, warmup: 10 });
    ctx.log(`  through the gateway: ${fmtMs(gw)}; direct call: ${fmtMs(fn)}`);
    results.push(
      resultOf({
        name: `gateway: GET ${path} p50, gateway vs direct call`,
        figure: gw.median,
        unit: 'ms',
        baseline: fn.median,
        baselineName: 'the handler called directly with the same event',
        target: { ratioAtMost: 2 },
        notes: `${rounds} rounds each, alternating; p90 ${gw.p90.toFixed(1)} vs ${fn.p90.toFixed(1)} ms`,
      }),
      resultOf({
        name: 'gateway: overhead per request (difference of p50)',
        figure: gw.median - fn.median,
        unit: 'ms',
        // Informative: in milliseconds it follows the machine's load; the ratio above is what is judged.
        target: { none: true },
        notes: 'HTTP on loopback, route matching, event building, answer writing',
      }),
    );
    return results;
  },
};
