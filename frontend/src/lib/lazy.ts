// A page whose code is fetched the first time it is opened (a separate chunk), so a worker's phone
// never downloads the admin's and HR's pages. Pure, so it is unit-tested.

export class Lazy<C> {
  /** The component once its code has arrived; later visits render it at once. */
  loaded: C | null = null;
  private pending: Promise<C> | null = null;

  constructor(private readonly fetch: () => Promise<{ default: C }>) {}

  /** One fetch at a time; a failed one is forgotten so the next call tries again. */
  load(): Promise<C> {
    this.pending ??= this.fetch().then(
      (module) => (this.loaded = module.default),
      (error: unknown) => {
        this.pending = null;
        throw error;
      },
    );
    return this.pending;
  }
}

export const lazy = <C>(fetch: () => Promise<{ default: C }>): Lazy<C> => new Lazy(fetch);
