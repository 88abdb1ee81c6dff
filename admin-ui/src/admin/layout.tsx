/** The staff app's frame: the app bar carries the election selector and the language switcher. */
import DashboardIcon from '@mui/icons-material/Dashboard';
import GridOnIcon from '@mui/icons-material/GridOn';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import {
  AppBar,
  Layout,
  LocalesMenuButton,
  Menu,
  UserMenu,
  useCanAccess,
  useGetIdentity,
  useTranslate,
} from 'react-admin';
import { ElectionSelect } from './current-election';

/** The page's title is its one h1 (react-admin portals each page's <Title> into it). */
function PageTitle() {
  return (
    <Typography
      component="h1"
      variant="h6"
      color="inherit"
      id="react-admin-title"
      sx={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
    />
  );
}

/** The user menu's accessible name is the name it shows (WCAG 2.5.3, label in name). */
function CecUserMenu() {
  const { identity } = useGetIdentity();
  return <UserMenu label={identity?.fullName ?? 'ra.auth.user_menu'} />;
}

function CecAppBar() {
  const t = useTranslate();
  return (
    <AppBar color="primary" toolbar={<LocalesMenuButton />} userMenu={<CecUserMenu />}>
      <Typography
        variant="subtitle1"
        component="p"
        sx={{ mr: 2, whiteSpace: 'nowrap', display: { xs: 'none', md: 'block' } }}
      >
        {t('cec.app.short')}
      </Typography>
      <PageTitle />
      <ElectionSelect />
    </AppBar>
  );
}

function CecMenu() {
  const t = useTranslate();
  const { canAccess: triage } = useCanAccess({ resource: 'people', action: 'list' });
  return (
    <Menu>
      <Menu.Item to="/" primaryText={t('cec.menu.dashboard')} leftIcon={<DashboardIcon />} />
      {triage ? <Menu.Item to="/triage" primaryText={t('cec.menu.triage')} leftIcon={<GridOnIcon />} /> : null}
      <Menu.ResourceItems />
    </Menu>
  );
}

export function CecLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={CecAppBar} menu={CecMenu}>
      {children}
    </Layout>
  );
}
