// Turns for heavy synchronous work (a slot answer: an engine run and up to
// 10,000 slots to format and serialise, ~10 ms of one core). At most
// `concurrency` run at once, and each waiting one starts on a fresh turn of
// the event loop (setImmediate), after pending I/O: cheap requests such as
// /healthz and page reads are then served between two heavy ones rather than
// behind every heavy one that arrived with them. (A promise-based limiter
// like p-limit hands over in a microtask, which keeps I/O waiting.)
export class CpuTurns {
  readonly concurrency: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(concurrency: number) {
    this.concurrency = concurrency;
  }

  get waitingCount(): number {
    return this.#waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await work();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#running < this.concurrency && this.#waiting.length === 0) {
      this.#running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    // The turn passes straight to the next one (running stays the same), but only after the event loop has polled I/O.
    if (next) setImmediate(next);
    else this.#running -= 1;
  }
}
