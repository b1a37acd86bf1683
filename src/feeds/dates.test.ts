import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { parseFeedDate } from './dates.js';

type Row = readonly [input: string, expected: string | null];

function iso(input: string): string | null {
  return parseFeedDate(input)?.toISOString() ?? null;
}

function check(rows: readonly Row[]): void {
  for (const [input, expected] of rows) {
    assert.equal(iso(input), expected === null ? null : new Date(expected).toISOString(), JSON.stringify(input));
  }
}

// feeds-dev manifest, categories feedparser-dates/* (meta.input → entry.published).
const FEEDPARSER_DATES: Row[] = [
  ['031231', '2003-12-31T00:00:00Z'], // iso8601/d002: YYMMDD
  ['03335', '2003-12-01T00:00:00Z'], // iso8601/d005: YYDDD
  ['Thu, 30 Apr 2015 08:57:00 MEST', '2015-04-30T06:57:00Z'], // rfc822/d009
  ['Thu, 01 Jan 0100 00:00:01 +0100', '0099-12-31T23:00:01Z'], // rfc822/d010 (expected written "99-12-31T23:00:01Z")
  ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'], // rfc822/d012
  ['Wed, 19 Aug 2009 18:28:00 Etc/GMT', '2009-08-19T18:28:00Z'], // rfc822/d014
  ['Wed, 19 Feb 2012 22:40:00 -01:01', '2012-02-19T23:41:00Z'], // rfc822/d016
  ['Mon, 26 January 2004 16:31:00 MT', '2004-01-26T23:31:00Z'], // rfc822/d023
  ['Thu Aug 30 2012 17:26:16 +0200', '2012-08-30T15:26:16Z'], // rfc822/d025
  ['Fri,24 Nov 2023 18:28:36 -0000', '2023-11-24T18:28:36Z'], // rfc822/d026
  ['Sun Jul 15 01:16:00 +0000 2012', '2012-07-15T01:16:00Z'], // asctime/d028
  ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55Z'], // w3dtf/d029
  ['2007-04-23T23:25:47.538+10:00', '2007-04-23T13:25:47Z'], // w3dtf/d032 (fraction dropped)
  ['2003-12', '2003-12-01T00:00:00Z'], // w3dtf/d034
  ['2003', '2003-01-01T00:00:00Z'], // w3dtf/d035
  ['2004-02-28T18:14:55-08:00', '2004-02-29T02:14:55Z'], // w3dtf/d036
  ['2004-07-08 23:56:58', '2004-07-08T23:56:58Z'], // w3dtf/d040
];

// Dates inside other feeds-dev cases that carry an entry.published / entry.updated check.
const OTHER_CASES: Row[] = [
  ['2004-04-06T23:05:43-05:00', '2004-04-07T04:05:43Z'], // feedparser/wellformed/cdf/item_lastmod_parsed
  ['2002-11-12T18:30:02Z', '2002-11-12T18:30:02Z'], // miniflux/atom/TestParseEntryWithPublishedAndUpdated
  ['2018-04-10T05:00:00+00:00', '2018-04-10T05:00:00Z'], // miniflux/rdf/TestParseItemWithDublicCoreDate
  ['2026-02-03T04:05:06Z', '2026-02-03T04:05:06Z'], // gofeed/rss/feed_item_fallbacks_-_rss_channel_item_extensions
  ['Tomorrow', null], // miniflux/json/TestParseItemWithInvalidDate
];

// One of each form found in feeds-dev/real/ (pubDate, published, updated, dc:date, JSON Feed dates…).
const REAL_FEEDS: Row[] = [
  ['Mon, 29 Dec 2008 07:51:19 +0000', '2008-12-29T07:51:19Z'], // tenderlovemaking.xml
  ['Sat, 07 Sep 2002 09:42:31 GMT', '2002-09-07T09:42:31Z'], // tenderlovemaking.xml
  ['Tue, 01 Oct 2019 14:30:00 PST', '2019-10-01T22:30:00Z'], // giantbomb-podcast.xml
  ['Tue, 03 Sep 2019 18:00:00 -0000', '2019-09-03T18:00:00Z'], // google-cloudblog.xml
  ['Wed, 03 Jan 2018 14:11:52 GMT\r\n      ', '2018-01-03T14:11:52Z'], // encoding-rss.xml
  ['07 Nov 2015 12:00:00 EST', '2015-11-07T17:00:00Z'], // podcast-itunes.xml: no weekday
  ['Sun, 12 August 2012 10:00:00 EST', '2012-08-12T15:00:00Z'], // podcast-itunes.xml: full month name
  ['Tue, 6 June 2006 10:30:00 GMT', '2006-06-06T10:30:00Z'], // podcast-itunes.xml
  ['Tue 11 Jan 2011 01:30:00 GMT', '2011-01-11T01:30:00Z'], // podcast-itunes.xml: no comma
  ['Wed 5 Jan 2011 01:30:00 GMT', '2011-01-05T01:30:00Z'], // podcast-itunes.xml
  ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40Z'], // uol-noticias.xml: Portuguese
  ['03 Apr 02 1500 GMT', '2002-04-03T15:00:00Z'], // heraldsun.xml: two-digit year, HHMM time
  ['2020/1/10 14:33:00', '2020-01-10T14:33:00Z'], // kc0011.xml: slashes, no zone
  ['2005-09-18T22:37:10+00:00', '2005-09-18T22:37:10Z'], // youtube-atom.xml
  ['2013-02-23T18:33:07-08:00', '2013-02-24T02:33:07Z'], // samruby-atom.xml
  ['2018-01-06T08:00', '2018-01-06T08:00:00Z'], // curt-jsonfeed.json: no seconds, no zone
  ['2018-04-09T19:39:12.675Z', '2018-04-09T19:39:12Z'], // content-encoded.xml
  ['2017-10-18T03:40:38.732-07:00', '2017-10-18T10:40:38Z'], // many-links.xml
  ['2019-08-27', '2019-08-27T00:00:00Z'], // bio-rdf.xml
];

describe('parseFeedDate', () => {
  it('parses every date case of the feeds-dev dataset', () => check(FEEDPARSER_DATES));
  it('parses the dates of the other feeds-dev cases', () => check(OTHER_CASES));
  it('parses the forms found in real feeds', () => check(REAL_FEEDS));

  it('parses RFC 822 / 1123 / 2822 and their wild variants', () =>
    check([
      ['Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00Z'],
      ['10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00Z'],
      ['Fri, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00Z'], // wrong weekday: ignored
      ['Tue, 3 Jun 2003 04:00 GMT', '2003-06-03T04:00:00Z'], // single-digit day, no seconds
      ['  tue, 10 JUN 2003 04:00:00 gmt  ', '2003-06-10T04:00:00Z'],
      ['Tue, 10 Jun. 2003 04:00:00 GMT', '2003-06-10T04:00:00Z'],
      ['Wed, 10 Sept 2003 04:00:00 GMT', '2003-09-10T04:00:00Z'],
      ['Wed, 10 Sept. 2003 04:00:00 GMT', '2003-09-10T04:00:00Z'],
      ['Wednesday, 10 September 2003 04:00:00 GMT', '2003-09-10T04:00:00Z'],
      ['Tue, 10 Jun 03 04:00:00 GMT', '2003-06-10T04:00:00Z'],
      ['Tue, 10 Jun 49 04:00:00 GMT', '2049-06-10T04:00:00Z'],
      ['Tue, 10 Jun 50 04:00:00 GMT', '1950-06-10T04:00:00Z'],
      ['Tue, 10 Jun 99 04:00:00 GMT', '1999-06-10T04:00:00Z'],
      ['Tue, 10 Jun 2003 04:00:00 +0200', '2003-06-10T02:00:00Z'],
      ['Tue, 10 Jun 2003 04:00:00 -05:00', '2003-06-10T09:00:00Z'],
      ['Tue, 10 Jun 2003 04:00:00 +02', '2003-06-10T02:00:00Z'],
      ['Tue, 10 Jun 2003 04:00:00 +0530', '2003-06-09T22:30:00Z'],
      ['Tue, 10 Jun 2003 04:00:00 +0200 (CEST)', '2003-06-10T02:00:00Z'],
      ['Tue, 10 Jun 2003 04:00:00 GMT+2', '2003-06-10T02:00:00Z'],
      ['Tue, 10 Jun 2003 04:00:00 Etc/GMT+5', '2003-06-10T09:00:00Z'], // POSIX sign
      ['Tue, 10 Jun 2003 04:00:00', '2003-06-10T04:00:00Z'], // no zone: UTC
      ['Tue, 10 Jun 2003', '2003-06-10T00:00:00Z'],
      ['Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37Z'], // RFC 850
      ['Tue, 10 Jun 2003 04:00:00.250 GMT', '2003-06-10T04:00:00Z'],
      ['June 10, 2003 4:00 PM EST', '2003-06-10T21:00:00Z'],
      ['June 10, 2003 12:00 a.m.', '2003-06-10T00:00:00Z'],
      ['Jan 4th, 2004 at 10:00', '2004-01-04T10:00:00Z'],
      ['24 de Setembro de 2018 19:29 -0300', '2018-09-24T22:29:00Z'],
      ['Di, 10 Jun 2003 04:00:00 MESZ', '2003-06-10T02:00:00Z'],
      ['10 März 2003 04:00 MEZ', '2003-03-10T03:00:00Z'],
      ['1 févr. 2010 10:00:00 +0100', '2010-02-01T09:00:00Z'],
      ['mar, 10 jun. 2003 04:00:00 +0200', '2003-06-10T02:00:00Z'], // Spanish Tuesday looks like March
      ['10/Jun/2003:04:00:00 +0000', '2003-06-10T04:00:00Z'], // access-log style
    ]));

  it('parses asctime, date(1) and JavaScript toString forms', () =>
    check([
      ['Sun Jan  4 16:29:06 2004', '2004-01-04T16:29:06Z'],
      ['Sun, 04 Jan 2004 16:29:06', '2004-01-04T16:29:06Z'],
      ['Tue Jun 10 04:00:00 UTC 2003', '2003-06-10T04:00:00Z'],
      ['Tue Jun 10 04:00:00 PDT 2003', '2003-06-10T11:00:00Z'],
      ['Thu Aug 30 2012 17:26:16 GMT+0200 (Central European Summer Time)', '2012-08-30T15:26:16Z'],
    ]));

  it('knows the zone abbreviations feeds use', () => {
    const zones: Record<string, string> = {
      UT: '+00:00', UTC: '+00:00', GMT: '+00:00', Z: '+00:00', 'Etc/UTC': '+00:00', WET: '+00:00',
      EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
      ET: '-05:00', CT: '-06:00', MT: '-07:00', PT: '-08:00',
      AST: '-04:00', ADT: '-03:00', HST: '-10:00', AKST: '-09:00', AKDT: '-08:00',
      BST: '+01:00', IST: '+05:30', WEST: '+01:00', MET: '+01:00', MEZ: '+01:00', CET: '+01:00',
      MEST: '+02:00', MESZ: '+02:00', CEST: '+02:00', EET: '+02:00', EEST: '+03:00', MSK: '+03:00',
      HKT: '+08:00', SGT: '+08:00', JST: '+09:00', KST: '+09:00', AEST: '+10:00', AEDT: '+11:00', NZST: '+12:00', NZDT: '+13:00',
      // Military letters count as UTC (RFC 1123 §5.2.14 / RFC 2822 §4.3), and so do unknown abbreviations.
      A: '+00:00', M: '+00:00', N: '+00:00', Y: '+00:00', XYZT: '+00:00', 'Europe/Berlin': '+00:00',
    };
    for (const [zone, offset] of Object.entries(zones)) {
      const expected = new Date(`2003-06-10T04:00:00${offset}`).toISOString();
      assert.equal(iso(`Tue, 10 Jun 2003 04:00:00 ${zone}`), expected, zone);
      assert.equal(iso(`Tue, 10 Jun 2003 04:00:00 ${zone.toLowerCase()}`), expected, zone.toLowerCase());
      assert.equal(iso(`2003-06-10T04:00:00 ${zone}`), expected, `ISO ${zone}`);
    }
  });

  it('parses ISO 8601 / W3C-DTF', () =>
    check([
      ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55Z'],
      ['2003-12-31t10:14:55z', '2003-12-31T10:14:55Z'],
      ['2003-12-31T10:14:55.123-08:00', '2003-12-31T18:14:55Z'],
      ['2003-12-31T10:14:55.123456789Z', '2003-12-31T10:14:55Z'],
      ['2003-12-31T10:14:55,5Z', '2003-12-31T10:14:55Z'],
      ['2003-12-31T10:14-08:00', '2003-12-31T18:14:00Z'],
      ['2003-12-31T10:14:55+0800', '2003-12-31T02:14:55Z'],
      ['2003-12-31T10:14:55+08', '2003-12-31T02:14:55Z'],
      ['2003-12-31T10:14:55-00:00', '2003-12-31T10:14:55Z'],
      ['2003-12-31T10:14:55 +05:30', '2003-12-31T04:44:55Z'],
      ['2003-12-31 10:14:55', '2003-12-31T10:14:55Z'],
      ['2003-12-31', '2003-12-31T00:00:00Z'],
      ['2003-12', '2003-12-01T00:00:00Z'],
      ['2003', '2003-01-01T00:00:00Z'],
      ['20031231T101455Z', '2003-12-31T10:14:55Z'],
      ['20031231T1014-0800', '2003-12-31T18:14:00Z'],
      ['20031231', '2003-12-31T00:00:00Z'],
      ['2003-335', '2003-12-01T00:00:00Z'],
      ['2003335', '2003-12-01T00:00:00Z'],
      ['2004-366', '2004-12-31T00:00:00Z'],
      ['2004-02-29', '2004-02-29T00:00:00Z'],
      ['2003-12-31T24:00:00Z', '2004-01-01T00:00:00Z'], // ISO end of day
      ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59Z'], // leap second
      ['2003.12.31', '2003-12-31T00:00:00Z'],
    ]));

  it('returns null for garbage and impossible dates', () =>
    check([
      ['', null],
      ['   ', null],
      ['garbage', null],
      ['2 hours ago', null],
      ['12:00', null],
      ['Jun 2003', null],
      ['10/06/2003', null], // day or month first? not guessed
      ['03-12-31', null],
      ['1700000000', null],
      ['2003-13-01', null],
      ['2003-12-32', null],
      ['2003-02-29', null],
      ['2003-366', null],
      ['2003-000', null],
      ['0000-01-01', null],
      ['2003-12-31T25:00:00Z', null],
      ['2003-12-31T10:60:00Z', null],
      ['2003-12-31T24:00:01Z', null],
      ['2003-12-31T10:14:55+25:00', null],
      ['Tue, 32 Jun 2003 04:00:00 GMT', null],
      ['Tue, 10 Foo 2003 04:00:00 GMT', null],
      ['Tue, 10 Jun 2003 25:00:00 GMT', null],
      ['Tue, 10 Jun 2003 04:60:00 GMT', null],
      ['Tue, 31 Apr 2003 04:00:00 GMT', null],
      ['Tue, 10 Jun 2003 13:00 pm', null],
      ['Tue, 10 Jun 2003 04:00:00 banana', null],
      ['Tue, 10 Jun 2003 04:00:00 GMT GMT', null],
      ['Tue, 10 Jun 2003 04:00:00 +0200 +0300', null],
      ['Tue, 10 Jun 2003 04:00:00 +2500', null],
      ['x'.repeat(500), null],
    ]));

  it('never throws, whatever it is given', () => {
    for (const value of [null, undefined, 42, {}, [], '\u0000', '((((', '-'.repeat(100), '9'.repeat(120)]) {
      assert.equal(parseFeedDate(value as unknown as string), null);
    }
  });

  it("gives the same instants whatever the machine's time zone", () => {
    const inputs = [...FEEDPARSER_DATES, ...REAL_FEEDS].map(([input]) => input);
    const here = inputs.map(iso);
    const script = `
      const { parseFeedDate } = await import(${JSON.stringify(new URL('./dates.js', import.meta.url).href)});
      const inputs = JSON.parse(process.argv[1]);
      process.stdout.write(JSON.stringify(inputs.map((s) => parseFeedDate(s)?.toISOString() ?? null)));`;
    for (const tz of ['America/New_York', 'Pacific/Chatham']) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(inputs)], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      assert.deepEqual(JSON.parse(out), here, tz);
    }
  });
});
