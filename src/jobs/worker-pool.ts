// A small pool of worker threads for CPU-bound work (extraction parses whole pages), so the
// web server's event loop never stalls behind it. Tasks queue when every worker is busy; a
// worker that crashes is replaced and its task fails with the error.
import os from 'node:os';
import { Worker } from 'node:worker_threads';

interface Task<In, Out> {
  input: In;
  resolve: (out: Out) => void;
  reject: (err: Error) => void;
}

interface Slot<In, Out> {
  worker: Worker;
  task: Task<In, Out> | null;
}

export class WorkerPool<In, Out> {
  private readonly slots: Array<Slot<In, Out>> = [];
  private readonly queue: Array<Task<In, Out>> = [];
  private closed = false;

  constructor(
    private readonly script: URL,
    readonly size = Math.max(1, Math.min(4, os.availableParallelism())),
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot<In, Out> {
    const slot: Slot<In, Out> = { worker: new Worker(this.script), task: null };
    slot.worker.unref();
    slot.worker.on('message', (message: { ok: true; value: Out } | { ok: false; error: string }) => {
      const task = slot.task;
      slot.task = null;
      if (task) {
        if (message.ok) task.resolve(message.value);
        else task.reject(new Error(message.error));
      }
      this.pump();
    });
    slot.worker.on('error', (err) => {
      const task = slot.task;
      slot.task = null;
      task?.reject(err);
      const index = this.slots.indexOf(slot);
      if (index !== -1 && !this.closed) this.slots[index] = this.spawn();
      this.pump();
    });
    return slot;
  }

  run(input: In): Promise<Out> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.task) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage(task.input);
    }
    for (const slot of this.slots) if (!slot.task) slot.worker.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('worker pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
