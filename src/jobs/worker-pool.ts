// A small pool of worker threads for CPU-bound work (extraction parses whole pages; polls
// parse feeds), so the web server's event loop never stalls behind it. Each worker is given
// up to `depth` tasks at once, so that it goes on to the next while its last result waits
// for the main thread to take it; more queue here. A worker that crashes is replaced and
// its tasks fail with the error.
import os from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';

interface Task<In, Out> {
  id: number;
  input: In;
  /** Buffers handed over rather than copied (they are unusable here afterwards). */
  transfer: ArrayBuffer[];
  /** The worker it must go to (one that keeps state for it), or any. */
  slot: number | null;
  resolve: (out: { value: Out; slot: number }) => void;
  reject: (err: Error) => void;
}

interface Slot<In, Out> {
  worker: Worker;
  tasks: Map<number, Task<In, Out>>;
}

/** What a worker is sent, and what it answers. */
export interface TaskMessage<In> {
  id: number;
  input: In;
}
export type ResultMessage<Out> = { id: number; ok: true; value: Out } | { id: number; ok: false; error: string };

export class WorkerPool<In, Out> {
  private readonly slots: Array<Slot<In, Out>> = [];
  private readonly queue: Array<Task<In, Out>> = [];
  private closed = false;
  private nextId = 0;

  constructor(
    private readonly script: URL,
    readonly size = Math.max(1, Math.min(4, os.availableParallelism())),
    private readonly depth = 1,
    /** Given to each worker as `workerData` (its settings, once rather than with every task). */
    private readonly workerData?: unknown,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot<In, Out> {
    const slot: Slot<In, Out> = { worker: new Worker(this.script, { workerData: this.workerData }), tasks: new Map() };
    slot.worker.unref();
    slot.worker.on('message', (message: ResultMessage<Out>) => {
      const task = slot.tasks.get(message.id);
      slot.tasks.delete(message.id);
      if (task) {
        if (message.ok) task.resolve({ value: message.value, slot: this.slots.indexOf(slot) });
        else task.reject(new Error(message.error));
      }
      this.pump();
    });
    slot.worker.on('error', (err) => this.lose(slot, err));
    // A thread can also end without an error (process.exit() in it, terminate()): its tasks
    // would otherwise wait for ever.
    slot.worker.on('exit', (code) => this.lose(slot, new Error(`worker thread exited (code ${code}) before answering`)));
    return slot;
  }

  /** A worker is gone: its tasks fail, and (unless the pool is closing) a new one takes its place. */
  private lose(slot: Slot<In, Out>, err: Error): void {
    const tasks = [...slot.tasks.values()];
    slot.tasks.clear();
    for (const task of tasks) task.reject(err);
    // Closing, nothing more: pump() would unref the threads still being terminated, and the
    // process could then exit before their terminate() resolves.
    if (this.closed) return;
    const index = this.slots.indexOf(slot);
    if (index !== -1) this.slots[index] = this.spawn();
    this.pump();
  }

  run(input: In, transfer: ArrayBuffer[] = []): Promise<Out> {
    return this.runPlaced(input, transfer).then((done) => done.value);
  }

  /** Runs on any worker, and tells which (its place in the pool, for `runOn`). */
  runPlaced(input: In, transfer: ArrayBuffer[] = []): Promise<{ value: Out; slot: number }> {
    return this.enqueue(input, transfer, null);
  }

  /** Runs on the worker at `slot` (one that keeps state for this task). */
  runOn(slot: number, input: In, transfer: ArrayBuffer[] = []): Promise<Out> {
    if (!(slot >= 0 && slot < this.slots.length)) return Promise.reject(new Error(`no worker ${slot} in the pool`));
    return this.enqueue(input, transfer, slot).then((done) => done.value);
  }

  private enqueue(input: In, transfer: ArrayBuffer[], slot: number | null): Promise<{ value: Out; slot: number }> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.nextId, input, transfer, slot, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    // In order, each task to its own worker or to the least busy one with room; those that
    // cannot go yet keep their place.
    for (let i = 0; i < this.queue.length; ) {
      const task = this.queue[i]!;
      let best: Slot<In, Out> | null = null;
      if (task.slot !== null) {
        const own = this.slots[task.slot]!;
        if (own.tasks.size < this.depth) best = own;
      } else {
        for (const slot of this.slots) if (slot.tasks.size < this.depth && (best === null || slot.tasks.size < best.tasks.size)) best = slot;
      }
      if (best === null) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      best.tasks.set(task.id, task);
      best.worker.ref();
      best.worker.postMessage({ id: task.id, input: task.input } satisfies TaskMessage<In>, task.transfer);
    }
    for (const slot of this.slots) if (slot.tasks.size === 0) slot.worker.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('worker pool closed'));
    // Tasks in flight fail as their workers exit (the 'exit' handler).
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** The worker thread's side: answers each task with `work`'s value, or its error. */
export function serveTasks<In, Out>(work: (input: In) => Out): void {
  parentPort?.on('message', ({ id, input }: TaskMessage<In>) => {
    let reply: ResultMessage<Out>;
    try {
      reply = { id, ok: true, value: work(input) };
    } catch (err) {
      reply = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    parentPort!.postMessage(reply);
  });
}
