// Site settings edited in the admin, stored as JSON values in the `settings` table under
// documented keys (docs/admin.md), so other features (comments) read them without the admin.
import { z } from 'zod';
import { DEFAULT_COMMENT_SETTINGS } from '../comments/policy.js';

export const SETTING_SCHEMAS = {
  /** The site's public name; overrides NEWSROOM_SITE_NAME (applied when the server starts). */
  'site.name': z.string().trim().min(1).max(80),
  /** Comments accepted anywhere on the site. */
  'comments.enabled': z.boolean(),
  /** Every new comment waits for moderation, even from approved authors. */
  'comments.holdAll': z.boolean(),
  /** A story's comments close this many days after its first report; 0 keeps them open. */
  'comments.closeAfterDays': z.number().int().min(0).max(3650),
  /** Article bodies stored more than this many days ago are pruned (src/ops/retention.ts); 0 keeps them. Overrides NEWSROOM_RETAIN_BODIES_DAYS. */
  'retention.bodiesDays': z.number().int().min(0).max(36500),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type Settings = { [K in SettingKey]: z.infer<(typeof SETTING_SCHEMAS)[K]> };

/** The comment policy's defaults are the comments feature's own (src/comments/policy.ts), so both read the same. */
export const SETTING_DEFAULTS: Omit<Settings, 'site.name' | 'retention.bodiesDays'> = {
  'comments.enabled': DEFAULT_COMMENT_SETTINGS.enabled,
  'comments.holdAll': DEFAULT_COMMENT_SETTINGS.holdAll,
  'comments.closeAfterDays': DEFAULT_COMMENT_SETTINGS.closeAfterDays,
};

export interface SettingsStore {
  getSetting(key: string): Promise<unknown>;
  setSetting(key: string, value: unknown, now?: Date): Promise<void>;
}

/** One setting, validated: a stored value that does not fit its schema reads as the default. */
export async function readSetting<K extends SettingKey>(store: SettingsStore, key: K, fallback: Settings[K]): Promise<Settings[K]> {
  const parsed = SETTING_SCHEMAS[key].safeParse(await store.getSetting(key));
  return parsed.success ? (parsed.data as Settings[K]) : fallback;
}

/** Every setting with its default filled in (the site name's and retention's defaults come from the configuration). */
export async function readSettings(store: SettingsStore, siteNameDefault: string, bodiesDaysDefault = 0): Promise<Settings> {
  return {
    'retention.bodiesDays': await readSetting(store, 'retention.bodiesDays', bodiesDaysDefault),
    'site.name': await readSetting(store, 'site.name', siteNameDefault),
    'comments.enabled': await readSetting(store, 'comments.enabled', SETTING_DEFAULTS['comments.enabled']),
    'comments.holdAll': await readSetting(store, 'comments.holdAll', SETTING_DEFAULTS['comments.holdAll']),
    'comments.closeAfterDays': await readSetting(store, 'comments.closeAfterDays', SETTING_DEFAULTS['comments.closeAfterDays']),
  };
}

/** Why a value does not fit a setting, or null when it does. */
export function settingProblem(key: SettingKey, value: unknown): string | null {
  const parsed = SETTING_SCHEMAS[key].safeParse(value);
  return parsed.success ? null : `${key}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`;
}

/** Validates and stores one setting; returns the problem when the value does not fit. */
export async function writeSetting(store: SettingsStore, key: SettingKey, value: unknown, now = new Date()): Promise<string | null> {
  const parsed = SETTING_SCHEMAS[key].safeParse(value);
  if (!parsed.success) return settingProblem(key, value);
  await store.setSetting(key, parsed.data, now);
  return null;
}
