// Photos chosen without a connection wait here, in the browser's IndexedDB, until they are sent:
// nothing a worker captures is lost to a dropped connection, a closed tab or a restarted phone.
// Each photo is kept under its owner's username, so another person logging in on the same phone
// never sends it as theirs.

export interface Parked {
  id: number;
  owner: string;
  file: File;
}

export interface Outbox {
  put(owner: string, file: File): Promise<number>;
  all(owner: string): Promise<Parked[]>;
  remove(id: number): Promise<void>;
}

const DATABASE = 'homeclaim';
const STORE = 'outbox';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DATABASE, 1);
  req.onupgradeneeded = () => {
    req.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true }).createIndex('owner', 'owner');
  };
  return request(req);
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await request(work(db.transaction(STORE, mode).objectStore(STORE)));
  } finally {
    db.close();
  }
}

/** The browser's outbox; null where IndexedDB is missing (then a failed upload stays failed). */
export function browserOutbox(): Outbox | null {
  if (typeof indexedDB === 'undefined') return null;
  return {
    // The File itself is stored: IndexedDB keeps its bytes, name and type.
    put: async (owner, file) => Number(await withStore('readwrite', (store) => store.add({ owner, file }))),
    all: async (owner) => (await withStore('readonly', (store) => store.index('owner').getAll(owner))) as Parked[],
    remove: async (id) => {
      await withStore('readwrite', (store) => store.delete(id));
    },
  };
}

/** The same contract in memory, for tests. */
export function memoryOutbox(): Outbox & { parked: Parked[] } {
  let next = 1;
  const parked: Parked[] = [];
  return {
    parked,
    put: async (owner, file) => {
      parked.push({ id: next, owner, file });
      return next++;
    },
    all: async (owner) => parked.filter((entry) => entry.owner === owner),
    remove: async (id) => {
      const index = parked.findIndex((entry) => entry.id === id);
      if (index >= 0) parked.splice(index, 1);
    },
  };
}
