/**
 * The staff app (react-admin): CEC admins and reviewers, and MFA officers. Sign-in through the local
 * issuer on the twin or Cognito in AWS (config.json); what each group sees follows the API's rules.
 */
import { lazy, useMemo } from 'react';
import { Admin, CustomRoutes, Resource, useTranslate } from 'react-admin';
import { Route } from 'react-router-dom';
import { createAuthProvider } from '../auth/auth-provider';
import { canDo } from '../auth/permissions';
import { backendFor } from '../auth/token-backends';
import { createTokenStore } from '../auth/token-store';
import type { UiConfig } from '../config';
import { createDataProvider } from '../data/data-provider';
import { createHttpClient } from '../data/http-client';
import { Dashboard } from './dashboard/dashboard';
import { createI18nProvider } from './i18n-provider';
import { CecLayout } from './layout';
import { LoginPage } from './login-page';
import { CatchAll, RequireAccess } from './not-allowed';
import { audit } from './audit';
import { elections } from './elections';
import { invitations } from './invitations';
import { mfaQueue } from './mfa-queue';
import { organizations } from './organizations';
import { outbox } from './outbox';
import { proposals } from './proposals';
import { resolutions } from './resolutions';
import { theme } from './theme';

/**
 * The triage grid is the largest screen and not the first one anybody sees, so it is its own chunk,
 * fetched when a reviewer opens it (the layout shows react-admin's loader meanwhile).
 */
const TriagePage = lazy(() => import('./people/triage-page').then((m) => ({ default: m.TriagePage })));

/** The grid is the CEC's (3.3): other roles are told so at once, not left waiting on refused calls. */
function TriageRoute() {
  const t = useTranslate();
  return (
    <RequireAccess resource="people" action="list" page={t('cec.menu.triage')}>
      <TriagePage />
    </RequireAccess>
  );
}

export function AdminApp({ config }: { config: UiConfig }) {
  const providers = useMemo(() => {
    const store = createTokenStore(() => backendFor(config.auth));
    const httpClient = createHttpClient(() => store.idToken().catch(() => null));
    return {
      authProvider: createAuthProvider(store),
      dataProvider: createDataProvider({ apiUrl: config.apiUrl, httpClient }),
      i18nProvider: createI18nProvider(),
    };
  }, [config]);

  return (
    <Admin
      disableTelemetry
      requireAuth
      title="CEC"
      theme={theme}
      layout={CecLayout}
      dashboard={Dashboard}
      loginPage={LoginPage}
      catchAll={CatchAll}
      authProvider={providers.authProvider}
      dataProvider={providers.dataProvider}
      i18nProvider={providers.i18nProvider}
    >
      {(groups: string[]) => {
        const can = (resource: string, action: string) => canDo(groups ?? [], resource, action);
        const res = (name: string, def: Record<string, unknown>) => {
          if (!can(name, 'list')) return null;
          return (
            <Resource
              key={name}
              name={name}
              {...def}
              create={can(name, 'create') ? (def.create as never) : undefined}
              edit={can(name, 'edit') ? (def.edit as never) : undefined}
            />
          );
        };
        return [
          res('elections', elections),
          res('resolutions', resolutions),
          res('organizations', organizations),
          res('invitations', invitations),
          res('proposals', proposals),
          res('mfa-queue', mfaQueue),
          res('audit', audit),
          res('outbox', outbox),
          <Resource key="people" name="people" />,
          <CustomRoutes key="custom">
            <Route path="/triage" element={<TriageRoute />} />
          </CustomRoutes>,
        ];
      }}
    </Admin>
  );
}
