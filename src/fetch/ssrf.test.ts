import assert from 'node:assert/strict';
import type dns from 'node:dns';
import { describe, it } from 'node:test';
import { checkLiteralHost, classifyAddress, ForbiddenAddressError, guardedLookup, isAllowedAddress } from './ssrf.js';

type Answer = { address: string; family: number };

/** A fake dns.lookup: answers from a table, records what it was asked; never touches real DNS. */
function fakeResolver(table: Record<string, Answer[]>) {
  const calls: Array<{ hostname: string; options: dns.LookupOptions }> = [];
  const resolve = ((hostname: string, options: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, addresses: Answer[]) => void) => {
    calls.push({ hostname, options });
    const answers = table[hostname];
    queueMicrotask(() => {
      if (!answers) callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      else callback(null, answers);
    });
  }) as unknown as typeof dns.lookup;
  return { resolve, calls };
}

type LookupOutcome = { err: NodeJS.ErrnoException | null; address: string | Answer[]; family: number | undefined };

function lookup(allowLoopback: boolean, resolver: typeof dns.lookup, hostname: string, options: dns.LookupOptions): Promise<LookupOutcome> {
  return new Promise((resolve) => {
    guardedLookup(allowLoopback, resolver)(hostname, options, (err, address, family) => resolve({ err, address, family }));
  });
}

const V4 = 4;
const V6 = 6;

describe('classifyAddress', () => {
  const cases: Array<[string, 'public' | 'loopback' | 'forbidden']> = [
    // IPv4 private ranges, edges included
    ['10.0.0.0', 'forbidden'],
    ['10.1.2.3', 'forbidden'],
    ['10.255.255.255', 'forbidden'],
    ['172.16.0.1', 'forbidden'],
    ['172.31.255.255', 'forbidden'],
    ['172.15.255.255', 'public'], // just below 172.16/12
    ['172.32.0.0', 'public'], // just above 172.16/12
    ['192.168.0.1', 'forbidden'],
    ['192.168.255.255', 'forbidden'],
    ['169.254.169.254', 'forbidden'], // cloud metadata
    ['100.64.0.1', 'forbidden'], // CGNAT
    ['0.0.0.0', 'forbidden'],
    ['224.0.0.1', 'forbidden'], // multicast
    ['255.255.255.255', 'forbidden'], // broadcast
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    // IPv6
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'forbidden'],
    ['fe80::1', 'forbidden'],
    ['fe80::1%eth0', 'forbidden'], // zone id
    ['fc00::1', 'forbidden'],
    ['fd12:3456:789a::1', 'forbidden'],
    ['ff02::1', 'forbidden'],
    ['fec0::1', 'forbidden'],
    ['2001:db8::1', 'forbidden'],
    ['::ffff:10.0.0.1', 'forbidden'],
    ['::ffff:a00:1', 'forbidden'], // same, hex form (what the URL parser produces)
    ['::ffff:169.254.169.254', 'forbidden'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:93.184.216.34', 'public'],
    ['64:ff9b::10.0.0.1', 'forbidden'], // NAT64 of a private address
    ['2606:4700::1111', 'public'],
    ['2001:4860:4860::8888', 'public'],
    // not an address at all
    ['example.com', 'forbidden'],
    ['', 'forbidden'],
    ['999.1.1.1', 'forbidden'],
  ];
  for (const [ip, verdict] of cases) {
    it(`${ip || '(empty)'} is ${verdict}`, () => {
      assert.equal(classifyAddress(ip), verdict);
    });
  }
});

describe('isAllowedAddress', () => {
  it('allows public addresses whatever allowLoopback says', () => {
    for (const ip of ['93.184.216.34', '2606:4700::1111']) {
      assert.equal(isAllowedAddress(ip, false), true, ip);
      assert.equal(isAllowedAddress(ip, true), true, ip);
    }
  });

  it('allows loopback only when allowLoopback is set', () => {
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      assert.equal(isAllowedAddress(ip, false), false, ip);
      assert.equal(isAllowedAddress(ip, true), true, ip);
    }
  });

  it('never allows private, link-local, multicast or unspecified, even with allowLoopback', () => {
    for (const ip of ['10.0.0.1', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '224.0.0.1', '::', 'fe80::1', 'fc00::1', 'ff02::1', '::ffff:10.0.0.1']) {
      assert.equal(isAllowedAddress(ip, false), false, ip);
      assert.equal(isAllowedAddress(ip, true), false, ip);
    }
  });
});

describe('guardedLookup', () => {
  const table: Record<string, Answer[]> = {
    'public.test': [
      { address: '93.184.216.34', family: V4 },
      { address: '2606:4700::1111', family: V6 },
    ],
    'mixed.test': [
      { address: '93.184.216.34', family: V4 },
      { address: '10.0.0.7', family: V4 },
    ],
    'metadata.test': [{ address: '169.254.169.254', family: V4 }],
    'v6private.test': [{ address: 'fd00::1', family: V6 }],
    'loop.test': [
      { address: '127.0.0.1', family: V4 },
      { address: '::1', family: V6 },
    ],
    'empty.test': [],
  };

  it('answers all addresses in the `all: true` form, asking the resolver for all of them', async () => {
    const { resolve, calls } = fakeResolver(table);
    const out = await lookup(false, resolve, 'public.test', { all: true });
    assert.equal(out.err, null);
    assert.deepEqual(out.address, table['public.test']);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.hostname, 'public.test');
    assert.equal(calls[0]?.options.all, true);
  });

  it('answers the first address and its family in the single-address form', async () => {
    const { resolve, calls } = fakeResolver(table);
    const out = await lookup(false, resolve, 'public.test', { family: 0 });
    assert.equal(out.err, null);
    assert.equal(out.address, '93.184.216.34');
    assert.equal(out.family, 4);
    // It still resolves every address so that it can check them all.
    assert.equal(calls[0]?.options.all, true);
  });

  it('refuses when any resolved address is private (one public, one private)', async () => {
    const { resolve } = fakeResolver(table);
    for (const options of [{ all: true }, {}] as dns.LookupOptions[]) {
      const out = await lookup(true, resolve, 'mixed.test', options);
      assert.ok(out.err instanceof ForbiddenAddressError, `expected a refusal with ${JSON.stringify(options)}`);
      assert.equal(out.err.code, 'EFORBIDDENADDRESS');
      assert.equal((out.err as ForbiddenAddressError).address, '10.0.0.7');
      assert.equal((out.err as ForbiddenAddressError).host, 'mixed.test');
      assert.match(out.err.message, /mixed\.test/);
      assert.deepEqual(out.address, []);
    }
  });

  it('refuses names that resolve to the metadata address or a private IPv6 address', async () => {
    const { resolve } = fakeResolver(table);
    const meta = await lookup(true, resolve, 'metadata.test', { all: true });
    assert.equal((meta.err as ForbiddenAddressError | null)?.address, '169.254.169.254');
    const v6 = await lookup(true, resolve, 'v6private.test', {});
    assert.equal((v6.err as ForbiddenAddressError | null)?.address, 'fd00::1');
  });

  it('refuses loopback names unless allowLoopback is set', async () => {
    const { resolve } = fakeResolver(table);
    const refused = await lookup(false, resolve, 'loop.test', { all: true });
    assert.equal(refused.err?.code, 'EFORBIDDENADDRESS');
    assert.equal((refused.err as ForbiddenAddressError).address, '127.0.0.1');
    const allowed = await lookup(true, resolve, 'loop.test', { all: true });
    assert.equal(allowed.err, null);
    assert.deepEqual(allowed.address, table['loop.test']);
    const single = await lookup(true, resolve, 'loop.test', {});
    assert.equal(single.address, '127.0.0.1');
    assert.equal(single.family, 4);
  });

  it('passes resolver errors through and treats an empty answer as ENOTFOUND', async () => {
    const { resolve } = fakeResolver(table);
    const missing = await lookup(false, resolve, 'nowhere.test', {});
    assert.equal(missing.err?.code, 'ENOTFOUND');
    assert.match(missing.err?.message ?? '', /nowhere\.test/);
    const empty = await lookup(false, resolve, 'empty.test', { all: true });
    assert.equal(empty.err?.code, 'ENOTFOUND');
    assert.match(empty.err?.message ?? '', /empty\.test/);
  });
});

describe('checkLiteralHost', () => {
  it('ignores hostnames (those are checked at lookup time)', () => {
    assert.equal(checkLiteralHost(new URL('https://example.com/feed'), false), null);
    assert.equal(checkLiteralHost(new URL('http://localhost:8080/'), false), null);
  });

  it('allows public literals, v4 and v6', () => {
    assert.equal(checkLiteralHost(new URL('http://93.184.216.34/'), false), null);
    assert.equal(checkLiteralHost(new URL('http://[2606:4700::1111]:8080/'), false), null);
  });

  it('refuses private, link-local and metadata literals, even with allowLoopback', () => {
    for (const raw of ['http://10.255.255.1/', 'http://169.254.169.254/latest/meta-data', 'http://192.168.1.1:8080/', 'http://[fe80::1]/', 'http://[fc00::1]/', 'http://[::ffff:10.0.0.1]/', 'http://0.0.0.0/']) {
      const refusal = checkLiteralHost(new URL(raw), true);
      assert.ok(refusal instanceof ForbiddenAddressError, raw);
      assert.equal(refusal.code, 'EFORBIDDENADDRESS');
    }
    const meta = checkLiteralHost(new URL('http://169.254.169.254/latest/meta-data'), true);
    assert.equal(meta?.address, '169.254.169.254');
  });

  it('strips IPv6 brackets and reports the address', () => {
    const refusal = checkLiteralHost(new URL('http://[fe80::1]/'), true);
    assert.equal(refusal?.address, 'fe80::1');
    assert.equal(refusal?.host, '[fe80::1]');
  });

  it('refuses loopback literals unless allowLoopback is set', () => {
    for (const raw of ['http://127.0.0.1:8080/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/']) {
      assert.ok(checkLiteralHost(new URL(raw), false) instanceof ForbiddenAddressError, raw);
      assert.equal(checkLiteralHost(new URL(raw), true), null, raw);
    }
  });

  it('sees through the odd IPv4 spellings the URL parser normalises', () => {
    // Decimal, hex and short forms all become dotted quads before the check.
    for (const raw of ['http://2130706433/', 'http://0x7f.1/', 'http://127.1/', 'http://0177.0.0.1/']) {
      const refusal = checkLiteralHost(new URL(raw), false);
      assert.equal(refusal?.address, '127.0.0.1', raw);
    }
    assert.equal(checkLiteralHost(new URL('http://0xa9fea9fe/'), true)?.address, '169.254.169.254');
  });
});

describe('classifyAddress: IPv6 tunnels that wrap IPv4', () => {
  it('classifies 6to4 by the IPv4 address it carries and refuses Teredo', () => {
    assert.equal(classifyAddress('2002:0a00:0001::1'), 'forbidden'); // 10.0.0.1
    assert.equal(classifyAddress('2002:7f00:0001::1'), 'loopback'); // 127.0.0.1
    assert.equal(classifyAddress('2002:5db8:d822::1'), 'public'); // 93.184.216.34
    assert.equal(classifyAddress('2001:0:4136:e378:8000:63bf:3fff:fdd2'), 'forbidden');
  });
});
