import { REPORT_CSS } from './report-style.js';
import { html, trustedHtml, type SafeHtml } from './safe-html.js';

/**
 * A whole self-contained page around a report's body: inline style, no script, no font or image
 * to fetch, so it opens offline from a file.
 * @example reportPage('bank · hilo report', html`<h1>bank</h1>`).value
 * Complexity: O(size of the body).
 */
export function reportPage(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="hilo" />
        <title>${title}</title>
        <style>
          ${trustedHtml(REPORT_CSS)}
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html> `;
}
