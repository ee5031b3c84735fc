import { traffickingRules, type TraffickingRule } from './iati.trafficking-rules.data.ts';

/** What the rules look at: the activity's sectors, tags and every title and description text. */
export type TraffickingEvidence = {
  sectors: { vocabulary: string; code: string }[];
  tags: { vocabulary: string; code: string }[];
  texts: string[];
};

const wordBoundary = '(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))';

export type TraffickingMatcher = (evidence: TraffickingEvidence) => string[];

/**
 * Compiles rules (the reviewed data by default) into a function that returns the ids of the
 * rules an activity matches, in rule order; an empty list means not about trafficking.
 */
export function createTraffickingMatcher(rules: TraffickingRule[] = traffickingRules): TraffickingMatcher {
  // \b does not know letters outside ASCII in JavaScript; a Unicode-aware boundary does.
  const compiled = rules.map((rule) =>
    rule.kind === 'keyword' ? { rule, regex: new RegExp(rule.pattern.replaceAll('\\b', wordBoundary), 'iu') } : { rule, regex: undefined },
  );
  return (evidence) => {
    const matched: string[] = [];
    for (const { rule, regex } of compiled) {
      if (rule.kind === 'sector' && evidence.sectors.some((sector) => sector.vocabulary === '1' && sector.code === rule.code))
        matched.push(rule.id);
      if (rule.kind === 'tag' && evidence.tags.some((tag) => rule.vocabularies.includes(tag.vocabulary) && tag.code === rule.code))
        matched.push(rule.id);
      if (regex && evidence.texts.some((text) => regex.test(text))) matched.push(rule.id);
    }
    return matched;
  };
}
