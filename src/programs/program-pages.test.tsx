import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPageBasics, describePortal, headingsOf, hostileTitle } from '../testing/portal-fixture.ts';
import { plural } from '../ui/format.ts';
import { selectRows } from '../db/select-rows.ts';

/** The options of one facet select: value and the count shown beside it. */
function facetOptions(html: string, id: string): { value: string; count: number }[] {
  const select = new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  assert.ok(select, `select ${id} is on the page`);
  return [...select[1]!.matchAll(/<option value="([^"]+)"[^>]*>[^<]*\((\d[\d,]*)\)<\/option>/g)].map((match) => ({
    value: match[1]!,
    count: Number(match[2]!.replace(/,/g, '')),
  }));
}

const decode = (text: string) => text.replace(/&amp;/g, '&');

describePortal('program pages', (context) => {
  async function apiTotal(query: string): Promise<number> {
    const response = await context.app.inject(`/api/programs?${query}&limit=1`);
    assert.equal(response.statusCode, 200, query);
    return response.json().total;
  }

  test('the search page renders with its h1, the filter form and the results', async () => {
    const response = await context.app.inject('/programs');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assertPageBasics(response.body, assert);
    assert.deepEqual(headingsOf(response.body).h1, ['Programs']);
    assert.match(response.body, /<form class="usa-form ctip-filters" action="\/programs" method="get"/);
    assert.match(response.body, /<legend class="usa-legend">Fiscal years with obligations<\/legend>/);
    assert.match(response.body, new RegExp(`Showing 1–\\d+ of ${await apiTotal('')} programs`));
    assert.match(response.body, /<caption>Programs matching the filters, page 1<\/caption>/);
    assert.match(response.body, /<th scope="row"><a href="\/programs\/\d+">/);
  });

  test('filters narrow the results and every facet count equals the API total for that choice', async () => {
    const all = await apiTotal('');
    const narrowed = await context.app.inject('/programs?pillar=protection');
    const protection = await apiTotal('pillar=protection');
    assert.ok(protection > 0 && protection < all);
    assert.match(narrowed.body, new RegExp(`of ${protection} programs`));
    assert.match(narrowed.body, /Pillar: Protection/);
    const facets = {
      'filter-country': 'country',
      'filter-region': 'region',
      'filter-agency': 'agency',
      'filter-year-from': 'fiscalYear',
      'filter-assistance-type': 'assistanceType',
    };
    let checked = 0;
    for (const [id, name] of Object.entries(facets)) {
      const options = facetOptions(narrowed.body, id);
      if (name !== 'assistanceType') assert.ok(options.length > 0, `${id} has options`);
      for (const option of options) {
        assert.equal(
          option.count,
          await apiTotal(`pillar=protection&${name}=${encodeURIComponent(decode(option.value))}`),
          `${name}=${option.value}`,
        );
        checked += 1;
      }
    }
    // Partners are typed as a name on the page (every partner, not a list of the most frequent); their counts are the facets'.
    const { countProgramFacets } = await import('./program-facets.ts');
    const { publicViewer } = await import('../shared/actor.ts');
    const partners = (await countProgramFacets({ db: context.db, filters: { pillar: 'protection' }, viewer: publicViewer })).partner;
    assert.ok(partners.length > 0, 'filter-partner has options');
    for (const option of partners) {
      assert.equal(option.count, await apiTotal(`pillar=protection&partner=${option.value}`), `partner=${option.value}`);
      checked += 1;
    }
    // The pillar facet ignores its own filter: its counts are those of the other filters only.
    for (const option of facetOptions(narrowed.body, 'filter-pillar')) assert.equal(option.count, await apiTotal(`pillar=${option.value}`));
    assert.ok(checked > 20);
  });

  test('status checkboxes, a year range and text search combine like the API', async () => {
    const query = 'status=completed&fiscalYearFrom=2004&fiscalYearTo=2006&q=IOM';
    const page = await context.app.inject(`/programs?${query}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`of ${await apiTotal(query)} programs`));
    const repeated = await context.app.inject('/programs?status=completed&status=active');
    assert.equal(repeated.statusCode, 200, 'repeated checkboxes are one comma list');
    assert.match(repeated.body, /name="status" value="completed" checked/);
  });

  test('pagination carries the cursor in the address, and a bookmarked page shows the same results', async () => {
    const first = await context.app.inject('/programs?limit=5&sort=-obligated');
    const next = /<a class="usa-pagination__link usa-pagination__next-page" rel="next" href="([^"]+)"/.exec(first.body);
    assert.ok(next, 'a Next page link');
    const nextHref = decode(next[1]!);
    assert.match(nextHref, /^\/programs\?sort=-obligated&limit=5&cursor=[\w-]+&page=2$/);
    const second = await context.app.inject(nextHref);
    assert.match(second.body, /Showing 6–10 of/);
    assert.match(second.body, /First page/);
    const again = await context.app.inject(nextHref);
    const ids = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/programs\/(\d+)"/g)].map((match) => match[1]);
    assert.deepEqual(ids(again.body), ids(second.body));
    assert.equal(ids(second.body).filter((id) => ids(first.body).includes(id)).length, 0);
    const cursor = new URLSearchParams(nextHref.split('?')[1]).get('cursor')!;
    const api = (await context.app.inject(`/api/programs?limit=5&sort=-obligated&cursor=${cursor}`)).json();
    assert.deepEqual(
      ids(second.body),
      api.items.map((item: { id: number }) => String(item.id)),
    );
  });

  test('sort links keep the filters, and the sorted column says so', async () => {
    const page = await context.app.inject('/programs?country=AFG&sort=-obligated');
    assert.match(
      page.body,
      /<th scope="col" class="ctip-number" aria-sort="descending"><a href="\/programs\?country=AFG&amp;sort=obligated">Obligated/,
    );
    assert.match(page.body, /<a href="\/programs\?country=AFG&amp;sort=title">Title/);
  });

  test('download links export the same search in CSV, JSON and IATI XML', async () => {
    const page = await context.app.inject('/programs?country=AFG&pillar=protection&sort=title');
    for (const format of ['csv', 'json', 'xml']) {
      assert.match(page.body, new RegExp(`href="/api/exports/programs\\.${format}\\?country=AFG&amp;pillar=protection"`));
    }
  });

  test('a program page shows every part of the record, with unknown amounts as "Not known"', async () => {
    const list = (await context.app.inject('/api/programs?q=IOM&fiscalYear=2002&limit=1')).json();
    const id = list.items[0].id;
    const page = await context.app.inject(`/programs/${id}`);
    assert.equal(page.statusCode, 200);
    assertPageBasics(page.body, assert);
    assert.match(page.body, /<h1>IOM — Afghanistan, FY2002<\/h1>/);
    assert.match(page.body, /<td class="ctip-number">Not known<\/td><td>Not Listed<\/td>/);
    assert.match(page.body, /href="\/partners\/\d+">International Organization for Migration<\/a>/);
    assert.match(page.body, /href="\/countries\/AFG">Afghanistan<\/a>/);
    assert.match(page.body, /href="\/agencies\/state-tip">/);
    assert.match(page.body, /Lines of the source file<\/dt><dd>2<\/dd>/);
    assert.match(page.body, /Version 1: Created<\/strong> by test through the system/);
  });

  test('the title names the filters; the total, the downloads and the results come before the filters', async () => {
    const response = await context.app.inject('/programs?country=NPL&fiscalYear=2004');
    assert.equal(response.statusCode, 200);
    assertPageBasics(response.body, assert);
    assert.match(response.body, /<title>Programs in Nepal, FY2004 · ctip<\/title>/);
    assert.deepEqual(headingsOf(response.body).h1, ['Programs in Nepal, FY2004']);
    const totalsPage = await context.app.inject('/programs?country=AFG&fiscalYear=2003');
    const total = await apiTotal('country=AFG&fiscalYear=2003');
    assert.ok(total > 0);
    const { sql } = await import('drizzle-orm');
    const [row] = await selectRows<{ known: string; unknown: number }>(
      context.db,
      sql`SELECT coalesce(sum(o.amount_cents), 0)::text AS known,
        count(DISTINCT o.program_id) FILTER (WHERE o.amount_cents IS NULL)::int AS unknown
      FROM program_obligations o JOIN programs p ON p.id = o.program_id AND p.visibility = 'public'
      WHERE o.fiscal_year = 2003 AND EXISTS (SELECT 1 FROM program_places pl WHERE pl.program_id = o.program_id AND pl.country_code = 'AFG')`,
    );
    const { money } = await import('../ui/format.ts');
    assert.ok(row && BigInt(row.known) > 0n);
    assert.ok(
      totalsPage.body.includes(`<strong>${plural(total, 'program')}</strong>, <strong>${money(row.known)}</strong> obligated in FY2003`),
      'the total of programs and known obligations',
    );
    if (row.unknown > 0) assert.match(totalsPage.body, new RegExp(`${row.unknown} programs? ha(s|ve) an amount not known in FY2003`));
    else assert.match(totalsPage.body, /Every amount is known/);
    const unknownYear = await context.app.inject('/programs?country=AFG&fiscalYear=2002');
    assert.match(unknownYear.body, /1 program has an amount not known in FY2002, not in this total/);
    const at = (pattern: string) => totalsPage.body.indexOf(pattern);
    assert.ok(at('id="downloads"') > 0 && at('id="downloads"') < at('<table'), 'the downloads are above the results');
    assert.ok(at('<table') < at('id="filters-heading"'), 'the results come before the filters');
    assert.ok(at('class="ctip-program-cards"') > 0, 'a card per program for phones');
    const amountColumn = /<thead><tr>([\s\S]*?)<\/tr><\/thead>/.exec(totalsPage.body)![1]!;
    assert.ok(amountColumn.indexOf('Obligated') < amountColumn.indexOf('Places'), 'money before the long columns');
    const words = await context.app.inject('/programs?q=shelter&region=ctip-state-eap&status=active');
    assert.match(
      words.body,
      /<title>Programs in [^<]+, Active, matching “shelter” · ctip<\/title>/,
      /<title>[^<]*<\/title>/.exec(words.body)?.[0],
    );
    const plain = await context.app.inject('/programs');
    assert.match(plain.body, /<title>Programs · ctip<\/title>/);
  });

  test('names people use: former names in the place filter, a country among the words, a partner typed as text', async () => {
    const timor = await context.app.inject('/programs?country=East%20Timor');
    assert.equal(timor.statusCode, 200);
    assert.match(timor.body, /<title>Programs in Timor-Leste · ctip<\/title>/);
    assert.match(timor.body, new RegExp(`of ${plural(await apiTotal('country=TLS'), 'program')}`));
    const words = await context.app.inject('/programs?q=East+Timor');
    assert.match(words.body, /“East Timor” in the words was read as the country Timor-Leste/);
    assert.match(words.body, /Country: Timor-Leste/);
    assert.doesNotMatch(words.body, /Words: /);
    const afghan = (await context.app.inject('/api/programs?country=AFG&limit=50')).json().items as { title: string }[];
    const word = afghan.flatMap((item) => item.title.split(/\W+/)).find((part) => part.length > 3 && !/afghan/i.test(part))!;
    const both = await context.app.inject(`/programs?q=${encodeURIComponent(`Afghanistan ${word}`)}`);
    assert.match(both.body, /Country: Afghanistan/);
    assert.match(both.body, new RegExp(`Words: ${word}`));
    assert.match(both.body, new RegExp(`of ${plural(await apiTotal(`country=AFG&q=${encodeURIComponent(word)}`), 'program')}`));
    const usWords = await context.app.inject('/programs?q=help+us+in+time');
    assert.doesNotMatch(usWords.body, /was read as the country/, 'codes and short aliases are words, not places');
    const unknown = await context.app.inject('/programs?country=Nowhereland');
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /no country is known as &#x27;Nowhereland&#x27;|no country is known as 'Nowhereland'/);

    const iom = await context.app.inject('/programs?partner=International+Organization+for+Migration');
    assert.match(
      iom.body,
      /Partner: International Organization for Migration <a href="\/programs"/,
      'an exact name becomes the partner filter',
    );
    const abbreviation = await context.app.inject('/programs?partner=IOM');
    assert.match(abbreviation.body, /Partner: International Organization for Migration </, 'a reviewed alias too');
    assert.match(iom.body, /id="filter-partner" type="text" name="partner"[^>]*value="International Organization for Migration"/);
    const several = await context.app.inject('/programs?partner=center');
    assert.match(several.body, /Several partners match “center”/);
    assert.match(several.body, /<ul class="ctip-partner-choices"><li><a href="\/programs\?partner=\d+">/);
    const hidden = await context.app.inject('/programs?partner=Zanzibarian');
    assert.match(hidden.body, /No partner of a program matches “Zanzibarian”/);
    assert.doesNotMatch(hidden.body, /Secret Partner/);
  });

  test('the history names the changed fields', async () => {
    const { fixture, app } = context;
    const page = await app.inject(`/programs/${fixture.hostileId}`);
    assert.match(page.body, /Version 1: Created/);
    const { changedFields } = await import('./program-history.tsx');
    assert.deepEqual(
      changedFields({ title: 'a', obligations: [1], obligatedCents: 1 }, { title: 'b', obligations: [2], obligatedCents: 2 }),
      ['title', 'obligations'],
    );
  });

  test('the history shows old → new for each changed field, and never "not known → not known"', async () => {
    const { db, app } = context;
    const { createProgram, updateProgram } = await import('./program.service.ts');
    const { buildProgramInput, testActor } = await import('../testing/fixtures.ts');
    const { systemViewer } = await import('../shared/actor.ts');
    const input = buildProgramInput({ title: 'History shown as values', startDate: null, endDate: null });
    const created = await createProgram({ db, input, actor: testActor });
    await updateProgram({
      db,
      id: created.id,
      expectedVersion: created.version,
      input: {
        ...input,
        title: 'History shown as values, renamed',
        obligations: [{ fiscalYear: 2004, amountCents: null, amountNote: null }],
      },
      actor: testActor,
      viewer: systemViewer,
    });
    const page = await app.inject(`/programs/${created.id}`);
    assert.match(page.body, /Version 2: Changed title, obligations<\/strong>/);
    assert.match(page.body, /title: <del>History shown as values<\/del>.*→.*<ins>History shown as values, renamed<\/ins>/);
    assert.match(page.body, /obligations: <del>FY2004 \$250,000<\/del>.*<ins>FY2004 amount not known<\/ins>/);
    assert.doesNotMatch(
      page.body,
      /not known<\/del>[^<]*<span aria-hidden="true"> → <\/span><span class="usa-sr-only"> changed to <\/span><ins>not known/,
    );
    assert.doesNotMatch(page.body, /start date:|end date:/);
    const { describeValue, changedFields } = await import('./program-history.tsx');
    assert.deepEqual(changedFields({ startDate: null, partners: [] }, { partners: undefined }), [], 'missing, null and empty are one');
    assert.equal(describeValue('endDate', null), 'not known');
    assert.equal(describeValue('endDate', '2005-06-30'), '2005-06-30');
  });

  test('hostile text in a title or description is inert', async () => {
    const page = await context.app.inject(`/programs/${context.fixture.hostileId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes(hostileTitle));
    assert.doesNotMatch(page.body, /<script>|<img src=x/);
    assert.match(page.body, /<h1>&lt;script>alert\(1\)&lt;\/script> =HYPERLINK\(&quot;x&quot;\)<\/h1>/);
    const search = await context.app.inject('/programs?country=AFG&limit=500');
    assert.doesNotMatch(search.body, /<script>/);
    assert.match(search.body, /&lt;script>alert\(1\)&lt;\/script>/);
  });

  test('bad query values get a 400 page naming the problem', async () => {
    for (const [query, pattern] of [
      ['fiscalYear=abc', /fiscalYear/],
      ['fiscalYearFrom=2010&fiscalYearTo=2005', /fiscalYearFrom \(2010\) is after fiscalYearTo \(2005\)/],
      ['sort=bogus', /sort: must be one of/],
      ['country=A1B', /country: must be an ISO 3166-1 alpha-3 code/],
      ['country=AFG&country=NPL', /country: give one value only/],
      ['cursor=not-a-cursor', /cursor is not one this API issued/],
      ['partner=99999999999', /partner/],
      ['limit=0', /limit/],
    ] as const) {
      const response = await context.app.inject(`/programs?${query}`);
      assert.equal(response.statusCode, 400, query);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assertPageBasics(response.body, assert);
      assert.match(response.body, /class="usa-alert usa-alert--warning"/);
      assert.match(response.body, pattern, query);
    }
  });

  test('a program that does not exist is a 404 page', async () => {
    for (const url of ['/programs/987654', '/programs/abc', '/programs/99999999999', '/programs/0']) {
      const response = await context.app.inject(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.match(response.body, /<h1>Page not found<\/h1>/);
      assert.match(response.body, /<a href="\/">Go to the home page<\/a>/);
    }
  });
});
