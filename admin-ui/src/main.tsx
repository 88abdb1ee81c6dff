/**
 * Entry: one small module that loads the configuration and one of two sides, chosen by the hash:
 * `#/portal/...` is the organizations' portal (plain MUI), anything else the staff app (react-admin).
 * Each side is its own chunk, so a portal visitor never downloads react-admin.
 */
import { createRoot } from 'react-dom/client';
import { loadConfig } from './config';

const isPortal = () => window.location.hash.startsWith('#/portal');
const side = isPortal();

// Crossing from one side to the other (a link, a typed address) loads the other side afresh.
window.addEventListener('hashchange', () => {
  if (isPortal() !== side) window.location.reload();
});

const root = createRoot(document.getElementById('root')!);

async function boot() {
  if (side) {
    const [config, { PortalApp }] = await Promise.all([loadConfig(), import('./portal/portal-app')]);
    root.render(<PortalApp config={config} />);
  } else {
    const [config, { AdminApp }] = await Promise.all([loadConfig(), import('./admin/admin-app')]);
    root.render(<AdminApp config={config} />);
  }
}

boot().catch((err: unknown) => {
  root.render(<pre style={{ padding: 16, color: '#b71c1c' }}>{String(err)}</pre>);
});
