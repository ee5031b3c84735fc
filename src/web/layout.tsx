import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** The page frame shared by every server-rendered page. Text is escaped by the renderer. */
export function Layout(props: { title: string; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ctip`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="site-header">
          <a href="/" class="site-name">
            ctip
          </a>
          <span class="site-tagline">Combating trafficking in persons: who funds what, where</span>
        </header>
        <main id="main">{props.children}</main>
        <footer class="site-footer">
          <p>
            Data: U.S. anti-trafficking grants FY2001–2014 compiled for J. Kelley, <cite>Scorecard Diplomacy</cite> (2017), MIT
            license. <a href="/docs">API documentation</a> · <a href="/openapi.json">OpenAPI 3.1</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page component to a complete HTML document. */
export function renderPage(page: preact.VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
