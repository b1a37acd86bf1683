// The admin as a site extension: its routes under /admin (behind a login) and the sponsor
// slots it fills on article and story pages.
import { AdminAuth, type AuthOptions } from '../../admin/auth.js';
import { isSlotName, slotMarkup } from '../../admin/slots.js';
import { raw } from '../html.js';
import type { SiteExtension } from '../extension.js';
import { AdminContext, type AdminDeps } from './context.js';
import { adminRoutes } from './routes.js';
import { advertisement } from './slot-view.js';

export type { AdminDeps } from './context.js';

/** How often stored pins and hides are put back after a re-clustering, and old sessions swept. */
const MAINTENANCE_MS = 60_000;

export interface AdminExtension extends SiteExtension {
  auth: AdminAuth;
}

export function adminExtension(deps: AdminDeps, options: { auth?: Partial<AuthOptions> } = {}): AdminExtension {
  const auth = new AdminAuth(deps.store, options.auth);
  const ctx = new AdminContext(deps, auth);
  const rendered = new Map<string, { source: string; markup: string | null }>();
  // A failure here (the database restarting, say) is logged and tried again next time: it
  // must not take the process down from a timer.
  const maintain = async () => {
    try {
      await deps.store.reapplyStoryFlags();
      await deps.store.pruneSessions();
    } catch (err) {
      console.error(`admin maintenance: ${(err as Error).message}`);
    }
  };
  return {
    name: 'admin',
    auth,
    async register(app) {
      await maintain();
      const timer = setInterval(maintain, MAINTENANCE_MS);
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
      await app.register(adminRoutes(ctx), { prefix: '/admin' });
    },
    async slot(name) {
      if (!isSlotName(name)) return null;
      const slot = await deps.store.getSlot(name);
      if (!slot?.enabled) return null;
      // Sanitised when saved and again here (src/admin/slot-html.ts); the second pass is cached per snippet.
      let cached = rendered.get(name);
      if (cached?.source !== slot.html) {
        cached = { source: slot.html, markup: slotMarkup(slot) };
        rendered.set(name, cached);
      }
      return cached.markup ? advertisement(raw(cached.markup), name) : null;
    },
  };
}
