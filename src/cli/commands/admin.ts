// `newsroom admin`: admin accounts, managed on the server itself (the first account can
// only be made here). Passwords come from the terminal with echo off, or from
// NEWSROOM_ADMIN_PASSWORD for scripts; they are never taken as a command-line argument,
// which other users of the machine could read in the process list.
import { AdminAuth, normaliseEmail } from '../../admin/auth.js';
import { CLI_ACTOR, recordAudit } from '../../admin/audit.js';
import { openRepository } from '../../store/open.js';
import { adminStoreFor } from '../../admin/store.js';
import { configFromOptions } from '../config-from-options.js';
import type { ParsedOptions } from '../main.js';
import { UsageError } from '../options.js';

export const PASSWORD_ENV = 'NEWSROOM_ADMIN_PASSWORD';

/** Reads one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    let value = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new UsageError('cancelled'));
        if (char === '\u0004' && value === '') return finish(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

async function newPassword(): Promise<string> {
  const fromEnv = process.env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) throw new UsageError(`no terminal to ask the password on: set ${PASSWORD_ENV}`);
  const first = await askHidden('Password (at least 10 characters): ');
  const second = await askHidden('Password again: ');
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}

function emailOption(values: ParsedOptions): string {
  if (!values.email) throw new UsageError('give the account with --email ADDRESS');
  return normaliseEmail(values.email);
}

export async function adminCommand(args: string[], values: ParsedOptions): Promise<number> {
  const [action] = args;
  const config = configFromOptions(values);
  const repo = await openRepository(config.db);
  try {
    const store = adminStoreFor(repo);
    const auth = new AdminAuth(store);
    switch (action) {
      case 'create': {
        const email = emailOption(values);
        if (await store.findUserByEmail(email)) {
          console.error(`newsroom: an admin with the email ${email} already exists (change its password with "newsroom admin password --email ${email}")`);
          return 1;
        }
        const created = await auth.createUser(email, await newPassword());
        if ('error' in created) {
          console.error(`newsroom: ${created.error}`);
          return 1;
        }
        await recordAudit(store, CLI_ACTOR, 'admin.create', created.email);
        console.log(`Created the admin ${created.email}. Log in at http://${config.host}:${config.port}/admin`);
        return 0;
      }
      case 'password': {
        const email = emailOption(values);
        const user = await store.findUserByEmail(email);
        if (!user) {
          console.error(`newsroom: no admin ${email}`);
          return 1;
        }
        const problem = await auth.setPassword(user.id, await newPassword());
        if (problem) {
          console.error(`newsroom: ${problem.error}`);
          return 1;
        }
        const ended = await auth.logoutEverywhere(user.id);
        await recordAudit(store, CLI_ACTOR, 'admin.password', user.email, { sessionsEnded: ended });
        console.log(`Changed the password of ${user.email}; ${ended} ${ended === 1 ? 'session' : 'sessions'} ended.`);
        return 0;
      }
      case 'remove': {
        const email = emailOption(values);
        const user = await store.findUserByEmail(email);
        if (!user || !await store.removeUser(user.id)) {
          console.error(`newsroom: no admin ${email}`);
          return 1;
        }
        await recordAudit(store, CLI_ACTOR, 'admin.remove', user.email);
        console.log(`Removed the admin ${user.email} and ended its sessions.`);
        return 0;
      }
      case 'list':
      case undefined: {
        const users = await store.listUsers();
        if (users.length === 0) console.log('No admin accounts. Create one with: newsroom admin create --email you@example.org');
        for (const u of users) console.log(`${u.email}  (since ${u.createdAt.toISOString().slice(0, 10)}, ${await store.countSessions(u.id)} active sessions)`);
        return 0;
      }
      default:
        throw new UsageError(`unknown admin action "${action}" (create, password, remove, list)`);
    }
  } finally {
    await repo.close();
  }
}
