/**
 * Trims a stylesheet to the classes a set of source files use. A rule stays when one of its
 * selectors needs only classes the sources name (selectors without classes — elements, `:root`
 * — always stay); @font-face, @keyframes and the like stay whole; @media and @supports blocks are
 * trimmed inside and dropped when empty. Class names built in code (`usa-alert--${type}`) are kept
 * by their written prefix.
 */

/** Every word that could be a class name, and the prefixes of names completed in code. */
export function collectClassWords(sources: string[]): { words: Set<string>; prefixes: string[] } {
  const words = new Set<string>();
  const prefixes = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(/[A-Za-z0-9_:/-]+/g)) {
      words.add(match[0]);
      if (/--?$/.test(match[0]) && match[0].length >= 6) prefixes.add(match[0]);
    }
  }
  return { words, prefixes: [...prefixes] };
}

/** The class names a selector requires (those inside :not() are not required). */
export function classesOfSelector(selector: string): string[] {
  const required = selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '');
  return [...required.matchAll(/\.((?:\\.|[\w-])+)/g)].map((match) => match[1]!.replace(/\\(.)/g, '$1'));
}

/** Splits at commas outside parentheses and brackets. */
function splitSelectors(prelude: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of prelude) {
    if (character === '(' || character === '[') depth += 1;
    if (character === ')' || character === ']') depth -= 1;
    if (character === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += character;
  }
  parts.push(current);
  return parts;
}

/** The index just past the block that opens at `start` (a `{`), skipping strings and comments. */
function endOfBlock(css: string, start: number): number {
  let depth = 0;
  for (let index = start; index < css.length; index += 1) {
    const character = css[index];
    if (character === '"' || character === "'") {
      index = css.indexOf(character, index + 1);
      if (index === -1) return css.length;
    } else if (character === '/' && css[index + 1] === '*') {
      index = css.indexOf('*/', index + 2) + 1;
      if (index === 0) return css.length;
    } else if (character === '{') depth += 1;
    else if (character === '}') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return css.length;
}

export function trimCss(css: string, used: { words: Set<string>; prefixes: string[] }): string {
  const isUsed = (name: string) => used.words.has(name) || used.prefixes.some((prefix) => name.startsWith(prefix));
  let output = '';
  let index = 0;
  while (index < css.length) {
    if (css.startsWith('/*', index)) {
      const end = css.indexOf('*/', index + 2);
      index = end === -1 ? css.length : end + 2;
      continue;
    }
    const brace = css.indexOf('{', index);
    const semicolon = css.indexOf(';', index);
    if (brace === -1) break;
    if (semicolon !== -1 && semicolon < brace && css.slice(index, semicolon).trim().startsWith('@')) {
      output += css.slice(index, semicolon + 1); // @charset, @import
      index = semicolon + 1;
      continue;
    }
    const prelude = css.slice(index, brace).trim();
    const end = endOfBlock(css, brace);
    const body = css.slice(brace + 1, end - 1);
    if (/^@(media|supports|layer|container)\b/.test(prelude)) {
      const inner = trimCss(body, used);
      if (inner.trim()) output += `${prelude}{${inner}}`;
    } else if (prelude.startsWith('@')) {
      output += `${prelude}{${body}}`;
    } else {
      const kept = splitSelectors(prelude).filter((selector) => classesOfSelector(selector).every(isUsed));
      if (kept.length) output += `${kept.join(',')}{${body}}`;
    }
    index = end;
  }
  return output;
}
