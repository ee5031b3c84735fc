import type { FastifyReply } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { roleLabels } from './role-labels.ts';
import { stylesheets } from './stylesheets.ts';
import { signInHref } from '../http/return-to.ts';
import { canAdministerUsers, hasClearanceQueue } from '../policy/policy.ts';
import { currentRequestContext, currentRequestUrl } from '../http/request-storage.ts';

/** A step of the breadcrumb trail above the page title; the last step is the page itself. */
export type Crumb = { href: string; label: string };

type NavigationItem = { href: string; label: string };

/**
 * The main navigation: the data, then the coordination work built on it (the Assessment, the
 * overlap report, recommendations, strategic plans), then the documentation. The clearance
 * queue is added for those who have one.
 */
const navigation: NavigationItem[] = [
  { href: '/programs', label: 'Programs' },
  { href: '/countries', label: 'Countries' },
  { href: '/regions', label: 'Regions' },
  { href: '/agencies', label: 'Agencies' },
  { href: '/assessment', label: 'Assessment' },
  { href: '/coordination/overlap', label: 'Overlaps' },
  { href: '/recommendations', label: 'Recommendations' },
  { href: '/strategic-plans', label: 'Strategic plans' },
  { href: '/about', label: 'About the data' },
  { href: '/docs', label: 'API' },
];

const clearanceItem: NavigationItem = { href: '/clearance', label: 'Clearance queue' };

function navigationFor(): NavigationItem[] {
  const viewer = currentRequestContext()?.viewer;
  if (viewer?.kind !== 'user' || !hasClearanceQueue(viewer)) return navigation;
  const at = navigation.findIndex((item) => item.href === '/about');
  return [...navigation.slice(0, at), clearanceItem, ...navigation.slice(at)];
}

/**
 * Who is signed in, read from the request being served (AsyncLocalStorage) so that no page has
 * to pass it down: "Sign in" for the public; name, role, account, admin and sign-out for users.
 * Sign-out is a POST form carrying the session's form token.
 */
function AccountBar() {
  const context = currentRequestContext();
  const viewer = context?.viewer;
  const items: ComponentChildren[] = [];
  if (viewer?.kind === 'user') {
    const { user } = viewer;
    items.push(<span>{`Signed in as ${user.name} (${roleLabels[user.role]})`}</span>, <a href="/account">Account</a>);
    if (hasClearanceQueue(viewer)) items.push(<a href="/clearance">Clearance</a>);
    if (canAdministerUsers(viewer)) items.push(<a href="/admin/users">Admin</a>);
    if (context?.session) {
      items.push(
        <form method="post" action="/sign-out" class="display-inline">
          <input type="hidden" name="_csrf" value={context.session.csrfToken} />
          <button type="submit" class="usa-button usa-button--unstyled font-sans-2xs">
            Sign out
          </button>
        </form>,
      );
    }
  } else if (viewer?.kind !== 'system') {
    const url = currentRequestUrl();
    items.push(<a href={url?.startsWith('/sign-in') ? '/sign-in' : signInHref(url)}>Sign in</a>);
  }
  if (items.length === 0) return null;
  return (
    <nav aria-label="Account" class="usa-nav-container">
      <ul class="usa-list usa-list--unstyled width-full display-flex flex-wrap flex-justify-end flex-align-center padding-y-1 font-sans-2xs">
        {items.map((item, index) => (
          <li key={index}>
            {index > 0 ? (
              <span aria-hidden="true" class="margin-x-1">
                ·
              </span>
            ) : null}
            {item}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Header(props: { current?: string }) {
  return (
    <header class="usa-header usa-header--basic ctip-header">
      <AccountBar />
      <div class="usa-nav-container">
        <div class="usa-navbar">
          <div class="usa-logo">
            <em class="usa-logo__text">
              <a href="/">ctip: anti-trafficking programs</a>
            </em>
          </div>
        </div>
        <nav aria-label="Main" class="usa-nav">
          <ul class="usa-nav__primary usa-accordion">
            {navigationFor().map((item) => {
              const current = props.current === item.href;
              return (
                <li class="usa-nav__primary-item" key={item.href}>
                  <a
                    class={current ? 'usa-nav-link usa-current' : 'usa-nav-link'}
                    href={item.href}
                    aria-current={current ? 'page' : undefined}
                  >
                    <span>{item.label}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </header>
  );
}

function Breadcrumbs(props: { trail: Crumb[]; title: string }) {
  return (
    <nav class="usa-breadcrumb" aria-label="Breadcrumbs">
      <ol class="usa-breadcrumb__list">
        {props.trail.map((crumb) => (
          <li class="usa-breadcrumb__list-item" key={crumb.href}>
            <a href={crumb.href} class="usa-breadcrumb__link">
              <span>{crumb.label}</span>
            </a>
          </li>
        ))}
        <li class="usa-breadcrumb__list-item usa-current" aria-current="page">
          <span>{props.title}</span>
        </li>
      </ol>
    </nav>
  );
}

function Footer() {
  return (
    <footer class="usa-footer usa-footer--slim">
      <div class="usa-footer__primary-section">
        <div class="grid-container">
          <nav aria-label="Footer">
            <ul class="ctip-footer-links">
              <li>
                <a href="/about">About the data, sources and licenses</a>
              </li>
              <li>
                <a href="/docs">API documentation</a>
              </li>
              <li>
                <a href="/glossary">Glossary</a>
              </li>
              <li>
                <a href="/data-dictionary">Data dictionary</a>
              </li>
              <li>
                <a href="/openapi.json">OpenAPI 3.1 description</a>
              </li>
            </ul>
          </nav>
        </div>
      </div>
      <div class="usa-footer__secondary-section">
        <div class="grid-container">
          <p>
            Data: U.S. anti-trafficking grants FY2001–2014 compiled by J. Kelley and A. Heiss for <cite>Scorecard Diplomacy</cite> (2017),
            MIT license. Amounts are obligations (money committed), not disbursements.
          </p>
        </div>
      </div>
    </footer>
  );
}

/**
 * The page frame shared by every server-rendered page: skip link, header with the main
 * navigation, optional breadcrumbs, one <main>, footer. Text is escaped by the renderer; no
 * script is needed for anything on the page.
 */
export function Layout(props: { title: string; children: ComponentChildren; current?: string; breadcrumbs?: Crumb[] }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ctip`}</title>
        <link rel="icon" href="/favicon.ico" />
        <link rel="stylesheet" href={stylesheets().uswds.href} />
        <link rel="stylesheet" href={stylesheets().site.href} />
      </head>
      <body>
        <a class="usa-skipnav" href="#main-content">
          Skip to main content
        </a>
        <Header current={props.current} />
        <main id="main-content" class="grid-container ctip-main" tabindex={-1}>
          {props.breadcrumbs ? <Breadcrumbs trail={props.breadcrumbs} title={props.title} /> : null}
          {props.children}
        </main>
        <Footer />
      </body>
    </html>
  );
}

/** Renders a page component to a complete HTML document. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Sends a rendered page as HTML with the given status. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderPage(page));
}
