// The forgiving parser against the ways real publishers' feeds break: one fixture per failure
// class, each a small feed written to look like a real news site, blog or podcast
// (test/fixtures/feeds/real-world/). Every test checks what a reader would see: titles,
// links, dates, authors, content..
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureBytes } from '../../test/helpers/fixtures.js';
import type { Entry, Feed } from '../model.js';
import { isParseError, parseFeedBytes, parseFeedText } from './parse.js';

const bytesOf = (name: string): Buffer => fixtureBytes('feeds', 'real-world', name);

interface Fetched {
  url?: string | null;
  contentType?: string | null;
}

function feedOf(name: string, fetched: Fetched = {}): Feed {
  const result = parseFeedBytes(bytesOf(name), fetched);
  if (isParseError(result)) assert.fail(`${name}: expected a feed, got error: ${result.error}`);
  return result.feed;
}

function entryAt(feed: Feed, index: number): Entry {
  const entry = feed.entries[index];
  assert.ok(entry, `entry ${index} is missing (the feed has ${feed.entries.length})`);
  return entry;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
const titles = (feed: Feed): Array<string | null> => feed.entries.map((e) => e.title);
const links = (feed: Feed): Array<string | null> => feed.entries.map((e) => e.link);
/** Non-breaking and narrow spaces read as spaces: a title may keep or fold them. */
const spaced = (text: string | null): string | null => text?.replace(/[\u00a0\u202f]/g, ' ') ?? null;

/** Every string a reader could be shown: feed title and link, and each entry's text fields. */
function shownStrings(feed: Feed): string[] {
  const out: string[] = [feed.title ?? '', feed.link ?? ''];
  for (const e of feed.entries) {
    out.push(e.id, e.title ?? '', e.link ?? '', e.author ?? '', e.summary ?? '', e.content ?? '', ...e.categories);
    for (const enclosure of e.enclosures) out.push(enclosure.url, enclosure.type ?? '');
  }
  return out;
}

const XML_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const C1_OR_REPLACEMENT = /[\u0080-\u009f\ufffd]/;

function assertCleanText(feed: Feed): void {
  for (const s of shownStrings(feed)) {
    assert.doesNotMatch(s, XML_CONTROL, `control character in ${JSON.stringify(s)}`);
    assert.doesNotMatch(s, C1_OR_REPLACEMENT, `C1 control or U+FFFD (mis-decoded bytes) in ${JSON.stringify(s)}`);
  }
}

describe('lenient parsing: markup that is not well-formed XML', () => {
  it('decodes HTML named entities (&nbsp; &eacute; &mdash; …) that an RSS 0.91 feed uses without declaring them', () => {
    const feed = feedOf('html-entities.xml', { url: 'https://www.journal-du-rhone.example/rss/une.xml' });
    assert.equal(feed.format, 'rss');
    assert.equal(feed.title, 'Le Journal du Rhône — Actualités');
    assert.equal(feed.link, 'https://www.journal-du-rhone.example/');
    assert.equal(feed.entries.length, 4);

    const [pont, maire, meteo] = [entryAt(feed, 0), entryAt(feed, 1), entryAt(feed, 2)];
    assert.equal(spaced(pont.title), 'Lyon : la rénovation du pont Lafayette — déjà en retard');
    assert.equal(pont.link, 'https://www.journal-du-rhone.example/lyon/2024/05/14/renovation-pont-lafayette');
    assert.match(pont.summary ?? '', /^Les travaux, lancés en février, accusent trois mois de retard[\s\u00a0]…/);
    assert.ok(pont.summary?.includes('<a href="https://www.journal-du-rhone.example/lyon/">Lire la suite</a>'), pont.summary ?? '');

    assert.equal(spaced(maire.title), '« Nous n’abandonnerons pas », promet la maire de Villeurbanne');
    // Escaped HTML: one level of references is XML's, the second level belongs to the HTML.
    assert.match(maire.content ?? '', /^<p>Après la fermeture de l(&rsquo;|’)usine, la ville cherche un repreneur (&mdash;|—) le préfet est saisi\.<\/p>$/);

    assert.equal(spaced(meteo.title), 'Météo : orages attendus jusqu’à 22 h', 'numeric references, decimal and hex');
    assert.match(meteo.summary ?? '', /^Vigilance orange sur le Rhône (&|&amp;) l’Ain\./);
    assert.ok(meteo.summary?.includes('&foo;'), 'an escaped "&amp;foo;" is the text "&foo;"');
    assert.ok(meteo.summary?.includes('&unknownentity;'), 'a reference to no known entity stays as written');

    for (const title of titles(feed)) assert.doesNotMatch(title ?? '', /&[a-z]+;/i, `undecoded reference in title ${title}`);
  });

  it(
    'reads numeric references to Windows-1252 code points (&#146; &#150;) as the characters meant, as HTML does',
    () => {
      const feed = feedOf('html-entities.xml');
      const usine = entryAt(feed, 3);
      assert.equal(usine.link, 'https://www.journal-du-rhone.example/economie/2024/05/12/usine-venissieux');
      assert.equal(usine.title, 'L’usine de Vénissieux ferme – 200 emplois menacés');
      assert.equal(usine.summary, '“C’est un choc”, réagit le délégué syndical.');
      assertCleanText(feed);
    },
  );

  it('keeps bare & in titles, text, links and enclosure URLs', () => {
    const feed = feedOf('bare-ampersand.xml');
    assert.equal(feed.title, 'Smith & Sons Sports Report');
    assert.equal(feed.link, 'https://sports.smith-sons.example/?ref=rss&lang=en');
    assert.deepEqual(titles(feed), [
      'Q&A: Coach Ramos on R&D spending & the new playbook',
      'AT&T Stadium to host the final; fans react',
      'Fish & Chips & Football: a Saturday in Leeds',
    ]);
    assert.deepEqual(links(feed), [
      'https://sports.smith-sons.example/article.php?id=4821&section=football&page=1',
      'https://sports.smith-sons.example/article.php?id=4819&section=football',
      // "&copy" followed by "=" is a query parameter, not the © entity.
      'https://sports.smith-sons.example/article.php?id=4815&copy=print&region=uk',
    ]);
    const first = entryAt(feed, 0);
    assert.equal(first.id, 'ss-4821');
    assert.equal(first.author, 'Dana Smith & Lee Park');
    assert.equal(iso(first.published), '2024-05-11T20:15:00.000Z');
    assert.ok(first.summary?.includes('https://tickets.example/buy?team=ss&game=22&seat=A12 & more.'), first.summary ?? '');
    assert.deepEqual(first.enclosures, [
      { url: 'https://cdn.smith-sons.example/img.php?id=4821&w=640&h=360', type: 'image/jpeg', length: 48213 },
    ]);
    assert.match(entryAt(feed, 1).summary ?? '', /Dallas & Fort Worth .*href="https:\/\/sports\.smith-sons\.example\/faq\?x=1&(amp;)?y=2"/);
    assert.equal(entryAt(feed, 2).summary, 'A & B stands were full.');
  });

  it('drops control characters (\\x0B, \\x1A, \\x00, …) from titles, names and content', () => {
    const feed = feedOf('control-chars.xml');
    assertCleanText(feed);
    assert.equal(feed.title, 'Ops Weekly');
    assert.deepEqual(titles(feed), [
      'Weekly digest: Kubernetes 1.30 upgrade',
      'Postmortem: the DNS outage of May 9',
      'On-call handbook, 2nd edition',
    ]);
    const digest = entryAt(feed, 0);
    assert.equal(digest.link, 'https://opsweekly.example.net/2024/05/13/weekly-digest/');
    assert.equal(iso(digest.published), '2024-05-13T08:00:00.000Z');
    assert.equal(digest.author, 'Priya Natarajan');
    assert.equal(digest.summary, 'We upgraded all clusters this week. No downtime.');
    assert.equal(digest.content, '<p>We upgraded all clusters this week.</p><p>Next: etcd defrag.</p>', 'controls inside CDATA too');
    assert.equal(entryAt(feed, 1).summary, 'Root cause: a stale zone file.');
    assert.equal(entryAt(feed, 2).summary, 'Updated escalation paths and pager rotations.');
  });

  it('reads CDATA: markup inside it as text, a "]]>" split across two sections, CDATA mixed with text', () => {
    const feed = feedOf('cdata.xml');
    assert.equal(feed.title, 'Code & Coffee');
    assert.equal(feed.link, 'https://codeandcoffee.example.dev/');
    assert.equal(feed.entries.length, 3, 'an <item> written inside CDATA is text, not an item');

    const builds = entryAt(feed, 0);
    assert.equal(builds.title, 'Tips & tricks: faster TypeScript builds', 'markup in a CDATA title is dropped from the text');
    assert.equal(builds.id, 'https://codeandcoffee.example.dev/?p=1187');
    assert.equal(builds.link, 'https://codeandcoffee.example.dev/2024/05/14/faster-typescript-builds/');
    assert.equal(builds.author, 'Marta Kowalski');
    assert.deepEqual(builds.categories, ['TypeScript', 'Tooling']);
    assert.equal(
      builds.summary,
      '<p>Three flags that halved our build time. <a href="https://codeandcoffee.example.dev/?p=1187&amp;preview=true">Read more</a></p>',
      'CDATA content is taken verbatim: its &amp; is HTML',
    );
    const content = builds.content ?? '';
    assert.ok(content.startsWith('<h2>Why</h2>'), content);
    assert.ok(content.includes('<code>if (a[b[i]]> 0)</code>'), `"]]]]><![CDATA[>" joins into "]]>": ${content}`);
    assert.ok(content.includes('<pre><code>const x = items.filter((i) => i.ok);</code></pre>'), content);
    assert.ok(content.includes('This is not an item: <item><title>fake</title></item>'), content);

    const mixed = entryAt(feed, 1);
    assert.equal(mixed.title, 'Mixing text and CDATA sections');
    assert.equal(mixed.summary, 'Intro & <b>bold</b> middle and an outro.');

    const padded = entryAt(feed, 2);
    assert.equal(padded.title, 'Whitespace around CDATA');
    assert.equal(padded.link, 'https://codeandcoffee.example.dev/2024/04/30/whitespace/', 'a link in CDATA');
    assert.equal(iso(padded.published), '2024-04-30T07:00:00.000Z', 'a date in CDATA');
    assert.equal(padded.summary, 'Ends with brackets: [[x]] and');
  });

  it('keeps the items of a feed cut off mid-item, the cut one too when it has a title', () => {
    const feed = feedOf('truncated.xml');
    assert.equal(feed.title, 'Northfield Courier - Local News');
    assert.deepEqual(titles(feed), [
      'School board delays vote on four-day week',
      'Water main break closes Elm Street',
      'Fire at Riverside warehouse under investigation',
    ]);
    const board = entryAt(feed, 0);
    assert.equal(iso(board.published), '2024-05-14T15:30:00.000Z');
    assert.equal(board.author, 'Alicia Moreno');
    assert.deepEqual(board.enclosures.map((e) => e.url), ['https://cdn.northfield-courier.example/2024/05/board.jpg']);
    assert.equal(entryAt(feed, 1).summary, '<p>Crews expect repairs to last into Wednesday.</p>');
    const cut = entryAt(feed, 2);
    assert.equal(cut.link, 'https://www.northfield-courier.example/local/riverside-warehouse-fire-91bb0');
    assert.equal(cut.id, 'https://www.northfield-courier.example/local/riverside-warehouse-fire-91bb0');
    assert.equal(iso(cut.published), '2024-05-14T11:50:00.000Z');
    assert.equal(cut.author, 'Alicia Moreno');
    assert.match(cut.summary ?? '', /^<p>Firefighters were called to the building on Mill Road shortly after 2 a\.m\., and the cau$/);
  });

  it('keeps the items of a podcast feed cut off inside an attribute value', () => {
    const feed = feedOf('truncated-podcast.xml');
    assert.equal(feed.title, 'Garden Hour');
    assert.deepEqual(titles(feed), ['Ep. 104: Slugs, beer traps and other myths', 'Ep. 103: Tomatoes from seed']);
    const [complete, cut] = [entryAt(feed, 0), entryAt(feed, 1)];
    assert.equal(complete.id, 'gardenhour-104');
    assert.deepEqual(complete.enclosures, [
      { url: 'https://media.gardenhour.example.fm/episodes/gh-104.mp3', type: 'audio/mpeg', length: 41238211 },
    ]);
    assert.equal(complete.author, 'Garden Hour Radio', 'the channel itunes:author');
    assert.equal(cut.id, 'gardenhour-103');
    assert.equal(iso(cut.published), '2024-05-03T05:00:00.000Z');
    assert.equal(cut.summary, 'Sowing, pricking out and potting on.');
    assert.ok(!cut.enclosures.some((e) => e.url.includes('gh-1') && !e.url.endsWith('.mp3')), 'no enclosure from the half-written URL');
  });

  it('confines unclosed and misnested inline tags to the description that holds them', () => {
    const feed = feedOf('broken-inline-markup.xml');
    assert.deepEqual(titles(feed), ['New sketchbook tour', 'Ink vs. watercolour', 'Drawing in the rain']);
    assert.deepEqual(links(feed), [
      'http://dailysketch.example.com/2024/05/sketchbook-tour.html',
      'http://dailysketch.example.com/2024/05/ink-vs-watercolour.html',
      'http://dailysketch.example.com/2024/04/drawing-in-the-rain.html',
    ]);

    const tour = entryAt(feed, 0);
    // The elements after the broken description are still the item's own.
    assert.equal(iso(tour.published), '2024-05-12T19:20:00.000Z');
    assert.deepEqual(tour.categories, ['sketchbooks']);
    const tourHtml = tour.content ?? '';
    assert.ok(tourHtml.startsWith('<p>I finally filled the <b>blue Moleskine'), tourHtml);
    assert.ok(tourHtml.includes('<i>quick <b>tour'), tourHtml);
    assert.ok(tourHtml.includes('<img src="http://dailysketch.example.com/img/tour-01.jpg" alt="page one">'), tourHtml);
    assert.ok(tourHtml.endsWith('<p>More next week'), tourHtml);
    assert.doesNotMatch(tourHtml, /pubDate|<\/?description|<\/?item|<category/i);

    const ink = entryAt(feed, 1);
    assert.equal(ink.summary, 'A short comparison.');
    assert.equal(iso(ink.published), '2024-05-05T18:00:00.000Z');
    assert.deepEqual(ink.categories, ['materials']);
    const inkHtml = ink.content ?? '';
    assert.ok(inkHtml.includes('<li>Brush pens</ul>'), inkHtml);
    assert.ok(inkHtml.endsWith('<p>Questions? Leave a comment.'), inkHtml);
    assert.doesNotMatch(inkHtml, /pubDate|content:encoded|<category/i);

    const rain = entryAt(feed, 2);
    assert.equal(iso(rain.published), '2024-04-28T17:00:00.000Z');
    assert.match(rain.summary ?? '', /Umbrella in one hand, pen in the other\./);
  });

  it(
    'confines an unclosed attribute quote in inline markup to its description',
    () => {
      const feed = feedOf('unclosed-attribute-quote.xml');
      assert.deepEqual(titles(feed), [
        'Library extends opening hours',
        'Farmers market returns to Main Street',
        'Council approves skate park',
        'Letters: parking on Elm Street',
      ]);
      assert.deepEqual(links(feed), [
        'https://westbrookweekly.example.com/2024/05/library-hours.html',
        'https://westbrookweekly.example.com/2024/05/farmers-market.html',
        'https://westbrookweekly.example.com/2024/05/skate-park.html',
        'https://westbrookweekly.example.com/2024/05/letters-parking.html',
      ]);
      const market = entryAt(feed, 1);
      assert.match(market.summary ?? '', /^<p>Thirty stalls this year\./);
      assert.doesNotMatch(market.summary ?? '', /skate park|<item>|<\/description>/i);
      const skate = entryAt(feed, 2);
      assert.equal(skate.author, 'Mel Ortiz');
      assert.equal(iso(skate.published), '2024-05-09T23:30:00.000Z');
      assert.deepEqual(skate.enclosures, [
        { url: 'https://westbrookweekly.example.com/img/skate-park.jpg', type: 'image/jpeg', length: 88213 },
      ]);
    },
  );

  it('reads a feed with a UTF-8 BOM and blank lines before <?xml', () => {
    const bytes = bytesOf('bom-blank-lines.xml');
    assert.deepEqual([...bytes.subarray(0, 4)], [0xef, 0xbb, 0xbf, 0x0d], 'the fixture starts with a BOM and a blank line');
    for (const result of [parseFeedBytes(bytes, {}), parseFeedText(bytes.toString('utf8'), null)]) {
      if (isParseError(result)) assert.fail(result.error);
      const feed = result.feed;
      assert.equal(feed.title, 'Café Naïve — Food & Travel');
      assert.deepEqual(titles(feed), ['Crème brûlée in a camping stove', 'Three days in Kraków']);
      const brulee = entryAt(feed, 0);
      assert.equal(brulee.author, 'Zoë Dubois');
      assert.equal(iso(brulee.published), '2024-05-08T12:00:00.000Z');
      assert.equal(brulee.summary, 'It costs 4 € and a little patience.');
      assert.equal(entryAt(feed, 1).summary, 'Pierogi, żurek and a lot of walking.');
    }
  });

  it('reads the encoding declaration of a feed with whitespace before <?xml (ISO-8859-15, € and œ)', () => {
    const feed = feedOf('latin9-leading-whitespace.xml');
    assertCleanText(feed);
    assert.equal(feed.title, 'La Gazette du Marché');
    assert.deepEqual(titles(feed), ['Le prix du bœuf dépasse 20 € le kilo', 'Œufs : la production repart']);
    assert.equal(entryAt(feed, 0).summary, "Les éleveurs expliquent la hausse par le coût de l'alimentation.");
    assert.equal(entryAt(feed, 1).summary, 'Une douzaine coûte en moyenne 3,20 €.');
    assert.equal(iso(entryAt(feed, 1).published), '2024-05-10T05:00:00.000Z');
  });

  it('reads <rss> without a version attribute', () => {
    const feed = feedOf('rss-no-version.xml');
    assert.equal(feed.format, 'rss');
    assert.equal(feed.title, 'Hillcrest Parish Newsletter');
    assert.equal(feed.link, 'https://hillcrest-parish.example.org/news');
    assert.deepEqual(titles(feed), ['Annual parish meeting: 21 May', 'Road closure on Church Lane']);
    assert.equal(iso(entryAt(feed, 0).published), '2024-05-06T08:00:00.000Z');
    assert.equal(entryAt(feed, 1).author, 'Parish Clerk');
    assert.equal(entryAt(feed, 1).link, 'https://hillcrest-parish.example.org/news/church-lane-closure');
  });

  it('reads an empty <rss></rss> as a feed with no entries, not an error', () => {
    const result = parseFeedBytes(bytesOf('empty-rss.xml'), { url: 'https://feeds.example.org/empty.xml', contentType: 'application/rss+xml' });
    if (isParseError(result)) assert.fail(`expected an empty feed, got error: ${result.error}`);
    assert.equal(result.feed.format, 'rss');
    assert.deepEqual(result.feed.entries, []);
    assert.equal(result.feed.title, null);
    assert.equal(result.feed.link, null);
  });

  it('reads items written after </channel>, directly inside <rss>', () => {
    const feed = feedOf('items-outside-channel.xml');
    assert.equal(feed.title, "Bob's Model Railway Pages");
    assert.equal(feed.link, 'http://www.bobs-railway.example.co.uk/');
    assert.equal(feed.entries.length, 3);
    assert.deepEqual([...titles(feed)].sort(), ['New signal box finished', 'Open day photos', 'Points motors rewired']);
    const points = feed.entries.find((e) => e.title === 'Points motors rewired');
    assert.equal(points?.link, 'http://www.bobs-railway.example.co.uk/news/points.htm');
    assert.equal(points?.summary, 'No more shorts on the branch line.');
  });

  it(
    'keeps document order for items inside and outside <channel>',
    () => {
      const feed = feedOf('items-outside-channel.xml');
      assert.deepEqual(titles(feed), ['New signal box finished', 'Points motors rewired', 'Open day photos']);
    },
  );
});

describe('lenient parsing: character encodings', () => {
  for (const contentType of [null, 'application/rss+xml; charset=UTF-8']) {
    it(`reads Windows-1252 bytes in a feed that declares UTF-8 (curly quotes 0x93/0x94), Content-Type ${contentType}`, () => {
      const bytes = bytesOf('cp1252-declared-utf8.xml');
      assert.ok(bytes.includes(0x93) && bytes.includes(0x94), 'the fixture holds Windows-1252 curly quotes');
      const feed = feedOf('cp1252-declared-utf8.xml', { contentType });
      assertCleanText(feed);
      assert.equal(feed.title, 'The Corner Office – Small Business Blog');
      const cash = entryAt(feed, 0);
      assert.equal(cash.title, '“Cash is king” – why your invoices need a deadline');
      assert.equal(cash.author, 'Renée O’Brien');
      assert.equal(iso(cash.published), '2024-05-13T17:00:00.000Z');
      assert.equal(cash.summary, '<p>It’s the oldest rule in the book… and the most ignored. A 30-day term costs you €0 to write.</p>');
      assert.equal(entryAt(feed, 1).summary, 'From “offer letter” to payroll — what to do, in order.');
    });
  }

  for (const contentType of [null, 'application/rss+xml']) {
    it(`reads Windows-1251 Cyrillic that declares no encoding anywhere, Content-Type ${contentType}`, () => {
      const feed = feedOf('windows-1251-undeclared.xml', { contentType });
      assertCleanText(feed);
      assert.equal(feed.title, 'Новости Поволжья');
      assert.deepEqual(titles(feed), ['В Самаре открыли новый мост через Волгу', 'Синоптики обещают «жаркое лето» — до +35 °C']);
      const bridge = entryAt(feed, 0);
      assert.equal(bridge.author, 'Ирина Ёлкина');
      assert.deepEqual(bridge.categories, ['Общество']);
      assert.equal(bridge.summary, 'Движение по мосту откроют для всех автомобилей уже в пятницу, сообщили в мэрии.');
      assert.equal(iso(bridge.published), '2024-05-14T08:40:00.000Z');
      assert.equal(entryAt(feed, 1).summary, 'Первая волна жары придёт в регион в середине июня.');
    });
  }

  it(
    'reads undeclared Windows-1251 when ASCII markup outweighs the Cyrillic text (an <image> block, guids, an enclosure)',
    () => {
      const feed = feedOf('windows-1251-undeclared-markup-heavy.xml', { contentType: 'application/rss+xml' });
      assert.equal(feed.title, 'Новости Поволжья');
      assert.deepEqual(titles(feed), ['В Самаре открыли новый мост через Волгу', 'Синоптики обещают «жаркое лето» — до +35 °C']);
      assert.equal(entryAt(feed, 0).author, 'Ирина Ёлкина');
      assert.equal(entryAt(feed, 0).id, 'pn-58213');
      assert.deepEqual(entryAt(feed, 1).enclosures.map((e) => e.url), [
        'https://povolzhye-news.example.ru/upload/iblock/5e1/pogoda-leto.jpg',
      ]);
    },
  );

  it('reads ISO-8859-2 declared only in the HTTP Content-Type', () => {
    const feed = feedOf('iso-8859-2-http-only.xml', { contentType: 'application/rss+xml; charset=ISO-8859-2' });
    assertCleanText(feed);
    assert.equal(feed.title, 'Kurier Pomorski - Wiadomości');
    assert.deepEqual(titles(feed), [
      'Gdańsk: nowa linia tramwajowa już w czerwcu',
      'Żużel: zwycięstwo w ostatnim biegu',
      'Sopot: plaża otwarta od 15 czerwca',
    ]);
    assert.equal(entryAt(feed, 0).summary, 'Tramwaje pojadą przez Śródmieście i Wrzeszcz, zapowiada zarząd dróg.');
    assert.equal(entryAt(feed, 1).summary, 'Łukasz Różański przesądził o wyniku meczu w Gdyni.');
    assert.equal(entryAt(feed, 2).summary, 'Ratownicy będą dyżurować codziennie od 9 do 18.');
  });

  it('reads Shift_JIS declared in the XML declaration (an RSS 1.0 feed)', () => {
    const feed = feedOf('shift_jis.xml');
    assertCleanText(feed);
    assert.equal(feed.format, 'rdf');
    assert.equal(feed.title, '東京テックニュース');
    assert.deepEqual(titles(feed), ['新型スマートフォン「ヒカリ５」を発表', '東京都、夏の節電要請を発表']);
    const phone = entryAt(feed, 0);
    assert.equal(phone.link, 'https://tech-tokyo.example.jp/news/2024/05/14/hikari5.html');
    assert.equal(phone.author, '山田太郎');
    assert.equal(iso(phone.published), '2024-05-14T01:30:00.000Z');
    assert.deepEqual(phone.categories, ['モバイル']);
    assert.equal(phone.summary, 'カメラ性能を大幅に強化し、価格は据え置きとなる。');
    assert.equal(entryAt(feed, 1).summary, '冷房の設定温度は２８度を目安に。');
  });

  it('reads GB2312 declared in the XML declaration, with a GBK-only character', () => {
    const feed = feedOf('gb2312.xml');
    assertCleanText(feed);
    assert.equal(feed.title, '东方财经网 - 要闻');
    assert.deepEqual(titles(feed), ['央行宣布下调存款准备金率0.5个百分点', '上海：新能源汽车销量创新高']);
    assert.equal(entryAt(feed, 0).author, '张喆', '喆 is outside GB2312; feeds labelled gb2312 are GBK');
    assert.equal(entryAt(feed, 0).summary, '此次降准将释放长期资金约1万亿元。');
    assert.equal(entryAt(feed, 1).author, '李明');
    assert.equal(iso(entryAt(feed, 1).published), '2024-05-13T01:30:00.000Z');
  });

  it('reads EUC-KR declared in the XML declaration', () => {
    const feed = feedOf('euc-kr.xml');
    assertCleanText(feed);
    assert.equal(feed.title, '한빛일보 - 경제');
    assert.deepEqual(titles(feed), ['서울시, 대중교통 요금 인상 확정', '반도체 수출 3개월 연속 증가']);
    assert.equal(entryAt(feed, 0).author, '김민수 기자');
    assert.equal(entryAt(feed, 0).summary, '지하철과 버스 요금이 다음 달부터 150원 오른다.');
    assert.equal(entryAt(feed, 1).link, 'http://www.hanbit-ilbo.example.kr/news/article.html?no=120925');
  });

  it('reads UTF-16 LE with a BOM (Greek and an emoji outside the BMP)', () => {
    const bytes = bytesOf('utf16le-bom.xml');
    assert.deepEqual([...bytes.subarray(0, 4)], [0xff, 0xfe, 0x3c, 0x00]);
    const feed = feedOf('utf16le-bom.xml');
    assertCleanText(feed);
    assert.equal(feed.title, 'Athens Startup Digest');
    assert.deepEqual(titles(feed), ['Νέα χρηματοδότηση για την ελληνική τεχνολογία 🚀', 'Meetup recap: Rust in production']);
    assert.equal(entryAt(feed, 0).author, 'Ελένη Παπαδοπούλου');
    assert.equal(entryAt(feed, 0).summary, 'Ένα νέο ταμείο 50 εκατ. € για νεοφυείς επιχειρήσεις.');
    assert.equal(iso(entryAt(feed, 1).published), '2024-05-07T16:30:00.000Z');
  });

  it('reads UTF-16 BE without a BOM (an Atom feed)', () => {
    const bytes = bytesOf('utf16be-no-bom.xml');
    assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x3c, 0x00, 0x3f]);
    const feed = feedOf('utf16be-no-bom.xml');
    assertCleanText(feed);
    assert.equal(feed.format, 'atom');
    assert.equal(feed.title, 'Münchner Entwicklerblog');
    assert.deepEqual(titles(feed), ['Größenänderung von Bildern – schnell und günstig', 'Straßenbahn-Daten als Open Data']);
    const images = entryAt(feed, 0);
    assert.equal(images.author, 'Jörg Überall');
    assert.equal(images.summary, 'Mit libvips statt ImageMagick: 日本語のファイル名 inklusive.');
    assert.equal(iso(images.published), '2024-05-12T16:00:00.000Z');
  });

  it(
    'reads UTF-16 LE without a BOM when a blank line precedes <?xml',
    () => {
      const bytes = bytesOf('utf16le-no-bom-leading-newline.xml');
      assert.deepEqual([...bytes.subarray(0, 4)], [0x0a, 0x00, 0x3c, 0x00]);
      const feed = feedOf('utf16le-no-bom-leading-newline.xml');
      assert.equal(feed.title, 'Østfold Seilforening');
      assert.deepEqual(titles(feed), ['Sesongåpning på Hankø lørdag', 'Kurs i sjømannskap']);
      assert.equal(entryAt(feed, 1).summary, 'Påmelding innen 20. mai.');
    },
  );
});

describe('lenient parsing: values', () => {
  it('resolves Atom links against nested xml:base, each relative to its parent’s base', () => {
    const feed = feedOf('xml-base-atom.xml', { url: 'https://feeds.feedhost.example.com/lattice-labs/atom.xml' });
    assert.equal(feed.link, 'https://www.lattice-labs.example.org/', 'href="/" against the feed’s xml:base, not the feed URL');
    assert.deepEqual(links(feed), [
      'https://www.lattice-labs.example.org/blog/2024/05/spring-release.html', // feed base + entry base "/blog/2024/" + "05/…"
      'https://www.lattice-labs.example.org/about/team', // the feed's base only
      'https://archive.lattice-labs.example.org/2019/11/first-outage/', // an absolute entry base, "../2019/11/…"
    ]);
    assert.deepEqual(entryAt(feed, 0).enclosures, [
      { url: 'https://cdn.lattice-labs.example.net/media/podcast/spring-release.mp3', type: 'audio/mpeg', length: 8812000 },
    ]);
    assert.equal(entryAt(feed, 0).author, 'Hana Ito');
  });

  it('resolves relative RSS links and enclosure URLs against the feed URL', () => {
    const feed = feedOf('relative-links-rss.xml', { url: 'https://www.valleyradio.example.org/podcasts/morning/feed.xml' });
    assert.equal(feed.link, 'https://www.valleyradio.example.org/shows/morning/');
    assert.deepEqual(links(feed), [
      'https://www.valleyradio.example.org/podcasts/morning/episode-0514.html',
      'https://www.valleyradio.example.org/shows/morning/episode-0513.html?autoplay=0',
      'https://www.valleyradio.example.org/shows/morning/episode-0510.html',
    ]);
    assert.deepEqual(entryAt(feed, 0).enclosures, [
      { url: 'https://www.valleyradio.example.org/podcasts/media/morning/2024-05-14.mp3', type: 'audio/mpeg', length: 52344102 },
    ]);
    assert.deepEqual(entryAt(feed, 1).enclosures.map((e) => e.url), ['https://media.valleyradio.example.org/morning/2024-05-13.mp3']);
    assert.equal(entryAt(feed, 0).author, 'Valley Community Radio', 'the channel itunes:author');
  });

  it('gives stable ids: guid, else link, else a content hash; equal across parses, distinct across items', () => {
    const url = 'https://harbourtownherald.example.com/notices/rss';
    const feed = feedOf('stable-ids.xml', { url });
    const ids = feed.entries.map((e) => e.id);
    assert.equal(ids.length, 6);
    assert.equal(ids[0], 'notice-88213', 'the guid, trimmed');
    assert.equal(ids[1], 'https://harbourtownherald.example.com/notices/jumble-sale?id=88207', 'the guid, not the link');
    assert.equal(ids[2], 'https://harbourtownherald.example.com/notices/choir-tenors', 'no guid: the link');
    for (const id of ids.slice(3)) assert.match(id, /^sha1:[0-9a-f]{40}$/, 'neither guid nor link: a hash');
    assert.equal(new Set(ids).size, ids.length, 'two "Road closed" notices with different text have different ids');

    assert.deepEqual(feedOf('stable-ids.xml', { url }).entries.map((e) => e.id), ids, 'same bytes, same ids');
    const text = bytesOf('stable-ids.xml').toString('utf8');
    const again = parseFeedText(text, url);
    if (isParseError(again)) assert.fail(again.error);
    assert.deepEqual(again.feed.entries.map((e) => e.id), ids, 'same text, same ids');

    // An id does not depend on the item's position: drop the first item, the others keep theirs.
    const firstItem = /<item>[\s\S]*?<\/item>\s*/;
    const shorter = parseFeedText(text.replace(firstItem, ''), url);
    if (isParseError(shorter)) assert.fail(shorter.error);
    assert.deepEqual(shorter.feed.entries.map((e) => e.id), ids.slice(1));
  });

  it('reads RFC 822 dates with zone abbreviations and two-digit years, ISO 8601 short forms, and zone-less dates as UTC', () => {
    const feed = feedOf('dates.xml');
    const published = Object.fromEntries(feed.entries.map((e) => [e.title, iso(e.published)]));
    assert.deepEqual(published, {
      'Release 3.2 of the radar toolkit': '2024-05-14T14:30:00.000Z', // EST, -05:00
      'Notes from the Portland sprint': '2024-05-14T16:30:00.000Z', // PDT, -07:00
      'Neue Wetterdaten vom DWD': '2024-05-14T07:30:00.000Z', // CEST, +02:00 (German day and month names)
      'Met Office data now open': '2024-05-14T08:30:00.000Z', // BST, +01:00
      'A two-digit year': '2024-05-13T18:05:00.000Z',
      'From the archives (1999)': '1999-01-02T08:00:00.000Z',
      'Date only': '2024-05-12T00:00:00.000Z',
      'Minutes, no seconds': '2024-05-11T20:15:00.000Z',
      'Basic format': '2024-05-10T07:30:00.000Z',
      'Year and month': '2024-04-01T00:00:00.000Z',
      'RFC 822 without a zone': '2024-05-08T12:00:00.000Z',
      'ISO 8601 without a zone': '2024-05-07T06:45:00.000Z',
    });
  });

  it('reads authors from <author>email (Name)</author>, dc:creator, itunes:author and "Name <email>"', () => {
    const feed = feedOf('authors-podcast.xml');
    assert.deepEqual(
      feed.entries.map((e) => [e.title, e.author]),
      [
        ['#212 The comet that came back', 'Maria Lopez'], // <author> wins over the item's itunes:author
        ['#211 Why octopuses dream', 'Tom Baker'], // dc:creator in CDATA
        ['#210 Listener questions', 'Maria Lopez & Tom Baker'], // item itunes:author
        ['#209 Bonus: live from the science fair', 'Byte Sized Science Team'], // the channel's itunes:author
        ['#208 Guest episode', 'Dr. Ruth Okoye'], // "Name <email>"
      ],
    );
  });

  it('reads Atom <author><name>, falling back to the feed author', () => {
    const feed = feedOf('atom-nonstandard-namespace.xml');
    assert.deepEqual(feed.entries.map((e) => e.author), ['Oliver Grant', 'Sofia Reyes', 'Oliver Grant']);
  });
});

describe('lenient parsing: namespaces', () => {
  it('prefers content:encoded for content, takes media:content, media:thumbnail and itunes:image as image enclosures, and atom:link rel=alternate as the link', () => {
    const feed = feedOf('namespaces-news.xml', { url: 'https://metrodaily.example.com/rss/top.xml' });
    assert.equal(feed.title, 'Metro Daily - Top Stories');
    assert.equal(feed.link, 'https://metrodaily.example.com/top-stories', 'the channel atom:link rel=alternate, not rel=self');

    const bikes = entryAt(feed, 0);
    assert.equal(
      bikes.content,
      '<p>The plan would connect every neighborhood by 2030, officials said on <strong>Tuesday</strong>.</p><p>Cyclists welcomed it.</p>',
    );
    assert.equal(bikes.summary, 'The plan would connect every neighborhood by 2030.');
    assert.equal(bikes.author, 'Carla Nguyen');
    assert.deepEqual(bikes.enclosures.map((e) => e.url), [
      'https://img.metrodaily.example.com/2024/05/14/bike-lanes-1200.jpg',
      'https://img.metrodaily.example.com/2024/05/14/bike-lanes-300.jpg',
    ]);
    assert.equal(bikes.enclosures[0]?.type, 'image/jpeg');
    assert.match(bikes.enclosures[1]?.type ?? '', /^image\b/, 'a media:thumbnail is an image');

    const ceo = entryAt(feed, 1);
    assert.equal(ceo.link, 'https://metrodaily.example.com/news/2024/05/14/transit-ceo', 'atom:link rel=alternate in an RSS item');
    assert.equal(ceo.id, 'md-1151172');
    assert.deepEqual(ceo.enclosures.map((e) => e.url), ['https://img.metrodaily.example.com/2024/05/14/transit-ceo.jpg']);
    assert.match(ceo.enclosures[0]?.type ?? '', /^image\b/, 'media:content medium="image" in a media:group');

    const podcast = entryAt(feed, 2);
    assert.equal(podcast.author, 'Metro Daily Audio');
    const image = podcast.enclosures.find((e) => e.url === 'https://img.metrodaily.example.com/podcasts/metro-minute-0513.png');
    assert.ok(image, 'itunes:image is an enclosure');
    assert.match(image.type ?? '', /^image\b/);
    assert.ok(podcast.enclosures.some((e) => e.type === 'audio/mpeg' && e.length === 4811023));
  });

  it('reads dc:, content: and media: elements whose prefixes are never declared', () => {
    const feed = feedOf('undeclared-prefix.xml');
    assert.equal(feed.title, 'Kettle & Crumb');
    const sourdough = entryAt(feed, 0);
    assert.equal(sourdough.author, 'Ines Alves');
    assert.deepEqual(sourdough.categories, ['Bread']);
    assert.equal(sourdough.summary, 'Finally an open crumb.');
    assert.ok(sourdough.content?.includes('<p>Hydration was 78%.</p>'), sourdough.content ?? '');
    assert.deepEqual(sourdough.enclosures, [{ url: 'https://kettleandcrumb.example.com/img/crumb-thumb.jpg', type: 'image', length: null }]);
    assert.equal(entryAt(feed, 1).author, 'Ines Alves');
  });

  it('reads Atom whose default namespace is a pre-1.0 draft URI', () => {
    const feed = feedOf('atom-nonstandard-namespace.xml');
    assert.equal(feed.format, 'atom');
    assert.equal(feed.title, 'Field Notes by Oliver Grant');
    assert.equal(feed.link, 'https://fieldnotes.example.me/');
    assert.deepEqual(titles(feed), ['Birding at dawn (again)', 'Trail maintenance day', 'Rain, mostly']);
    const birding = entryAt(feed, 0);
    assert.equal(birding.link, 'https://fieldnotes.example.me/2024/05/birding-at-dawn');
    assert.equal(iso(birding.published), '2024-05-11T10:05:00.000Z');
    assert.equal(iso(birding.updated), '2024-05-11T20:20:00.000Z');
    assert.deepEqual(birding.categories, ['Birds']);
    assert.equal(birding.summary, 'Warblers are back.');
    assert.equal(birding.content, '<p>Seven species of <b>warbler</b> before breakfast.</p>');
    assert.deepEqual(birding.enclosures, [{ url: 'https://fieldnotes.example.me/img/warbler-thumb.jpg', type: 'image', length: null }]);
    const trail = entryAt(feed, 1);
    assert.equal(trail.content, '<p>We cleared <strong>two miles</strong> of trail.</p>');
    assert.equal(iso(trail.published), '2024-05-04T23:00:00.000Z', 'no published: updated stands in');
  });
});

describe('lenient parsing: JSON Feed', () => {
  for (const url of ['https://marginalia.example.net/feed.json', null]) {
    it(`reads JSON Feed 1.0 with an author object and relative URLs (fetched from ${url ?? 'an unknown URL: feed_url is the base'})`, () => {
      const feed = feedOf('jsonfeed-1.0.json', { url, contentType: 'application/json' });
      assert.equal(feed.format, 'json');
      assert.equal(feed.title, 'Marginalia');
      assert.equal(feed.link, 'https://marginalia.example.net/');
      assert.deepEqual(links(feed), [
        'https://marginalia.example.net/2024/05/14/reading-list',
        'https://marginalia.example.net/2024/05/09/footnotes',
        'https://example.org/', // external_url
      ]);
      const list = entryAt(feed, 0);
      assert.equal(list.author, 'Ruth Adebayo', 'the feed author object');
      assert.equal(iso(list.published), '2024-05-14T13:30:00.000Z');
      assert.equal(iso(list.updated), '2024-05-14T14:00:00.000Z');
      assert.deepEqual(list.categories, ['books', 'lists']);
      assert.equal(list.content, '<p>Five books I am halfway through.</p>');
      assert.deepEqual(list.enclosures, [{ url: 'https://marginalia.example.net/img/2024/05/books.jpg', type: 'image', length: null }]);
      const footnotes = entryAt(feed, 1);
      assert.equal(footnotes.id, '1702');
      assert.equal(footnotes.author, 'Guest: Pat Kim', 'the item author object');
      assert.match(footnotes.content ?? '', /^Footnotes are the best part of any book\.\s+This is a hill I will die on\.$/);
      assert.deepEqual(footnotes.enclosures, [{ url: 'https://marginalia.example.net/audio/footnotes.m4a', type: 'audio/x-m4a', length: 2203315 }]);
      const untitled = entryAt(feed, 2);
      assert.equal(untitled.title, 'A quick link: example.org.', 'no title: the start of the text');
    });
  }

  it('reads JSON Feed 1.1 with authors arrays and relative URLs', () => {
    const feed = feedOf('jsonfeed-1.1.json', { url: 'https://quietcommit.example.dev/feed.json' });
    assert.equal(feed.format, 'json');
    assert.equal(feed.title, 'The Quiet Commit');
    assert.deepEqual(titles(feed), ['git bisect saved my week', 'Remote pairing & how we do it', 'Changelog: May']);
    assert.deepEqual(links(feed), [
      'https://quietcommit.example.dev/posts/git-bisect/',
      'https://quietcommit.example.dev/posts/remote-pairing/',
      'https://quietcommit.example.dev/posts/changelog-may/',
    ]);
    assert.deepEqual(feed.entries.map((e) => e.author), ['Lena Fischer', 'Lena Fischer, Kofi Mensah', 'Lena Fischer, Kofi Mensah']);
    assert.deepEqual(entryAt(feed, 0).enclosures, [
      { url: 'https://quietcommit.example.dev/media/bisect-demo.mp4', type: 'video/mp4', length: 10485760 },
    ]);
    assert.deepEqual(entryAt(feed, 1).enclosures.map((e) => e.url), ['https://quietcommit.example.dev/img/pairing-banner.png']);
    assert.equal(iso(entryAt(feed, 0).published), '2024-05-13T16:45:00.000Z');
    assert.equal(entryAt(feed, 2).content, 'Dark mode, finally.');
  });
});

describe('lenient parsing: not a feed', () => {
  it('returns an error value, without throwing, for an HTML page served where a feed was expected', () => {
    const bytes = bytesOf('html-instead-of-feed.html');
    let result: ReturnType<typeof parseFeedBytes> | undefined;
    assert.doesNotThrow(() => {
      result = parseFeedBytes(bytes, { url: 'https://www.lakeside-tribune.example/rss', contentType: 'text/html; charset=UTF-8' });
    });
    assert.ok(result && isParseError(result), `expected an error, got ${JSON.stringify(result)}`);
    assert.match(result.error, /HTML/i);
    const fromText = parseFeedText(bytes.toString('utf8'), 'https://www.lakeside-tribune.example/rss');
    assert.ok(isParseError(fromText));
    assert.match(fromText.error, /not a feed/);
  });
});
