/**
 * The bridge's one secret: a random token per start. Every request must carry it (Authorization
 * header, `?token=` for the first page load and EventSource, or the cookie the first load sets).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function createToken(): string {
  return randomBytes(32).toString('hex');
}

export type TokenSource = 'header' | 'query' | 'cookie';

/** The token a request presents and where it came from; the header wins over the others. */
export function presentedToken(
  req: IncomingMessage,
  url: URL,
  cookieName: string,
): { token: string; source: TokenSource } | null {
  const auth = req.headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    return match?.[1] ? { token: match[1], source: 'header' } : null;
  }
  const query = url.searchParams.get('token');
  if (query) return { token: query, source: 'query' };
  const cookie = readCookie(req.headers.cookie, cookieName);
  return cookie ? { token: cookie, source: 'cookie' } : null;
}

/** Constant-time comparison, so response timing does not leak the token byte by byte. */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are shared by every port of a host, so the name carries the port: two bridges never clash. */
export function cookieNameFor(port: number): string {
  return `studio_token_${port}`;
}

export function sessionCookie(name: string, token: string): string {
  return `${name}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
