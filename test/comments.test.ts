// Comments over HTTP, end to end: the form, posting without JavaScript and with JSON,
// moderation, replies, the spam defences, escaping, the widget, notes and feed, and closing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CommentsSite, commentsSite, cookieOf } from './comments-site.js';

const COMMENT_MISSING = 'Please enter your comment!';
const NAME_MISSING = 'Please enter your name here';

describe('comments over HTTP', () => {
  let site: CommentsSite;
  before(async () => {
    site = await commentsSite();
  });
  after(async () => {
    await site.close();
  });

  const moderator = () => site.extension.comments.moderator;
  const idFrom = (location: unknown) => Number(/#comment-(\d+)$/.exec(String(location))?.[1]);

  it('shows the form on the story page and on its articles’ pages, with its limits stated', async () => {
    for (const path of [`/story/${site.storyId}`, `/article/${site.articleId}`]) {
      const res = await site.get(path);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, new RegExp(`<form class="comment-form" method="post" action="/story/${site.storyId}/comments">`));
      assert.match(res.body, /<textarea id="comment-text" name="comment" rows="6" maxlength="3000" required data-missing="Please enter your comment!"/);
      assert.match(res.body, /<input id="comment-author" name="author" type="text" maxlength="80" required [^>]*data-missing="Please enter your name here"/);
      assert.match(res.body, /up to 3,000 characters/);
      assert.match(res.body, /Email <span class="hint">\(optional, never shown\)/);
      assert.match(res.body, /<script src="\/assets\/comments.js" defer><\/script>/);
      assert.match(res.body, /No comments yet/);
    }
    const script = await site.get('/assets/comments.js');
    assert.equal(script.statusCode, 200);
    assert.match(script.body, /setCustomValidity/);
  });

  it('refuses a post missing its name and comment with both messages beside the fields and the typed values kept (400)', async () => {
    const res = await site.post(site.storyId, { comment: '   ', author: '', email: 'reader@example.org', website: 'example.org' });
    assert.equal(res.statusCode, 400);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, new RegExp(`<textarea id="comment-text"[^>]*aria-invalid="true" autofocus>[^<]*</textarea>\\s*<p class="field-error" id="comment-text-error" aria-live="polite">${COMMENT_MISSING}</p>`));
    assert.match(res.body, new RegExp(`<input id="comment-author"[^>]*aria-invalid="true">\\s*<p class="field-error" id="comment-author-error" aria-live="polite">${NAME_MISSING}</p>`));
    assert.match(res.body, /<input id="comment-email"[^>]*value="reader@example.org"/);
    assert.match(res.body, /<input id="comment-website"[^>]*value="example.org"/);
    assert.match(res.body, /<h1>Port strike enters third day in Portvale<\/h1>/, 'the whole story page, not a bare error');
    assert.equal((await moderator().counts()).pending, 0);

    const json = await site.post(site.storyId, { comment: '', author: '' }, { json: true });
    assert.equal(json.statusCode, 400);
    assert.deepEqual(json.json().errors, { comment: COMMENT_MISSING, author: NAME_MISSING });
  });

  it('holds a first comment for its author’s eyes only, then shows it everywhere once approved', async () => {
    const fields = { comment: 'The union says the talks will resume on Monday.', author: 'Margaret Okafor', email: 'Margaret@Example.org' };
    const res = await site.post(site.storyId, fields);
    assert.equal(res.statusCode, 303);
    const id = idFrom(res.headers.location);
    assert.equal(res.headers.location, `/story/${site.storyId}#comment-${id}`);
    const cookie = cookieOf(res);
    assert.match(String(res.headers['set-cookie']), /^newsroom_held=[A-Za-z0-9_-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);

    const stranger = await site.get(`/story/${site.storyId}`);
    assert.doesNotMatch(stranger.body, /talks will resume/);
    const author = await site.get(`/story/${site.storyId}`, cookie);
    assert.match(author.body, new RegExp(`<li class="comment comment-is-held" id="comment-${id}">`));
    assert.match(author.body, /Your comment is awaiting moderation\./);
    assert.match(author.body, /talks will resume on Monday/);

    const stored = (await moderator().get(id))!;
    assert.equal(stored.status, 'pending');
    assert.match(stored.emailHash ?? '', /^[0-9a-f]{64}$/);
    const everything = JSON.stringify(site.repo.database.prepare('SELECT * FROM comments').all());
    assert.doesNotMatch(everything, /example\.org|10\.0\./i, 'neither the email nor the address is stored');
    assert.deepEqual((await moderator().listQueue()).map((c) => [c.id, c.storyTitle]), [[id, 'Port strike enters third day in Portvale']]);

    assert.equal((await moderator().approve(id)).ok, true);
    const page = await site.get(`/story/${site.storyId}`);
    assert.match(page.body, new RegExp(`<li class="comment" id="comment-${id}">`));
    assert.match(page.body, /<time datetime="[^"]+" title="[^"]+">just now<\/time>/);
    assert.match(page.body, /<span class="story-note">1 comment<\/span>/, 'the count in the story header');
    assert.match(page.body, /<link rel="alternate" type="application\/rss\+xml" title="Comments on Port strike enters third day in Portvale" href="\/story\/\d+\/comments.rss">/);
    const home = await site.get('/');
    assert.match(home.body, /<h2 id="recent-comments-heading">Recent Comments<\/h2>/);
    assert.match(home.body, new RegExp(`<span class="recent-author">Margaret Okafor</span> on <a href="/story/${site.storyId}#comment-${id}">Port strike enters third day in Portvale</a>`));
    const article = await site.get(`/article/${site.articleId}`);
    assert.match(article.body, /<aside class="full-coverage">[\s\S]*<span class="story-note">1 comment<\/span>/);
    assert.match(article.body, /talks will resume on Monday/, 'the article page shows its story’s discussion');

    // The pair is approved now: the next comment appears at once, even typed differently.
    const second = await site.post(site.storyId, { ...fields, author: ' margaret  okafor ', email: 'margaret@example.org', comment: 'Update: they did.' });
    assert.equal((await moderator().get(idFrom(second.headers.location)))!.status, 'approved');

    const rss = await site.get(`/story/${site.storyId}/comments.rss`);
    assert.equal(rss.statusCode, 200);
    assert.match(rss.headers['content-type'] as string, /application\/rss\+xml/);
    assert.match(rss.body, /<rss version="2.0"/);
    assert.match(rss.body, /<dc:creator>Margaret Okafor<\/dc:creator>/);
    assert.ok(rss.body.indexOf('Update: they did.') < rss.body.indexOf('talks will resume'), 'newest first');
    assert.match(rss.body, new RegExp(`<link>http://localhost(:80)?/story/${site.storyId}#comment-${id}</link>`));
  });

  it('attaches a reply, and a reply to a reply, to the top-level comment', async () => {
    const top = await site.post(site.storyId, { comment: 'Top-level thought.', author: 'Ana', email: 'ana@example.org' });
    const topId = idFrom(top.headers.location);
    await moderator().approve(topId);
    const withForm = await site.get(`/story/${site.storyId}?replyto=${topId}`);
    assert.match(withForm.body, /Replying to <strong class="replying-to-name">Ana<\/strong>/);
    assert.match(withForm.body, new RegExp(`<input type="hidden" name="parent_id" value="${topId}">`));

    const reply = await site.post(site.storyId, { comment: 'A reply.', author: 'Ben', parent_id: String(topId) });
    const replyId = idFrom(reply.headers.location);
    assert.equal((await moderator().get(replyId))!.parentId, topId);
    await moderator().approve(replyId);
    const deeper = await site.post(site.storyId, { comment: 'A reply to the reply.', author: 'Cleo', parent_id: String(replyId) });
    const deeperId = idFrom(deeper.headers.location);
    assert.equal((await moderator().get(deeperId))!.parentId, topId, 'one level of replies');
    await moderator().approve(deeperId);

    const page = await site.get(`/story/${site.storyId}`);
    const topItem = page.body.slice(page.body.indexOf(`id="comment-${topId}"`));
    assert.match(topItem, new RegExp(`^[^]*?<ol class="comment-replies"><li class="comment" id="comment-${replyId}">[^]*?<li class="comment" id="comment-${deeperId}">`));

    const gone = await site.post(site.storyId, { comment: 'Orphan.', author: 'Dee', parent_id: '999999' });
    assert.equal(gone.statusCode, 400);
    assert.match(gone.body, /no longer available/);
  });

  it('posts with JSON for the page’s script: the held comment’s HTML, or the errors', async () => {
    const res = await site.post(site.storyId, { comment: 'Posted without a reload.', author: 'Eve' }, { json: true });
    assert.equal(res.statusCode, 201);
    const data = res.json();
    assert.equal(data.status, 'pending');
    assert.match(data.html, /^<li class="comment comment-is-held" id="comment-\d+">[\s\S]*awaiting moderation[\s\S]*Posted without a reload\./);
    assert.match(String(res.headers['set-cookie']), /newsroom_held=/);
  });

  it('posts from an article page back to that article', async () => {
    const res = await site.post(site.storyId, { comment: 'From the article.', author: 'Finn', return_to: `/article/${site.articleId}` }, { from: `/article/${site.articleId}` });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), new RegExp(`^/article/${site.articleId}#comment-\\d+$`));
    const refused = await site.post(site.storyId, { comment: '', author: 'Finn', return_to: `/article/${site.articleId}` }, { from: `/article/${site.articleId}` });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /<article class="article">/, 'the article page again');
    assert.match(refused.body, new RegExp(COMMENT_MISSING));
  });

  it('rejects a post whose honeypot is filled, and stores nothing', async () => {
    const before = await moderator().counts();
    const res = await site.post(site.storyId, { comment: 'Cheap pills', author: 'Bot', homepage: 'https://spam.example/' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Your comment could not be posted\./);
    assert.deepEqual(await moderator().counts(), before);
  });

  it('rejects a post sent too soon after the form was shown, or with a forged token', async () => {
    const before = await moderator().counts();
    const fast = await site.post(site.storyId, { comment: 'First!', author: 'Speedy' }, { waitMs: 500 });
    assert.equal(fast.statusCode, 400);
    assert.match(fast.body, /That was quick!/);
    assert.match(fast.body, /<textarea id="comment-text"[^>]*>First!<\/textarea>/, 'the comment is kept to post again');
    const forged = await site.post(site.storyId, { comment: 'Hi', author: 'Forger', token: 'kq2.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    assert.equal(forged.statusCode, 400);
    assert.match(forged.body, /could not be checked/);
    assert.deepEqual(await moderator().counts(), before);
  });

  it('limits how many comments one client posts in a while (429)', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < 5; i++) {
      const ok = await site.post(site.storyId, { comment: `Comment number ${i}`, author: 'Chatty' }, { ip });
      assert.equal(ok.statusCode, 303, `comment ${i}`);
    }
    const limited = await site.post(site.storyId, { comment: 'One more', author: 'Chatty' }, { ip });
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /wait a few minutes/);
    assert.equal((await site.post(site.storyId, { comment: 'Someone else', author: 'Quiet' })).statusCode, 303, 'other clients are not limited');
    site.advance(11 * 60_000);
    assert.equal((await site.post(site.storyId, { comment: 'Later', author: 'Chatty' }, { ip })).statusCode, 303, 'the window passes');
  });

  it('refuses a comment with more links than allowed', async () => {
    const res = await site.post(site.storyId, {
      comment: 'See https://a.example/1 and https://b.example/2 and www.c.example/3',
      author: 'Linker',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<p class="field-error" id="comment-text-error" aria-live="polite">Please include no more than 2 links\.<\/p>/);
  });

  it('sends a comment with a blocklisted word to spam, where only its author sees it (as awaiting moderation)', async () => {
    assert.equal(await moderator().addBlocklistTerm('  Casino '), true);
    assert.deepEqual((await moderator().listBlocklist()).map((t) => t.term), ['casino']);
    const res = await site.post(site.storyId, { comment: 'Best CASINO bonus here', author: 'Lucky' });
    assert.equal(res.statusCode, 303);
    const id = idFrom(res.headers.location);
    assert.equal((await moderator().get(id))!.status, 'spam');
    assert.doesNotMatch((await site.get(`/story/${site.storyId}`)).body, /CASINO/);
    assert.match((await site.get(`/story/${site.storyId}`, cookieOf(res))).body, /awaiting moderation[\s\S]*Best CASINO bonus/);
    assert.ok(!(await moderator().listQueue()).some((c) => c.id === id), 'not in the approval queue');
    assert.ok((await moderator().listQueue({ status: 'spam' })).some((c) => c.id === id), 'in the spam folder');
    assert.equal(await moderator().removeBlocklistTerm('casino'), true);
    assert.equal((await site.post(site.storyId, { comment: 'Casinos closed in Portvale too', author: 'Lucky' })).statusCode, 303);
  });

  it('shows a script tag in a comment as text, and links as nofollow ugc', async () => {
    const res = await site.post(site.storyId, {
      comment: '<script>alert("x")</script> <b>bold</b> see https://example.org/report?a=1&b=2. javascript:alert(1)',
      author: '<img src=x onerror=alert(1)>',
      website: 'javascript:alert(2)',
    });
    assert.equal(res.statusCode, 400, 'a javascript: website is refused');
    const ok = await site.post(site.storyId, {
      comment: '<script>alert("x")</script> <b>bold</b> see https://example.org/report?a=1&b=2. javascript:alert(1)',
      author: '<img src=x onerror=alert(1)>',
    });
    const id = idFrom(ok.headers.location);
    await moderator().approve(id);
    const page = await site.get(`/story/${site.storyId}`);
    const item = page.body.slice(page.body.indexOf(`id="comment-${id}"`), page.body.indexOf('</li>', page.body.indexOf(`id="comment-${id}"`)));
    assert.match(item, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &lt;b&gt;bold&lt;\/b&gt;/);
    assert.match(item, /<a href="https:\/\/example.org\/report\?a=1&amp;b=2" rel="nofollow ugc noopener">https:\/\/example.org\/report\?a=1&amp;b=2<\/a>\./);
    assert.match(item, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(page.body, /<script>alert|<img src=x|href="javascript:/);
    const home = await site.get('/');
    assert.doesNotMatch(home.body, /<img src=x/);
  });

  describe('closed comments', () => {
    const closedCheck = async (storyId: number) => {
      const page = await site.get(`/story/${storyId}`);
      assert.match(page.body, /<p class="comments-closed">Comments are closed\.<\/p>/);
      assert.doesNotMatch(page.body, /<form class="comment-form"/);
      const res = await site.post(storyId, { comment: 'Still here?', author: 'Late', token: 'x' });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Comments are closed\./);
      const json = await site.post(storyId, { comment: 'Still here?', author: 'Late' }, { json: true });
      assert.equal(json.statusCode, 403);
      assert.equal(json.json().error, 'Comments are closed.');
    };

    it('closes site-wide with a setting', async () => {
      assert.deepEqual(await moderator().updateSettings({ enabled: false }), { ok: true, settings: { ...(await moderator().settings()), enabled: false } });
      await closedCheck(site.storyId);
      await moderator().updateSettings({ enabled: true });
      assert.match((await site.get(`/story/${site.storyId}`)).body, /<form class="comment-form"/);
    });

    it('closes per section', async () => {
      assert.equal(await moderator().setSectionComments('world', false), true);
      await closedCheck(site.storyId);
      await moderator().setSectionComments('world', true);
    });

    it('closes per story', async () => {
      assert.equal(await site.repo.setStoryFlags(site.storyId, { commentsClosed: true }), true);
      await closedCheck(site.storyId);
      await site.repo.setStoryFlags(site.storyId, { commentsClosed: false });
      assert.equal((await site.post(site.storyId, { comment: 'Open again', author: 'Back' })).statusCode, 303);
    });

    it('closes a story’s comments some days after its first report (14 by default)', async () => {
      await closedCheck(site.oldStoryId);
      await moderator().updateSettings({ closeAfterDays: 30 });
      assert.match((await site.get(`/story/${site.oldStoryId}`)).body, /<form class="comment-form"/);
      await moderator().updateSettings({ closeAfterDays: 14 });
    });
  });

  it('answers 404 for comments on a story that does not exist', async () => {
    const res = await site.app.inject({
      method: 'POST', url: '/story/987654/comments', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'comment=x&author=y',
    });
    assert.equal(res.statusCode, 404);
    assert.equal((await site.get('/story/987654/comments.rss')).statusCode, 404);
  });
});

describe('comments when stories change', () => {
  it('keep to their story’s articles through a merge and a re-clustering', async () => {
    const site = await commentsSite();
    try {
      const posted = await site.post(site.storyId, { comment: 'Kept through every change.', author: 'Gus' });
      const id = Number(/#comment-(\d+)$/.exec(String(posted.headers.location))?.[1]);
      await site.extension.comments.moderator.approve(id);
      const reply = await site.post(site.storyId, { comment: 'So is this reply.', author: 'Hal', parent_id: String(id) });
      const replyId = Number(/#comment-(\d+)$/.exec(String(reply.headers.location))?.[1]);
      await site.extension.comments.moderator.approve(replyId);

      assert.notEqual(site.otherStoryId, site.storyId);
      await site.stories.merge(site.storyId, site.otherStoryId);
      assert.equal(await site.repo.getStory(site.storyId), null, 'the merged story is gone');
      const merged = await site.get(`/story/${site.otherStoryId}`);
      assert.match(merged.body, /Kept through every change\.[\s\S]*So is this reply\./);

      await site.stories.recluster();
      const storyNow = (await site.repo.getArticle(site.articleId))!.storyId!;
      const comments = site.extension.comments.moderator;
      assert.equal((await comments.get(id))!.storyId, storyNow);
      assert.equal((await comments.get(replyId))!.storyId, storyNow);
      assert.match((await site.get(`/story/${storyNow}`)).body, /Kept through every change\./);
    } finally {
      await site.close();
    }
  });
});
