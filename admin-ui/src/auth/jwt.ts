/** Reads (never verifies) a JWT's claims: the API verifies tokens; the UI only needs groups and expiry. */
export type JwtClaims = Record<string, unknown> & { exp?: number; email?: string; sub?: string };

function base64UrlDecode(part: string): string {
  const b64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(b64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function decodeJwt(token: string): JwtClaims {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  return JSON.parse(base64UrlDecode(part)) as JwtClaims;
}

export function groupsOfClaims(claims: JwtClaims): string[] {
  const raw = claims['cognito:groups'];
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === 'string')
    return raw
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  return [];
}
