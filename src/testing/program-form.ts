import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { signIn } from '../accounts/sessions.service.ts';
import { SignInThrottle } from '../accounts/sign-in-throttle.ts';
import { createUser, type UserInput } from '../accounts/users.service.ts';
import type { Database } from '../db/database.ts';
import { sessionCookieName } from '../http/request-context.ts';
import { testActor } from './fixtures.ts';

const password = 'a long enough test password';

/** A signed-in browser: the session cookie and the form token its pages carry. */
export type Session = { cookies: Record<string, string>; csrfToken: string; email: string };

/**
 * Creates a user and opens a session through the accounts service, as the sign-in page does;
 * the tests do not depend on the sign-in page itself.
 */
export async function signedInUser(db: Database, input: UserInput): Promise<Session> {
  await createUser({ db, input, password, actor: testActor });
  const session = await signIn({
    db,
    email: input.email,
    password,
    clientAddress: '127.0.0.1',
    throttle: new SignInThrottle({ db }),
    door: 'web',
  });
  return { cookies: { [sessionCookieName]: session.sessionToken }, csrfToken: session.csrfToken, email: input.email };
}

/** Posts a urlencoded form as a browser would (repeated names for checkboxes), with the session's cookie. */
export function postForm(
  app: FastifyInstance,
  url: string,
  session: Session | undefined,
  fields: [string, string][],
): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams(fields).toString();
  return app.inject({
    method: 'POST',
    url,
    cookies: session?.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body,
  });
}

/** The name/value pairs a browser would submit from the page's form posting to `action` (buttons left out). */
export function formFields(html: string, action: string): [string, string][] {
  const start = html.indexOf(`<form method="post" action="${action}"`);
  const form = start < 0 ? '' : html.slice(start, html.indexOf('</form>', start));
  const fields: [string, string][] = [];
  const decode = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  for (const match of form.matchAll(/<input\b([^>]*)>/g)) {
    const attributes = match[1]!;
    const name = /\bname="([^"]*)"/.exec(attributes)?.[1];
    if (!name) continue;
    const type = /\btype="([^"]*)"/.exec(attributes)?.[1] ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(attributes)) continue;
    fields.push([decode(name), decode(/\bvalue="([^"]*)"/.exec(attributes)?.[1] ?? '')]);
  }
  for (const match of form.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g))
    fields.push([decode(match[1]!), decode(match[2]!)]);
  for (const match of form.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    // The renderer writes an empty value as a bare `value` attribute.
    const options = [...match[2]!.matchAll(/<option value(?:="([^"]*)")?([^>]*)>/g)];
    const selected = options.find((option) => /\bselected\b/.test(option[2]!)) ?? options[0];
    fields.push([decode(match[1]!), decode(selected?.[1] ?? '')]);
  }
  return fields;
}

/** Replaces (or adds) the value of a field in a list of form fields. */
export function withField(fields: [string, string][], name: string, value: string): [string, string][] {
  const rest = fields.filter(([key]) => key !== name);
  return [...rest, [name, value]];
}

/** The fields of a new program as a person fills the form in. */
export function newProgramFields(overrides: Record<string, string> = {}): [string, string][] {
  const fields: Record<string, string> = {
    title: 'Hotline for survivors of forced labor in Nepal',
    description: 'A national hotline and referral network.',
    fundingAgencyId: 'state-tip',
    status: 'proposed',
    visibility: 'restricted',
    startDate: '2024-10-01',
    endDate: '2025-09-30',
    'partners.0.name': 'International Organization for Migration',
    'partners.0.role': 'prime',
    'partners.1.name': '',
    'partners.1.role': 'prime',
    'places.0.country': 'NPL',
    'places.0.region': '',
    'places.0.share': '100',
    'obligations.0.fiscalYear': '2025',
    'obligations.0.amount': '1,234.56',
    'obligations.0.note': '',
    'obligations.1.fiscalYear': '2026',
    'obligations.1.amount': '',
    'obligations.1.note': 'Depends on the appropriation',
    emptyRows: '3',
    ...overrides,
  };
  return [...Object.entries(fields), ['pillars', 'protection'], ['pillars', 'prevention'], ['assistanceTypes', 'hotlines']];
}
