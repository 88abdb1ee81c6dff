/** The staff app's frame: the app bar carries the election selector and the language switcher. */
import DashboardIcon from '@mui/icons-material/Dashboard';
import GridOnIcon from '@mui/icons-material/GridOn';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { AppBar, Layout, LocalesMenuButton, Menu, TitlePortal, useCanAccess, useTranslate } from 'react-admin';
import { ElectionSelect } from './current-election';

function CecAppBar() {
  const t = useTranslate();
  return (
    <AppBar color="primary" toolbar={<LocalesMenuButton />}>
      <Typography variant="subtitle1" sx={{ mr: 2, whiteSpace: 'nowrap', display: { xs: 'none', md: 'block' } }}>
        {t('cec.app.short')}
      </Typography>
      <TitlePortal />
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
