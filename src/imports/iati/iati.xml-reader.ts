import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../../shared/errors.ts';
import { detachString } from '../shared/detach-string.ts';

/** One element of an activity, as far as the mapping needs it: attributes, own text, children. */
export type XmlElement = {
  name: string;
  attrs: Record<string, string>;
  /** The element's own text (not its children's), whitespace kept; callers trim. */
  text: string;
  children: XmlElement[];
  /** 1-based line of the start tag. */
  line: number;
  /** Where it is in the file, e.g. `iati-activity[12]/transaction[3]/value`. */
  path: string;
};

/** What the file says about itself, known once the root element is open. */
export type IatiFileHeader = {
  version: string;
  versionFamily: '1' | '2';
  defaultLanguage: string | null;
  /** Set when the root declares no @version: the file is read as 1.0x, and the report warns. */
  versionNotDeclared?: true;
};

export type IatiReaderLimits = {
  /** Characters the parser may hold between two tags (one text or attribute value). Default 10 MB. */
  maxCharsBetweenTags: number;
  /** Activities per yielded batch. Default 500. */
  batchSize: number;
};

/**
 * The version strings files in the wild carry: 1.0 (the U.S. Government's 2012 files, among
 * others) and 1.00–1.05, 2.01–2.03.
 */
export const supportedVersions = /^(1\.0|1\.0[0-5]|2\.0[1-3])$/;

/**
 * The top-level children of iati-activity the mapping reads. Others (results, locations, budgets,
 * documents…) are skipped while parsing, so a large activity costs little memory.
 */
const keptChildren = new Set([
  'iati-identifier',
  'reporting-org',
  'participating-org',
  'title',
  'description',
  'activity-date',
  'activity-status',
  'recipient-country',
  'recipient-region',
  'sector',
  'tag',
  'transaction',
]);

function invalid(message: string, line?: number): AppError {
  return new AppError({
    code: 'INVALID_FILE',
    message: line ? `${message} (line ${line})` : message,
    details: [{ ...(line ? { line } : {}), message }],
  });
}

function checkRoot(tag: SaxesTagPlain, line: number): IatiFileHeader {
  if (tag.name === 'iati-organisations' || tag.name === 'iati-organisation') {
    throw invalid('not an activity file: the root element is <iati-organisations>, an IATI organisation file', line);
  }
  if (tag.name !== 'iati-activities') throw invalid(`not an activity file: the root element is <${tag.name}>, not <iati-activities>`, line);
  const declared = tag.attributes.version?.trim();
  const defaultLanguage = tag.attributes['xml:lang'] ?? null;
  if (!declared) return { version: '1.0x', versionFamily: '1', defaultLanguage, versionNotDeclared: true };
  if (!supportedVersions.test(declared)) {
    throw invalid(`IATI version ${declared} is not supported: ctip reads 1.0–1.05 and 2.01–2.03`, line);
  }
  return { version: declared, versionFamily: declared.startsWith('2') ? '2' : '1', defaultLanguage };
}

type ReaderState = {
  header: IatiFileHeader | undefined;
  stack: XmlElement[];
  /** Depth inside a skipped subtree (0 when not skipping). */
  skipping: number;
  activityIndex: number;
  /** Per open element: how many children of each name it had, for the path index. */
  siblingCounts: Map<string, number>[];
  done: XmlElement[];
};

/**
 * The tag's attributes as strings of their own: saxes hands out views on the chunk it parses,
 * and one kept view (an identifier in the duplicate check, a name in the report) would keep the
 * whole chunk, so memory would grow with the file.
 */
function detachedAttributes(tag: SaxesTagPlain): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(tag.attributes)) attrs[detachString(key)] = detachString(value);
  return attrs;
}

function onOpenTag(state: ReaderState, tag: SaxesTagPlain, line: number): void {
  const depth = state.stack.length;
  if (!state.header) {
    state.header = checkRoot(tag, line);
    return;
  }
  if (state.skipping > 0) {
    state.skipping += 1;
    return;
  }
  if (depth === 0) {
    if (tag.name !== 'iati-activity') {
      state.skipping = 1;
      return;
    }
    state.activityIndex += 1;
    state.stack.push({
      name: 'iati-activity',
      attrs: detachedAttributes(tag),
      text: '',
      children: [],
      line,
      path: `iati-activity[${state.activityIndex}]`,
    });
    state.siblingCounts.push(new Map());
    return;
  }
  if (depth === 1 && !keptChildren.has(tag.name)) {
    state.skipping = 1;
    return;
  }
  const parent = state.stack.at(-1)!;
  const counts = state.siblingCounts.at(-1)!;
  const name = detachString(tag.name);
  const index = (counts.get(name) ?? 0) + 1;
  counts.set(name, index);
  const element: XmlElement = {
    name,
    attrs: detachedAttributes(tag),
    text: '',
    children: [],
    line,
    path: `${parent.path}/${name}[${index}]`,
  };
  parent.children.push(element);
  state.stack.push(element);
  state.siblingCounts.push(new Map());
}

function onCloseTag(state: ReaderState): void {
  if (state.skipping > 0) {
    state.skipping -= 1;
    return;
  }
  const element = state.stack.pop();
  state.siblingCounts.pop();
  if (element) element.text = detachString(element.text);
  if (element && state.stack.length === 0) state.done.push(element);
}

function createParser(state: ReaderState, limits: IatiReaderLimits) {
  const parser = new SaxesParser({ position: true });
  let lastTagAt = 0;
  parser.on('doctype', () => {
    throw invalid('DOCTYPE is not allowed (XML external entities)', parser.line);
  });
  parser.on('error', (error) => {
    throw invalid(`not well-formed XML: ${error.message.replace(/^\d+:\d+: /, '')}`, parser.line);
  });
  parser.on('opentag', (tag) => {
    lastTagAt = parser.position;
    onOpenTag(state, tag as SaxesTagPlain, parser.line);
  });
  parser.on('closetag', () => {
    lastTagAt = parser.position;
    onCloseTag(state);
  });
  const appendText = (text: string) => {
    const current = state.skipping === 0 ? state.stack.at(-1) : undefined;
    if (current) current.text += text;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  const checkGap = () => {
    if (parser.position - lastTagAt > limits.maxCharsBetweenTags) {
      throw invalid(
        `more than ${limits.maxCharsBetweenTags.toLocaleString('en-US')} characters without a tag (one text or attribute value); refused to protect memory`,
        parser.line,
      );
    }
  };
  return { parser, checkGap };
}

/** Feeds text to the parser in slices, so the guard between tags acts before a huge value builds up. */
function feed(parser: SaxesParser, checkGap: () => void, chunk: string): void {
  const slice = 1 << 20;
  for (let start = 0; start < chunk.length; start += slice) {
    parser.write(chunk.slice(start, start + slice));
    checkGap();
  }
}

/**
 * Streams an IATI activity file: yields the header once the root is read, then activities in
 * batches as they close, so memory holds one batch, never the document. Throws INVALID_FILE for
 * a DOCTYPE (no DTD, no entity expansion, no external entities), XML that is not well-formed or is
 * truncated, an organisation file or another root, an unsupported version, or a value larger than
 * the limit.
 */
export async function* readIatiActivities(
  text: AsyncIterable<string>,
  options: Partial<IatiReaderLimits> = {},
): AsyncGenerator<{ header: IatiFileHeader; activities: XmlElement[] }> {
  const limits: IatiReaderLimits = { maxCharsBetweenTags: 10_000_000, batchSize: 500, ...options };
  const state: ReaderState = { header: undefined, stack: [], skipping: 0, activityIndex: 0, siblingCounts: [], done: [] };
  const { parser, checkGap } = createParser(state, limits);
  for await (const chunk of text) {
    feed(parser, checkGap, chunk);
    if (state.done.length >= limits.batchSize) {
      yield { header: state.header!, activities: state.done.splice(0) };
    }
  }
  if (!state.header) throw invalid('the file holds no XML element: not an IATI activity file');
  try {
    parser.close();
  } catch (error) {
    const message = error instanceof AppError ? error.message : String(error);
    throw invalid(`the file ends before the XML is complete (truncated?): ${message.replace(/^not well-formed XML: /, '')}`);
  }
  yield { header: state.header, activities: state.done.splice(0) };
}

/** The element's text, or its narratives' texts by language (2.x), as [language, text] pairs. */
export function narrativesOf(element: XmlElement, defaultLanguage: string): [string, string][] {
  const narratives = element.children.filter((child) => child.name === 'narrative');
  const pairs: [string, string][] = narratives.length
    ? narratives.map((narrative) => [languageOf(narrative, defaultLanguage), narrative.text.trim()])
    : [[languageOf(element, defaultLanguage), element.text.trim()]];
  return pairs.filter(([, text]) => text.length > 0);
}

function languageOf(element: XmlElement, defaultLanguage: string): string {
  return (element.attrs['xml:lang'] ?? defaultLanguage).trim().toLowerCase() || defaultLanguage;
}

/** The first child with that name. */
export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** Every child with that name. */
export function childrenOf(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}
