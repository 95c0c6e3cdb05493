/**
 * The frame every self-contained report shares: a strict CSP (no network, no script), inline CSS,
 * one `<main>`; and its sections.
 */
import { esc } from './svg/text';
import { REPORT_CSS } from './styles';

export function reportPage(title: string, body: string, extraCss = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${REPORT_CSS}${extraCss}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function section(title: string, content: string): string {
  return `<section><h2>${esc(title)}</h2>${content}</section>`;
}
