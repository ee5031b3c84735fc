import type { LightMyRequestResponse } from 'fastify';
import { injectAs, type RoleKey, type RoleWorld } from './role-fixtures.ts';
import { formBody } from './web-session.ts';

/**
 * Posts a form as a browser holding the role's session does: the cookie, and the form token in
 * the body (`_csrf`) unless `csrf` is false or another value. A token role sends its bearer token.
 */
export function postPageForm(
  world: RoleWorld,
  role: RoleKey,
  url: string,
  fields: Record<string, string | string[]>,
  csrf?: string | false,
): Promise<LightMyRequestResponse> {
  const credentials = world.credentials[role];
  const token = csrf === undefined ? credentials.csrfToken : csrf;
  const payload = formBody(token ? { ...fields, _csrf: token } : fields);
  // Without csrfToken injectAs adds no header: the body's field is the only proof, as in a browser.
  return injectAs(
    world.app,
    { ...credentials, csrfToken: undefined },
    { method: 'POST', url, payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  );
}

/** A page as the role sees it. */
export function getAs(world: RoleWorld, role: RoleKey, url: string): Promise<LightMyRequestResponse> {
  return injectAs(world.app, world.credentials[role], { url });
}

/** The problems listed in the page's error summary, one a line ('' when there is none). */
export function errorSummary(html: string): string {
  const summary = /<div class="usa-alert usa-alert--error" role="alert">([\s\S]*?)<\/div><\/div>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((item) => item[1]!.replace(/<[^>]+>/g, '')).join('\n');
}
