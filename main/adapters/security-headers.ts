/**
 * The Content-Security-Policy for the renderer, wherever it is served from (app:// in Electron,
 * the loopback bridge in a browser). Everything comes from the app's own origin: no remote
 * scripts, styles, fonts or connections, no inline scripts, no plugins, no framing.
 * Keep it in step with the meta tag in renderer/index.html (the header is the stricter of the two).
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every renderer file. */
export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
