/**
 * The portal's navigation: one small module the app shell and its pages both use, so pages never
 * import the shell (a hash router of three routes needs no library).
 */
import { useEffect, useState } from 'react';

export function navigate(path: string) {
  window.location.hash = `#/portal${path}`;
}

export const readPath = () => window.location.hash.replace(/^#\/portal/, '') || '/';

export function useHashPath(): string {
  const [path, setPath] = useState(readPath);
  useEffect(() => {
    const on = () => setPath(readPath());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return path;
}
