/** Public routes: anyone, no token (design: "Who calls what"). */
import { z } from 'zod';
import { id, listQuery, page } from '#schemas/common';
import { publicElection } from '#schemas/election';
import { defineRoute } from '../route';

export const listPublicElections = defineRoute({
  method: 'GET',
  path: '/v1/public/elections',
  handler: 'http/public/list-elections',
  access: { kind: 'public' },
  summary: 'Elections and their accreditation calendar',
  tag: 'public',
  query: listQuery.pick({ limit: true, cursor: true }),
  response: page(publicElection),
});

export const getPublicElection = defineRoute({
  method: 'GET',
  path: '/v1/public/elections/{electionId}',
  handler: 'http/public/get-election',
  access: { kind: 'public' },
  summary: 'One election and its accreditation calendar',
  tag: 'public',
  params: z.strictObject({ electionId: id }),
  response: publicElection,
});

export const getOpenApi = defineRoute({
  method: 'GET',
  path: '/v1/openapi.json',
  handler: 'http/public/openapi',
  access: { kind: 'public' },
  summary: 'This API, as an OpenAPI 3.1 document generated from the route table',
  tag: 'public',
});

export const publicRoutes = [listPublicElections, getPublicElection, getOpenApi];
