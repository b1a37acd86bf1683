import type { Migration } from './types.js';

// The full-text index of articles (docs/search.md). A plain FTS5 table, which keeps its own
// copy of the text (snippet() needs it), rather than an external-content one over the view
// below: that would save the copy, but removing an entry from it takes the exact text it was
// indexed with, which an article's delete (its page is cascaded away first) or a REPLACE of a
// page no longer has. Rowid = articles.id. Triggers keep it in step with articles and
// article_pages; the last statement fills it for the articles stored before this migration.
export const migration: Migration = {
  version: 6,
  name: 'search: the FTS5 index of articles and the triggers that keep it in sync',
  sql: `
    -- What is indexed for one article: its title, and as body the feed's summary followed by
    -- the text extracted from its page. Characters 2 and 3 mark matches in snippets, so they are
    -- taken out of the text here and can never be mistaken for a marker.
    CREATE VIEW article_search_text AS
      SELECT a.id AS id,
        replace(replace(a.title, char(2), ' '), char(3), ' ') AS title,
        replace(replace(trim(COALESCE(a.summary, '') || char(10) || COALESCE(p.text, ''), char(32, 9, 10, 13)), char(2), ' '), char(3), ' ') AS body
      FROM articles a LEFT JOIN article_pages p ON p.article_id = a.id;

    CREATE VIRTUAL TABLE articles_fts USING fts5(
      title, body,
      tokenize = 'unicode61 remove_diacritics 2',
      -- Prefix queries ("portv*") read these instead of scanning every term.
      prefix = '2 3'
    );

    -- OR REPLACE: an INSERT OR REPLACE of an article deletes the old row without its triggers.
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
      INSERT OR REPLACE INTO articles_fts (rowid, title, body) SELECT id, title, body FROM article_search_text WHERE id = NEW.id;
    END;

    -- Only the indexed columns: the stories stage updates story_id on every article.
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary ON articles BEGIN
      INSERT OR REPLACE INTO articles_fts (rowid, title, body) SELECT id, title, body FROM article_search_text WHERE id = NEW.id;
    END;

    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
      DELETE FROM articles_fts WHERE rowid = OLD.id;
    END;

    -- A page's text changes only the body. UPDATE, never INSERT: a page deleted with its
    -- article (ON DELETE CASCADE) must not bring the article's index row back.
    CREATE TRIGGER article_pages_fts_insert AFTER INSERT ON article_pages BEGIN
      UPDATE articles_fts SET body = (SELECT body FROM article_search_text WHERE id = NEW.article_id) WHERE rowid = NEW.article_id;
    END;

    CREATE TRIGGER article_pages_fts_update AFTER UPDATE OF text ON article_pages BEGIN
      UPDATE articles_fts SET body = (SELECT body FROM article_search_text WHERE id = NEW.article_id) WHERE rowid = NEW.article_id;
    END;

    CREATE TRIGGER article_pages_fts_delete AFTER DELETE ON article_pages BEGIN
      UPDATE articles_fts SET body = (SELECT body FROM article_search_text WHERE id = OLD.article_id) WHERE rowid = OLD.article_id;
    END;

    INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body FROM article_search_text;
  `,
};
