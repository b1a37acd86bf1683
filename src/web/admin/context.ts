// What every admin page handler needs: the signed-in user of a request, the page frame,
// notices across redirects, and the audit log.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminAuth } from '../../admin/auth.js';
import { recordAudit } from '../../admin/audit.js';
import type { Config } from '../../config.js';
import type { HttpClient } from '../../fetch/http.js';
import type { Scheduler } from '../../jobs/scheduler.js';
import type { QueueClient } from '../../queue/queues.js';
import type { StoryEditor } from '../../queue/story-editor.js';
import type { Repository } from '../../store/repository.js';
import type { AdminSession, AdminUser, AdminStore } from '../../admin/store.js';
import type { ModerationApi } from './moderation-api.js';
import type { AdminView } from './layout.js';

export interface AdminDeps {
  repo: Repository;
  store: AdminStore;
  config: Config;
  /** The stories stage in this process, or (web role) the one reached through the `stories` queue. */
  stories: StoryEditor;
  http: HttpClient;
  scheduler?: Scheduler | null | undefined;
  /** The queues of the production roles (web role); the Jobs page shows them. */
  queue?: QueueClient | null | undefined;
  /** The comments' moderation, when the comments feature is installed. */
  moderation?: ModerationApi | null | undefined;
}

export interface Signed {
  user: AdminUser;
  session: AdminSession;
  token: string;
}

const signedIn = new WeakMap<FastifyRequest, Signed>();

export function setSigned(request: FastifyRequest, signed: Signed): void {
  signedIn.set(request, signed);
}

/** The signed-in admin of a request (the routes behind the login always have one). */
export function signed(request: FastifyRequest): Signed {
  const s = signedIn.get(request);
  if (!s) throw new Error('admin route reached without a session');
  return s;
}

export function maybeSigned(request: FastifyRequest): Signed | undefined {
  return signedIn.get(request);
}

export class AdminContext {
  constructor(
    readonly deps: AdminDeps,
    readonly auth: AdminAuth,
  ) {}

  get store(): AdminStore {
    return this.deps.store;
  }

  /** What the page frame needs; takes the one-time notice. */
  async view(request: FastifyRequest): Promise<AdminView> {
    const { user, session } = signed(request);
    const flash = session.flash;
    if (flash !== null) await this.store.setFlash(session.id, null);
    return { siteName: this.deps.config.siteName, sections: await this.deps.repo.listSections(), user, session, flash };
  }

  /** Leaves a notice for the next page of this session. */
  async notify(request: FastifyRequest, message: string): Promise<void> {
    await this.store.setFlash(signed(request).session.id, message.slice(0, 2000));
  }

  async audit(request: FastifyRequest, action: string, target: string | null = null, details: Record<string, unknown> | string | null = null): Promise<void> {
    await recordAudit(this.store, signed(request).user, action, target, details);
  }

  send(reply: FastifyReply, body: string, status = 200): FastifyReply {
    return reply.code(status).type('text/html; charset=utf-8').send(body);
  }

  /** After a form: back to a page with a notice (303, so a reload does not post again). */
  async done(request: FastifyRequest, reply: FastifyReply, location: string, notice?: string): Promise<FastifyReply> {
    if (notice) await this.notify(request, notice);
    return reply.redirect(location, 303);
  }
}

/** A positive integer from a route parameter or field, else null. */
export function idParam(value: unknown): number | null {
  const n = Number(String(value ?? '').replace(/^#/, '').trim());
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
