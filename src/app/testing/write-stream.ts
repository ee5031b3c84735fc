/**
 * The stream of API writes the kill test aims SIGKILL at: program creates and updates, and a
 * proposal's clearance steps (circulate, respond, reply, decide), sent by a few concurrent
 * writers with bearer tokens. Every write carries a unique tag (the program title, or the text
 * of a step) so the checks can tell which write put what in the database, and whether it was
 * acknowledged (a 2xx answer) before the server died.
 */

export type StreamTokens = { editor: string; member: string; coordinator: string };

/** What a program write sends, kept by its tag (the title) to compare with the database. */
export type ProgramPayload = { obligations: { fiscalYear: number; amountCents: number }[]; places: string[] };

export type ProgramWrite = { kind: 'create' | 'update'; tag: string; programId?: number; acknowledged: boolean; restricted: boolean };
export type StepWrite = {
  kind: 'circulate' | 'respond' | 'reply' | 'decide';
  reviewId?: number;
  programId: number;
  text: string;
  outcome?: 'cleared' | 'returned';
  acknowledged: boolean;
};

/** What the database held after the last check: the targets the next round writes to. */
export type StreamTargets = {
  /** Public programs and their current version. */
  programs: Map<number, number>;
  /** Restricted proposals that can be circulated. */
  proposals: number[];
  /** Open clearances. */
  reviews: number[];
};

export type RoundLog = { programWrites: ProgramWrite[]; stepWrites: StepWrite[]; answered: number; refused: number; unanswered: number };

export function createRoundLog(): RoundLog {
  return { programWrites: [], stepWrites: [], answered: 0, refused: 0, unanswered: 0 };
}

const countries = ['NPL', 'KHM', 'THA', 'IND', 'MEX'];

/** Every tag ever sent, with what it sent: the checks compare the database with these. */
export const sentPayloads = new Map<string, ProgramPayload>();

function buildPayload(random: () => number): ProgramPayload {
  const years = [2004, 2005, 2006].slice(0, 1 + Math.floor(random() * 3));
  return {
    obligations: years.map((fiscalYear) => ({ fiscalYear, amountCents: 100 + Math.floor(random() * 1_000_000_000) })),
    places: [countries[Math.floor(random() * countries.length)]!],
  };
}

function programBody(tag: string, payload: ProgramPayload, restricted: boolean) {
  return {
    title: tag,
    description: 'A program written by the kill test.',
    fundingAgencyId: 'state-tip',
    status: restricted ? 'proposed' : 'active',
    visibility: restricted ? 'restricted' : 'public',
    startDate: '2004-01-01',
    endDate: '2006-09-30',
    partners: [],
    places: payload.places.map((countryCode) => ({ countryCode })),
    obligations: payload.obligations.map((obligation) => ({ ...obligation, amountNote: null })),
    assistanceTypes: [],
    pillars: ['protection'],
    traffickingForms: [],
    targetGroups: [],
  };
}

/**
 * Sends writes to `baseUrl` with `writers` concurrent writers until `stop()` says so; a write
 * whose answer never came (the server died) counts as unanswered, never as acknowledged. One
 * write per target at a time, so each target's writes have one order.
 */
export async function runWriteStream(options: {
  baseUrl: string;
  tokens: StreamTokens;
  targets: StreamTargets;
  random: () => number;
  round: number;
  writers: number;
  stopped: () => boolean;
  /** Filled as the writes go, so the caller can aim its kill at the n-th answer. */
  log: RoundLog;
}): Promise<RoundLog> {
  const { targets, random, tokens, log } = options;
  const busy = new Set<string>();
  let serial = 0;

  async function send(
    token: string,
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: any } | undefined> {
    try {
      const response = await fetch(`${options.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const json = await response.json().catch(() => undefined);
      if (response.ok) log.answered += 1;
      else log.refused += 1;
      return { status: response.status, json };
    } catch {
      log.unanswered += 1;
      return undefined;
    }
  }

  function take<T>(items: T[], key: (item: T) => string): T | undefined {
    const free = items.filter((item) => !busy.has(key(item)));
    return free.length ? free[Math.floor(random() * free.length)] : undefined;
  }

  async function createProgram(restricted: boolean): Promise<void> {
    const tag = `crash-${options.round}-${++serial}-${Math.floor(random() * 1e9)}`;
    const payload = buildPayload(random);
    sentPayloads.set(tag, payload);
    const write: ProgramWrite = { kind: 'create', tag, acknowledged: false, restricted };
    log.programWrites.push(write);
    const answer = await send(tokens.editor, 'POST', '/api/programs', programBody(tag, payload, restricted));
    if (answer?.status === 201) {
      write.acknowledged = true;
      write.programId = answer.json.id;
      if (restricted) targets.proposals.push(answer.json.id);
      else targets.programs.set(answer.json.id, answer.json.version);
    }
  }

  async function updateProgram(id: number): Promise<void> {
    const tag = `crash-${options.round}-${++serial}-${Math.floor(random() * 1e9)}`;
    const payload = buildPayload(random);
    sentPayloads.set(tag, payload);
    const write: ProgramWrite = { kind: 'update', tag, programId: id, acknowledged: false, restricted: false };
    log.programWrites.push(write);
    const answer = await send(tokens.editor, 'PUT', `/api/programs/${id}`, programBody(tag, payload, false), {
      'if-match': `"v${targets.programs.get(id)}"`,
    });
    if (answer?.status === 200) {
      write.acknowledged = true;
      targets.programs.set(id, answer.json.version);
    }
  }

  async function step(write: StepWrite, token: string, path: string, body: unknown, onAnswer?: (json: any) => void): Promise<void> {
    log.stepWrites.push(write);
    const answer = await send(token, 'POST', path, body);
    if (answer && answer.status >= 200 && answer.status < 300) {
      write.acknowledged = true;
      onAnswer?.(answer.json);
    }
  }

  async function writeOnce(): Promise<void> {
    const choice = random();
    const text = `step ${options.round}-${++serial}-${Math.floor(random() * 1e9)}`;
    if (choice < 0.3) return createProgram(false);
    if (choice < 0.55) {
      const id = take([...targets.programs.keys()], String);
      if (id === undefined) return createProgram(false);
      busy.add(String(id));
      return updateProgram(id).finally(() => busy.delete(String(id)));
    }
    if (choice < 0.65) return createProgram(true);
    if (choice < 0.75) {
      const programId = take(targets.proposals, (id) => `p${id}`);
      if (programId === undefined) return createProgram(true);
      targets.proposals.splice(targets.proposals.indexOf(programId), 1);
      const write: StepWrite = { kind: 'circulate', programId, text, acknowledged: false };
      return step(write, tokens.editor, '/api/coordination/clearances', { programId }, (json) => {
        targets.reviews.push(json.id);
        write.reviewId = json.id;
      });
    }
    const reviewId = take(targets.reviews, (id) => `r${id}`);
    if (reviewId === undefined) return createProgram(false);
    busy.add(`r${reviewId}`);
    try {
      if (choice < 0.87) {
        await step(
          { kind: 'respond', reviewId, programId: 0, text, acknowledged: false },
          tokens.member,
          `/api/coordination/clearances/${reviewId}/responses`,
          { kind: random() < 0.5 ? 'concurrence' : 'comment', text },
        );
      } else if (choice < 0.94) {
        await step(
          { kind: 'reply', reviewId, programId: 0, text, acknowledged: false },
          tokens.editor,
          `/api/coordination/clearances/${reviewId}/replies`,
          { text },
        );
      } else {
        const outcome = random() < 0.5 ? 'cleared' : 'returned';
        targets.reviews.splice(targets.reviews.indexOf(reviewId), 1);
        await step(
          { kind: 'decide', reviewId, programId: 0, text, outcome, acknowledged: false },
          tokens.coordinator,
          `/api/coordination/clearances/${reviewId}/decision`,
          { decision: outcome === 'cleared' ? 'clear' : 'return', reasons: text },
        );
      }
    } finally {
      busy.delete(`r${reviewId}`);
    }
  }

  await Promise.all(
    Array.from({ length: options.writers }, async () => {
      while (!options.stopped()) await writeOnce();
    }),
  );
  return log;
}
