/**
 * One Lambda per row of the route table, each with its integration and route on the HTTP API. Staff
 * routes sit behind the Cognito JWT authorizer (groups are then checked by the function against the
 * route's access rule); public and portal routes have none (the portal session is the product's own
 * token, verified by the function). The rows are spread over nested stacks by access kind, in slices,
 * so that the seven or so resources per route stay far from CloudFormation's 500 per stack.
 */
import { NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import {
  type HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Construct } from 'constructs';
import type { Route } from '#http/route';
import { functionIdOf, type ServiceFunction } from '../constructs/function';
import { accept } from '../nag';
import { routeNeeds } from './needs';
import { PDF_RENDERERS, RENDERER_ASSETS, RENDERER_ENVIRONMENT } from './renderers';
import { type ServiceResources, serviceFunction } from './resources';

/** Routes per nested stack: about 8 resources each, so well below 500. */
export const ROUTES_PER_STACK = 40;

export interface RoutesStackProps extends NestedStackProps {
  routes: readonly Route[];
  api: HttpApi;
  staffAuthorizer: IHttpRouteAuthorizer;
  resources: ServiceResources;
}

export class RoutesStack extends NestedStack {
  readonly functions = new Map<string, ServiceFunction>();

  constructor(scope: Construct, id: string, props: RoutesStackProps) {
    super(scope, id, props);
    for (const route of props.routes) {
      const f = serviceFunction(
        this,
        functionIdOf(route.handler),
        {
          handler: route.handler,
          description: `${route.method} ${route.path}: ${route.summary}`.slice(0, 256),
          ...(PDF_RENDERERS.has(route.handler)
            ? { assets: RENDERER_ASSETS, environment: RENDERER_ENVIRONMENT, memorySize: 1024 }
            : {}),
        },
        routeNeeds(route),
        props.resources,
      );
      this.functions.set(`${route.method} ${route.path}`, f);
      // In this stack (not the API's): route, integration and invoke permission stay beside the function.
      const httpRoute = new HttpRoute(this, `${functionIdOf(route.handler)}Route`, {
        httpApi: props.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${functionIdOf(route.handler)}Integration`, f.fn),
        authorizer: route.access.kind === 'staff' ? props.staffAuthorizer : undefined,
      });
      if (route.access.kind === 'public') {
        accept(httpRoute, ['AwsSolutions-APIG4', 'public by design: the published list, verification, the sign-in']);
      } else if (route.access.kind === 'portal') {
        accept(httpRoute, [
          'AwsSolutions-APIG4',
          'the portal session is the product’s own token (HS256), verified by the function (shared/http/auth.ts)',
        ]);
      }
    }
  }
}

/** The route table split into slices of one access kind each, in table order. */
export function routeSlices(routes: readonly Route[]): { name: string; routes: Route[] }[] {
  const slices: { name: string; routes: Route[] }[] = [];
  for (const kind of ['public', 'portal', 'staff'] as const) {
    const ofKind = routes.filter((r) => r.access.kind === kind);
    for (let i = 0; i < ofKind.length; i += ROUTES_PER_STACK) {
      slices.push({ name: `${kind}${i / ROUTES_PER_STACK + 1}`, routes: ofKind.slice(i, i + ROUTES_PER_STACK) });
    }
  }
  return slices;
}
