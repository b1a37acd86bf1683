// When comments are open, and the site's comment settings: one row each in the settings
// table under "comments.<name>" (comments.enabled, comments.holdAll, …), edited in the admin.
import { z } from 'zod';
import type { Story } from '../model.js';

export const CommentSettingsSchema = z.object({
  /** Comments on the whole site. */
  enabled: z.boolean(),
  /** Hold every comment for moderation, approved authors' too. */
  holdAll: z.boolean(),
  /** Days after a story's first report when its comments close; 0 keeps them open. */
  closeAfterDays: z.number().int().min(0).max(3650),
  /** Seconds a person needs at least between seeing the form and posting it. */
  minSecondsToPost: z.number().min(0).max(600),
  /** Hours a rendered form stays valid. */
  formMaxAgeHours: z.number().positive().max(24 * 30),
  /** Links allowed in one comment. */
  maxLinks: z.number().int().min(0).max(50),
  /** At most `max` comments per client (address) in `windowMinutes`. */
  rateLimit: z.object({ max: z.number().int().min(1).max(1000), windowMinutes: z.number().positive().max(24 * 60) }),
});

export type CommentSettings = z.infer<typeof CommentSettingsSchema>;

export const DEFAULT_COMMENT_SETTINGS: CommentSettings = {
  enabled: true,
  holdAll: false,
  closeAfterDays: 14,
  minSecondsToPost: 3,
  formMaxAgeHours: 48,
  maxLinks: 2,
  rateLimit: { max: 5, windowMinutes: 10 },
};

export type CommentSettingName = keyof CommentSettings;

export const SETTING_NAMES = Object.keys(CommentSettingsSchema.shape) as CommentSettingName[];

/** The settings table's key of a setting: "comments.holdAll". */
export const settingKey = (name: CommentSettingName) => `comments.${name}`;

/** Stored values (by settings key) over the defaults; a value that does not validate reads as its default. */
export function settingsFrom(stored: Map<string, unknown>): CommentSettings {
  const out: Record<string, unknown> = { ...DEFAULT_COMMENT_SETTINGS };
  for (const name of SETTING_NAMES) {
    const parsed = (CommentSettingsSchema.shape[name] as z.ZodType).safeParse(stored.get(settingKey(name)));
    if (parsed.success) out[name] = parsed.data;
  }
  return out as CommentSettings;
}

export type ClosedReason = 'site' | 'section' | 'story' | 'age';

/** When a story's comments close by age, or null when they do not. */
export function closesAt(story: Pick<Story, 'firstReportedAt' | 'createdAt'>, settings: CommentSettings): Date | null {
  if (settings.closeAfterDays <= 0) return null;
  const start = story.firstReportedAt ?? story.createdAt;
  return new Date(start.getTime() + settings.closeAfterDays * 24 * 3600_000);
}

/** Why a story takes no comments (site, section, the story itself, its age), or null when it does. */
export function closedReason(
  story: Pick<Story, 'commentsClosed' | 'firstReportedAt' | 'createdAt'>,
  sectionEnabled: boolean,
  settings: CommentSettings,
  now: Date,
): ClosedReason | null {
  if (!settings.enabled) return 'site';
  if (!sectionEnabled) return 'section';
  if (story.commentsClosed) return 'story';
  const closes = closesAt(story, settings);
  if (closes && now.getTime() >= closes.getTime()) return 'age';
  return null;
}
