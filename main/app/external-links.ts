/**
 * The web pages the desktop app may open in the user's browser. `shell.openExternal` hands a URL
 * to the operating system, so a page script that could open any https URL could send the user
 * anywhere (a look-alike download page, a URL that leaks data in its query). The app opens only
 * the pages listed here, compared as whole URLs; everything else is refused and logged.
 *
 * The UI links to no outside page today except the OWASP page that explains why CSV text cells
 * get a leading `'` (formula escaping). Add a page here when the UI starts linking to it.
 */
export const EXTERNAL_LINKS: readonly string[] = ['https://owasp.org/www-community/attacks/CSV_Injection'];

/** Whether `url` is exactly one of `allowed` (after URL parsing: no credentials, no extra query). */
export function isAllowedExternalUrl(url: string, allowed: readonly string[] = EXTERNAL_LINKS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  const normal = `${parsed.origin}${parsed.pathname}${parsed.search}`;
  return allowed.some((entry) => {
    const wanted = new URL(entry);
    return normal === `${wanted.origin}${wanted.pathname}${wanted.search}`;
  });
}
