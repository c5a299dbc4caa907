// Deterministic data for the demo site. Every list is generated from a fixed seed so that tests,
// benchmarks and the demo flow see the same titles, prices and names on every run and machine.

/** mulberry32: tiny seeded PRNG, good enough for varied-looking but reproducible content. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const ADJECTIVES = ['Wireless', 'Compact', 'Ergonomic', 'Smart', 'Portable', 'Classic', 'Ultra', 'Silent', 'Solar', 'Modular'];
const NOUNS = ['Mouse', 'Keyboard', 'Lamp', 'Speaker', 'Backpack', 'Kettle', 'Headphones', 'Monitor', 'Charger', 'Notebook'];
const FEATURES = ['Bluetooth 5.3', 'USB-C', '2-year warranty', 'Recycled plastic', 'Water resistant', 'Foldable', 'Rechargeable', 'Low noise', 'LED indicator', 'Travel case'];
const BRANDS = [
  { name: 'Acme', country: 'USA' },
  { name: 'Nordlys', country: 'Norway' },
  { name: 'Kumo', country: 'Japan' },
  { name: 'Baumhaus', country: 'Germany' },
  { name: 'Lumière', country: 'France' },
];
const CATEGORIES = ['Electronics', 'Home', 'Office', 'Outdoor', 'Audio'];
const FIRST = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Ken', 'Radia', 'Dennis', 'Frances', 'Edsger', 'Hedy', 'Tim', 'Katherine', 'Guido'];
const LAST = ['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Turing', 'Liskov', 'Thompson', 'Perlman', 'Ritchie', 'Allen', 'Dijkstra', 'Lamarr', 'Berners-Lee', 'Johnson', 'van Rossum'];
const ROLES = ['Owner', 'Admin', 'Editor', 'Viewer'];

export interface Review {
  who: string;
  stars: number;
  text: string;
}

export interface Product {
  id: number;
  name: string;
  /** Absent for some products ("price on request"). */
  price?: string;
  category: string;
  description: string;
  /** Absent for some products (not yet rated). */
  stars?: number;
  features: string[];
  reviews: Review[];
  brand?: { name: string; country: string };
}

/** Product i (1-based) is the same whatever n is, so /products?n=24 is a prefix of n=2000. */
export function product(i: number): Product {
  const rnd = seededRandom(1000 + i);
  const name = `${pick(rnd, ADJECTIVES)} ${pick(rnd, NOUNS)} ${i}`;
  const price = (5 + Math.floor(rnd() * 49500) / 100).toFixed(2);
  const nFeatures = Math.floor(rnd() * 4);
  const features = Array.from({ length: nFeatures }, (_, k) => FEATURES[(i + k * 3) % FEATURES.length]);
  const nReviews = i % 5 === 0 ? 0 : Math.floor(rnd() * 3) + 1;
  const reviews = Array.from({ length: nReviews }, (_, k) => ({
    who: `${FIRST[(i + k) % FIRST.length]} ${LAST[(i * 7 + k) % LAST.length][0]}.`,
    stars: 1 + Math.floor(rnd() * 5),
    text: k % 2 === 0 ? 'Works as described.' : 'Would buy <b>again</b>.',
  }));
  return {
    id: i,
    name,
    price: i % 11 === 0 ? undefined : `$${price}`,
    category: CATEGORIES[i % CATEGORIES.length],
    description: `${name} for everyday use. Model CW-${String(i).padStart(4, '0')}.`,
    stars: i % 7 === 0 ? undefined : Math.round((1 + rnd() * 4) * 2) / 2,
    features,
    reviews,
    brand: i % 9 === 0 ? undefined : BRANDS[i % BRANDS.length],
  };
}

export interface Item {
  id: number;
  title: string;
  price: string;
  url: string;
}

/** Items of the simple lists (/list, /pages, /load-more, /infinite). */
export function item(i: number): Item {
  const rnd = seededRandom(5000 + i);
  return {
    id: i,
    title: `Item ${i}: ${pick(rnd, ADJECTIVES)} ${pick(rnd, NOUNS)}`,
    price: `$${(1 + Math.floor(rnd() * 9900) / 100).toFixed(2)}`,
    url: `/items/${i}`,
  };
}

export function items(from: number, count: number): Item[] {
  return Array.from({ length: count }, (_, k) => item(from + k));
}

export interface Member {
  id: number;
  name: string;
  email: string;
  role: string;
  joined: string;
}

export function member(i: number): Member {
  const first = FIRST[i % FIRST.length];
  const last = LAST[(i * 4 + 3) % LAST.length];
  const day = String(1 + ((i * 13) % 28)).padStart(2, '0');
  const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
  return {
    id: i,
    name: `${first} ${last} #${i}`,
    email: `${first.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}${i}@example.test`,
    role: ROLES[i % ROLES.length],
    joined: `20${20 + (i % 6)}-${month}-${day}`,
  };
}

export interface Commit {
  sha: string;
  title: string;
  author: string;
  date: string;
}

const VERBS = ['Fix', 'Add', 'Refactor', 'Document', 'Speed up', 'Remove', 'Rename', 'Test'];
const AREAS = ['session reuse', 'wait_for parsing', 'JsonCss extraction', 'the markdown generator', 'proxy rotation', 'browser config dump', 'cache modes', 'iframe processing', 'shadow DOM flattening', 'the Docker API'];

/** Commit i (1 = newest). Titles are distinct so "first commit changed" detection works. */
export function commit(i: number): Commit {
  const rnd = seededRandom(9000 + i);
  let sha = '';
  for (let k = 0; k < 5; k++) sha += Math.floor(rnd() * 0xffffffff).toString(16).padStart(8, '0');
  const day = 28 - (i % 28);
  return {
    sha,
    title: `${VERBS[i % VERBS.length]} ${AREAS[(i * 3) % AREAS.length]} (#${3000 - i})`,
    author: `${FIRST[(i * 2) % FIRST.length].toLowerCase()}${LAST[i % LAST.length].toLowerCase().replace(/[^a-z]/g, '')}`,
    date: `2026-${String(11 - Math.floor(i / 28)).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

export const PAGE_SIZE = 10;
export const LIST_PAGES = 5;
export const MEMBER_PAGES = 5;
export const COMMIT_PAGES = 5;
export const LOAD_MORE_MAX = 50;
export const INFINITE_MAX = 100;

export function pageOf<T>(make: (i: number) => T, page: number, pages: number, size = PAGE_SIZE): { page: number; pages: number; items: T[] } {
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { page: p, pages, items: Array.from({ length: size }, (_, k) => make((p - 1) * size + k + 1)) };
}

/** Items [offset+1 .. offset+count] of the infinite feed (at most INFINITE_MAX in total). */
export function feedSlice(offset: number, count: number): { offset: number; total: number; done: boolean; items: Item[] } {
  const start = Math.min(Math.max(0, offset), INFINITE_MAX);
  const n = Math.max(0, Math.min(count, INFINITE_MAX - start));
  return { offset: start, total: INFINITE_MAX, done: start + n >= INFINITE_MAX, items: items(start + 1, n) };
}
