/**
 * What a page a role may not use says: one line in the user's language, at once, never an endless
 * "Loading" while the API answers 403 (the API's access rules: auth/permissions.ts). Addresses that
 * are no page at all say so the same way.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { Title, useCanAccess, usePermissions, useTranslate } from 'react-admin';
import { useLocation } from 'react-router-dom';
import { UI_PERMISSIONS } from '../auth/permissions';

const ROLE_KEYS = ['cec-admin', 'cec-reviewer', 'mfa-officer'] as const;

function roleName(groups: readonly string[] | undefined, t: (k: string) => string): string {
  const g = ROLE_KEYS.find((r) => groups?.includes(r));
  return t(`cec.roles.${g ?? 'none'}`);
}

export function NotAllowed({ page }: { page: string }) {
  const t = useTranslate();
  const { permissions } = usePermissions<string[]>();
  return (
    <Box sx={{ py: 3 }}>
      <Title title={page} />
      <Alert severity="info" data-testid="not-allowed" role="status">
        {t('cec.not_allowed.line', { page, role: roleName(permissions, t) })}
      </Alert>
    </Box>
  );
}

/** Shows the page only to the roles whose API calls it makes; the others get the one line. */
export function RequireAccess({
  resource,
  action,
  page,
  children,
}: {
  resource: string;
  action: string;
  page: string;
  children: ReactNode;
}) {
  const { canAccess, isPending } = useCanAccess({ resource, action });
  if (isPending) return null;
  return canAccess ? children : <NotAllowed page={page} />;
}

/** react-admin's catch-all: a list the role may not see says so; an unknown address is "not found". */
export function CatchAll() {
  const t = useTranslate();
  const { pathname } = useLocation();
  const resource = pathname.split('/')[1] ?? '';
  if (resource in UI_PERMISSIONS) {
    return <NotAllowed page={t(`resources.${resource}.name`, { smart_count: 2, _: resource })} />;
  }
  return (
    <Box sx={{ py: 3 }}>
      <Title title={t('ra.page.not_found')} />
      <Alert severity="warning" data-testid="not-found" role="status">
        {t('cec.not_allowed.not_found')}
      </Alert>
    </Box>
  );
}
