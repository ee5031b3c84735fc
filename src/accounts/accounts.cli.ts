import os from 'node:os';
import type { Command } from 'commander';
import { printResult, reportCliError, withDatabase, cliContext } from '../cli/cli-context.ts';
import { inTransaction } from '../db/transaction.ts';

import { roles, systemViewer, type Actor, type Role } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { auditQuerySchema } from './accounts.schemas.ts';
import { auditFilters, auditTrailCsv } from './audit-csv.ts';
import { listAuditTrail } from './audit.service.ts';
import { generatePassword } from './passwords.ts';
import { createApiToken, listApiTokens, revokeApiToken, tokenScopes, type TokenScope } from './tokens.service.ts';
import { createUser, disableUser, getUser, listUsers, setUserRole, userInputSchema, type UserSummary } from './users.service.ts';

/** The person at the server's terminal, as the audit trail names them. */
export function accountsCliActor(): Actor {
  return { name: `cli:${os.userInfo().username}`, door: 'cli' };
}

function invalid(message: string): AppError {
  return new AppError({ code: 'VALIDATION_FAILED', message });
}

function parseRole(text: string): Role {
  if (!(roles as readonly string[]).includes(text)) throw invalid(`The role must be one of ${roles.join(', ')}, not '${text}'`);
  return text as Role;
}

function parsePositiveInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) === 0) throw invalid(`${flag} must be a positive whole number, not '${text}'`);
  return Number(text);
}

async function readPasswordFromStdin(): Promise<string> {
  const { stdin } = cliContext();
  if (stdin.isTTY) throw invalid('--password-stdin reads the password from a pipe: printf %s "$PASSWORD" | ctip users add …');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin.read()) chunks.push(chunk);
  // One trailing newline is what `echo` adds; the password itself is everything before it.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Runs one command: errors become a clear line and the exit code of their AppError code. */
async function run(json: boolean, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    reportCliError(error, { json });
  }
}

const userLine = (user: UserSummary) =>
  `${String(user.id).padStart(5)}  ${user.email.padEnd(36)} ${user.role.padEnd(14)} ${user.agencyId ?? (user.organizationId ? `org ${user.organizationId}` : '—')}${user.disabled ? '  (disabled)' : ''}  ${user.name}`;

type AddOptions = {
  email: string;
  name: string;
  role: string;
  agency?: string;
  organization?: string;
  passwordStdin?: boolean;
  json: boolean;
};

function registerUserAdd(users: Command): void {
  users
    .command('add')
    .description('Add a user; without --password-stdin a strong password is generated and printed once')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .requiredOption('--role <role>', roles.join(' | '))
    .option('--agency <id>', 'the agency (agency_editor, agency_viewer)')
    .option('--organization <id>', 'the organization (ngo_manager)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print JSON', false)
    .action((options: AddOptions) =>
      run(options.json, async () => {
        const parsed = userInputSchema.safeParse({
          email: options.email,
          name: options.name,
          role: parseRole(options.role),
          agencyId: options.agency ?? null,
          organizationId: parsePositiveInteger(options.organization, '--organization') ?? null,
        });
        if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => `--${String(issue.path[0])} ${issue.message}`).join('; '));
        const password = options.passwordStdin ? await readPasswordFromStdin() : generatePassword();
        const user = await withDatabase(({ db }) =>
          inTransaction(db, (tx) => createUser({ db: tx, input: parsed.data, password, actor: accountsCliActor() })),
        );
        const generated = options.passwordStdin ? {} : { generatedPassword: password };
        printResult({
          json: options.json,
          data: { user, ...generated },
          text: () =>
            [
              `Added ${user.email} (${user.role}), user #${user.id}.`,
              ...(options.passwordStdin ? [] : [`Password (shown once; ask them to change it): ${password}`]),
            ].join('\n'),
        });
      }),
    );
}

function registerUserCommands(program: Command): void {
  const users = program.command('users').description('People who sign in: add, list, change role, disable');
  registerUserAdd(users);
  users
    .command('list')
    .description('List every user')
    .option('--json', 'print JSON', false)
    .action((options: { json: boolean }) =>
      run(options.json, async () => {
        const items = await withDatabase(({ db }) => listUsers({ db, viewer: systemViewer }));
        printResult({
          json: options.json,
          data: { items },
          text: () => (items.length ? items.map(userLine).join('\n') : 'No users yet: ctip users add --role admin …'),
        });
      }),
    );
  users
    .command('role <email> <role>')
    .description("Change a user's role (their sessions end)")
    .option('--agency <id>')
    .option('--organization <id>')
    .option('--json', 'print JSON', false)
    .action((email: string, roleText: string, options: { agency?: string; organization?: string; json: boolean }) =>
      run(options.json, async () => {
        const role = parseRole(roleText);
        const organizationId = parsePositiveInteger(options.organization, '--organization');
        const user = await withDatabase(({ db }) =>
          inTransaction(db, (tx) =>
            setUserRole({ db: tx, user: email, role, agencyId: options.agency, organizationId, actor: accountsCliActor() }),
          ),
        );
        printResult({ json: options.json, data: user, text: () => `${user.email} is now ${user.role}.` });
      }),
    );
  users
    .command('disable <email>')
    .description('Disable a user: sessions end, tokens stop working, the record stays for the audit trail')
    .option('--json', 'print JSON', false)
    .action((email: string, options: { json: boolean }) =>
      run(options.json, async () => {
        const user = await withDatabase(({ db }) =>
          inTransaction(db, (tx) => disableUser({ db: tx, user: email, actor: accountsCliActor() })),
        );
        printResult({ json: options.json, data: user, text: () => `${user.email} is disabled.` });
      }),
    );
}

function parseScopes(text: string): TokenScope[] {
  const scopes = [
    ...new Set(
      text
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = scopes.filter((scope) => !(tokenScopes as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length)
    throw invalid(`--scopes must be among ${tokenScopes.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}`);
  return scopes as TokenScope[];
}

type TokenCreateOptions = { user: string; name: string; scopes: string; days: string; json: boolean };

function registerTokenCommands(program: Command): void {
  const tokens = program.command('tokens').description('API tokens for scripts (Authorization: Bearer …)');
  tokens
    .command('create')
    .description('Create a token; the secret is printed once')
    .requiredOption('--user <email>')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--scopes <list>', 'read, write or read,write', 'read')
    .option('--days <n>', 'days until it expires (1 to 366)', '90')
    .option('--json', 'print JSON', false)
    .action((options: TokenCreateOptions) =>
      run(options.json, async () => {
        const scopes = parseScopes(options.scopes);
        const days = parsePositiveInteger(options.days, '--days')!;
        const name = options.name.trim();
        if (!name) throw invalid('--name must not be empty');
        const created = await withDatabase(({ db }) =>
          inTransaction(db, (tx) =>
            createApiToken({ db: tx, userEmail: options.user, name, scopes, expiresInDays: days, actor: accountsCliActor() }),
          ),
        );
        printResult({
          json: options.json,
          data: created,
          text: () =>
            `Token #${created.summary.id} (${scopes.join(',')}) expires ${created.summary.expiresAt}. The secret, shown once:\n${created.token}`,
        });
      }),
    );
  tokens
    .command('list')
    .description('List tokens (never their secrets)')
    .option('--user <email>')
    .option('--json', 'print JSON', false)
    .action((options: { user?: string; json: boolean }) =>
      run(options.json, async () => {
        const items = await withDatabase(async ({ db }) =>
          listApiTokens({ db, userId: options.user ? (await getUser({ db, user: options.user })).id : undefined }),
        );
        printResult({
          json: options.json,
          data: { items },
          text: () =>
            items.length
              ? items
                  .map(
                    (token) =>
                      `${String(token.id).padStart(5)}  user #${token.userId}  ${token.scopes.join(',').padEnd(10)} ${token.revoked ? 'revoked' : `expires ${token.expiresAt}`}  ${token.name}`,
                  )
                  .join('\n')
              : 'No API tokens.',
        });
      }),
    );
  tokens
    .command('revoke <id>')
    .description('Revoke a token at once')
    .option('--json', 'print JSON', false)
    .action((idText: string, options: { json: boolean }) =>
      run(options.json, async () => {
        const id = parsePositiveInteger(idText, 'The token id')!;
        const token = await withDatabase(({ db }) => inTransaction(db, (tx) => revokeApiToken({ db: tx, id, actor: accountsCliActor() })));
        printResult({ json: options.json, data: token, text: () => `Token #${token.id} (${token.name}) is revoked.` });
      }),
    );
}

type AuditOptions = { entity?: string; id?: string; since?: string; limit?: string; json: boolean; csv: boolean };

function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('The audit trail, newest first: who changed what, when, through which door')
    .option('--entity <type>', 'program, user, api-token, …')
    .option('--id <id>', 'one record')
    .option('--since <date>', 'YYYY-MM-DD')
    .option('--limit <n>', 'at most this many entries', '1000')
    .option('--json', 'print JSON', false)
    .option('--csv', 'print CSV (the auditors’ export, formula-safe)', false)
    .action((options: AuditOptions) =>
      run(options.json, async () => {
        if (options.json && options.csv) throw invalid('Choose --json or --csv, not both');
        const parsed = auditQuerySchema.safeParse({ entity: options.entity, id: options.id, since: options.since, limit: options.limit });
        if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => `--${String(issue.path[0])} ${issue.message}`).join('; '));
        const entries = await withDatabase(({ db }) => listAuditTrail({ db, viewer: systemViewer, ...auditFilters(parsed.data) }));
        if (options.csv) {
          cliContext().stdout.write(auditTrailCsv(entries));
          return;
        }
        printResult({
          json: options.json,
          data: { items: entries },
          text: () =>
            entries.length
              ? entries
                  .map(
                    (entry) =>
                      `${entry.occurredAt}  ${entry.door.padEnd(6)} ${entry.actor.padEnd(30)} ${entry.action.padEnd(16)} ${entry.entityType}${entry.entityId ? ` ${entry.entityId}` : ''}`,
                  )
                  .join('\n')
              : 'No entries.',
        });
      }),
    );
}

/** Adds `ctip users add|list|role|disable`, `ctip tokens create|list|revoke` and `ctip audit`. */
export function registerAccountCommands(program: Command): void {
  registerUserCommands(program);
  registerTokenCommands(program);
  registerAuditCommand(program);
}
