import type { Command } from 'commander';
import type { z } from 'zod';
import { printResult, reportCliError, withDatabase } from '../cli/cli-context.ts';
import type { Database } from '../db/database.ts';
import { cliActor } from '../cli/cli-actor.ts';
import { describeFlagIssue } from '../cli/cli-validation.ts';
import { systemViewer, type Actor, type Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { actingAs } from './acting-user.ts';
import {
  clearanceDecisionInputSchema,
  clearanceIdSchema,
  clearanceReplyInputSchema,
  clearanceResponseInputSchema,
  submitClearanceInputSchema,
  type ClearanceDetail,
  type ClearanceQueueItem,
  type Notification,
} from './clearance.schemas.ts';
import {
  decideClearance,
  getClearance,
  listClearanceQueue,
  listNotifications,
  replyAsProposer,
  respondToClearance,
  submitForClearance,
} from './clearance.service.ts';

type Common = { as?: string; json: boolean };
type Who = { db: Database; viewer: Viewer; actor: Actor };

/** How each input field is given on the command line, to name it in errors. */
const flags: Record<string, string> = {
  programId: 'PROGRAM_ID',
  dueDate: '--due',
  kind: '--kind',
  text: '--text',
  decision: '--decision',
  reasons: '--reasons',
};

/** Validates with the API's schema; a refusal names the flag. */
function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => {
    const field = flags[String(issue.path[0])] ?? String(issue.path[0] ?? '');
    return { field, message: describeFlagIssue(issue, field) };
  });
  throw new AppError({ code: 'VALIDATION_FAILED', message: 'Invalid arguments', details });
}

function clearanceId(text: string): number {
  if (!/^\d{1,10}$/.test(text))
    throw new AppError({ code: 'VALIDATION_FAILED', message: `The clearance id must be a positive whole number, not '${text}'` });
  return parse(clearanceIdSchema, text);
}

/**
 * Opens the database, resolves who acts (the person of `--as`, or the operator at the server's
 * terminal), runs the work and prints its result; errors map to exit codes.
 */
async function run<T>(options: Common, work: (who: Who) => Promise<T>, text: (data: T) => string): Promise<void> {
  try {
    const data = await withDatabase(async ({ db }) => {
      const who = options.as ? await actingAs({ db, email: options.as, door: 'cli' }) : { viewer: systemViewer, actor: cliActor() };
      return work({ db, ...who });
    });
    printResult({ json: options.json, data, text: () => text(data) });
  } catch (error) {
    reportCliError(error, { json: options.json });
  }
}

/** A clearance in a few lines: facts, positions, the exchange and the decision. */
export function formatClearance(clearance: ClearanceDetail): string {
  const lines = [
    `Clearance #${clearance.id} [${clearance.status}] program ${clearance.programId}: ${clearance.programTitle}`,
    `  proposed by ${clearance.proposerAgencyId}, circulated by ${clearance.circulatedBy} ${clearance.circulatedAt.slice(0, 10)}, due ${clearance.dueDate}`,
    `  positions: ${clearance.circulatedTo.map((entry) => `${entry.agencyId} ${entry.position ?? '—'}`).join(', ')}`,
    ...clearance.responses.map(
      (response) =>
        `  ${response.respondedAt.slice(0, 10)} ${response.agencyId} ${response.kind} (${response.respondedBy}): ${response.text}`,
    ),
    ...clearance.replies.map((reply) => `  ${reply.repliedAt.slice(0, 10)} reply (${reply.repliedBy}): ${reply.text}`),
  ];
  if (clearance.decision)
    lines.push(
      `  ${clearance.decision.outcome} by ${clearance.decision.decidedBy} ${clearance.decision.decidedAt.slice(0, 10)}: ${clearance.decision.reasons}`,
    );
  return lines.join('\n');
}

function queueLine(item: ClearanceQueueItem): string {
  const part =
    item.role === 'reviewer'
      ? `${item.agencyId} ${item.responded ? 'responded' : 'to respond'}`
      : item.role === 'proposer'
        ? 'your proposal'
        : 'to decide';
  return `#${item.reviewId}  due ${item.dueDate}${item.overdue ? ' OVERDUE' : ''}  [${item.status}] ${part}: ${item.programTitle} (${item.proposerAgencyId})`;
}

const notificationLine = (item: Notification) =>
  `${item.readAt ? ' ' : '*'} ${item.createdAt.slice(0, 16).replace('T', ' ')}  ${item.message}`;

const withCommon = (command: Command) =>
  command
    .option('--as <email>', 'act as this person (their role and agency); without it, as the operator')
    .option('--json', 'print JSON', false);

function registerWrites(clearance: Command): void {
  withCommon(
    clearance
      .command('submit <programId>')
      .description('Circulate a proposed, restricted program to the SPOG member agencies')
      .option('--due <date>', 'responses due by YYYY-MM-DD (default: two weeks)'),
  ).action((programId: string, options: Common & { due?: string }) =>
    run(
      options,
      (who) =>
        submitForClearance({
          ...who,
          input: parse(submitClearanceInputSchema, {
            programId: /^\d{1,10}$/.test(programId) ? Number(programId) : programId,
            dueDate: options.due,
          }),
        }),
      formatClearance,
    ),
  );
  withCommon(clearance.command('respond <id>').description("Record a member agency's concurrence, comment or objection (needs --as)"))
    .requiredOption('--kind <kind>', 'concurrence | comment | objection')
    .requiredOption('--text <text>', 'the response')
    .action((id: string, options: Common & { kind: string; text: string }) =>
      run(
        options,
        (who) => {
          if (!options.as)
            throw new AppError({ code: 'VALIDATION_FAILED', message: 'A response is an agency’s: say whose with --as EMAIL' });
          return respondToClearance({
            ...who,
            reviewId: clearanceId(id),
            input: parse(clearanceResponseInputSchema, { kind: options.kind, text: options.text }),
          });
        },
        formatClearance,
      ),
    );
  withCommon(clearance.command('reply <id>').description("The proposer's answer to the members"))
    .requiredOption('--text <text>', 'the reply')
    .action((id: string, options: Common & { text: string }) =>
      run(
        options,
        (who) =>
          replyAsProposer({ ...who, reviewId: clearanceId(id), text: parse(clearanceReplyInputSchema, { text: options.text }).text }),
        formatClearance,
      ),
    );
  withCommon(clearance.command('decide <id>').description('Clear or return a proposal, with the reasons'))
    .requiredOption('--decision <decision>', 'clear | return')
    .requiredOption('--reasons <text>', 'why')
    .action((id: string, options: Common & { decision: string; reasons: string }) =>
      run(
        options,
        (who) =>
          decideClearance({
            ...who,
            reviewId: clearanceId(id),
            input: parse(clearanceDecisionInputSchema, { decision: options.decision, reasons: options.reasons }),
          }),
        formatClearance,
      ),
    );
}

function registerReads(clearance: Command): void {
  withCommon(clearance.command('show <id>').description('A clearance with its responses, replies and decision')).action(
    (id: string, options: Common) => run(options, (who) => getClearance({ ...who, reviewId: clearanceId(id) }), formatClearance),
  );
  withCommon(clearance.command('queue').description('What awaits the agency of --as (the operator: every open clearance)')).action(
    (options: Common) =>
      run(
        options,
        async (who) => ({ items: await listClearanceQueue(who) }),
        (data) => (data.items.length ? data.items.map(queueLine).join('\n') : 'Nothing awaits.'),
      ),
  );
  withCommon(clearance.command('notifications').description('The notifications of the agency of --as, newest first (* unread)')).action(
    (options: Common) =>
      run(
        options,
        async (who) => ({ items: await listNotifications(who) }),
        (data) =>
          data.items.length
            ? data.items.map(notificationLine).join('\n')
            : options.as
              ? 'No notifications.'
              : 'The operator has no agency and no notifications; use --as EMAIL.',
      ),
  );
}

/** Adds `ctip clearance submit|show|respond|reply|decide|queue|notifications`. */
export function registerClearanceCommands(program: Command): void {
  const clearance = program.command('clearance').description('Interagency clearance of proposals among the SPOG member agencies');
  registerWrites(clearance);
  registerReads(clearance);
}
