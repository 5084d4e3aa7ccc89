// Writes dates.json: what V8's Date makes of the ISO strings Better Auth
// revives, and what toISOString writes.
//
//   node vectors/json/make-dates.mjs
//
// Output: { "parse": [{ input, shaped, ms }], "format": [{ ms, iso }] }
//  - parse: `shaped` is whether Better Auth's reviver regex matches `input`;
//    `ms` is new Date(input).getTime(), or null where that is NaN or where
//    the string is not shaped (Better Auth leaves those alone).
//  - format: `iso` is new Date(ms).toISOString(), or null where it throws.
// Plain Node (>= 20), no dependencies; deterministic (seeded PRNG).

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
// The regex of Better Auth's JSON reviver.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

const parse = [];
const seen = new Set();
function addParse(input) {
  if (seen.has(input)) return;
  seen.add(input);
  const shaped = ISO.test(input);
  const t = new Date(input).getTime();
  parse.push({ input, shaped, ms: shaped && !Number.isNaN(t) ? t : null });
}
const p2 = (n) => String(n).padStart(2, "0");
const p4 = (n) => String(n).padStart(4, "0");
const iso = (y, mo, d, h = 0, mi = 0, s = 0, frac = "") =>
  `${p4(y)}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}${frac === "" ? "" : "." + frac}Z`;

// Years, with every month's day edges.
const years = [0, 1, 4, 99, 100, 400, 1582, 1600, 1899, 1900, 1969, 1970, 1999, 2000, 2023, 2024, 2025, 2026,
  2100, 2400, 9998, 9999];
for (const y of years) {
  for (const mo of [0, 1, 2, 3, 4, 6, 9, 11, 12, 13]) {
    for (const d of [0, 1, 28, 29, 30, 31, 32]) addParse(iso(y, mo, d));
  }
}
// Every month and day value of one year, and wild ones.
for (let mo = 0; mo <= 99; mo += mo < 14 ? 1 : 17) addParse(iso(2026, mo, 15));
for (let d = 0; d <= 99; d += d < 33 ? 1 : 11) addParse(iso(2026, 2, d));
// Every hour, minute and second value around the limits.
for (let h = 0; h <= 99; h += h < 26 ? 1 : 13) addParse(iso(2026, 1, 1, h, 30, 30));
for (const mi of [0, 1, 30, 58, 59, 60, 61, 99]) addParse(iso(2026, 1, 1, 12, mi, 0));
for (const s of [0, 1, 30, 58, 59, 60, 61, 99]) addParse(iso(2026, 1, 1, 12, 0, s));
// Hour 24.
for (const [mi, s] of [[0, 0], [0, 1], [1, 0], [59, 59], [60, 0], [0, 60]]) addParse(iso(2026, 1, 1, 24, mi, s));
for (const frac of ["0", "00", "000", "0000", "000000000", "0".repeat(40), "1", "001", "0001", "0000000001",
  "0".repeat(40) + "1", "5", "999"]) {
  addParse(iso(2026, 1, 1, 24, 0, 0, frac));
  addParse(iso(2026, 12, 31, 24, 0, 0, frac));
  addParse(iso(9999, 12, 31, 24, 0, 0, frac));
}
addParse(iso(2026, 2, 31, 24, 0, 0));
addParse(iso(2024, 2, 29, 24, 0, 0));
// Fractions: 1..20 digits, leading zeros, the "first 9 significant digits"
// quirk, long runs.
const fracs = ["0", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789",
  "1234567890", "12345678901", "123456789012345678901234567890", "9", "99", "999", "9999", "99999999",
  "999999999", "9999999999", "05", "005", "0005", "00005", "050", "0050", "0123", "00123", "000123",
  "0123456789", "00123456789", "000123456789", "0000123456789", "000000000123456789", "0000000001",
  "00000000001", "0000000000000000000001", "100", "1000", "10000000000", "5", "50", "500", "5000",
  "001", "010", "0999", "0.5".replace(".", ""), "9".repeat(100), "0".repeat(100), "1".repeat(9),
  "1".repeat(10), "0".repeat(8) + "9", "0".repeat(9) + "9", "0".repeat(10) + "987654321",
  "987654321987654321", "4294967295", "2147483648", "999999999999"];
for (const f of fracs) {
  addParse(iso(2026, 1, 1, 0, 0, 0, f));
  addParse(iso(1969, 12, 31, 23, 59, 59, f));
  addParse(iso(0, 1, 1, 0, 0, 0, f));
}
// Not shaped: Better Auth leaves them alone (V8 may well parse them).
for (const s of [
  "2026-01-01T00:00:00", "2026-01-01T00:00Z", "2026-01-01", "2026-01-01T00:00:00.Z",
  "2026-01-01T00:00:00z", "2026-01-01t00:00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00+00:00",
  "2026-01-01T00:00:00.000+00:00", "+002026-01-01T00:00:00Z", "-002026-01-01T00:00:00Z",
  "02026-01-01T00:00:00Z", "226-01-01T00:00:00Z", "2026-1-01T00:00:00Z", "2026-01-1T00:00:00Z",
  "2026-01-01T0:00:00Z", "2026-01-01T00:0:00Z", "2026-01-01T00:00:0Z", "2026-01-01T00:00:00ZZ",
  "2026-01-01T00:00:00Z\n", " 2026-01-01T00:00:00Z", "2026-01-01T00:00:00.123", "2026/01/01T00:00:00Z",
  "2026-01-01T00:00:00,123Z", "2026-01-01T00:00:00.-1Z", "2026-01-01T00:00:00.1a2Z", "２０２６-01-01T00:00:00Z",
  "2026-01-01T00:00:00.１Z", "2026-01-01T00:00:00.000Zx", "", "Z", "2026-01-01T00:00:00.123 Z",
  "2026-01-01T00:00:00 Z", "2026-01-01T00:00:60", "abcd-ef-ghTij:kl:mnZ", "2026-01-01T00:00:00.0e1Z",
]) addParse(s);

// Random: mostly valid fields, sometimes out of range.
let seed = 0x0da7e5;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const digits = (n) => Array.from({ length: n }, () => int(10)).join("");
for (let i = 0; i < 250; i++) {
  const wild = rand() < 0.2;
  const y = int(10000);
  const mo = wild ? int(100) : 1 + int(12);
  const d = wild ? int(100) : 1 + int(31);
  const h = wild ? int(100) : int(25);
  const mi = wild ? int(100) : int(60);
  const s = wild ? int(100) : int(60);
  const frac = rand() < 0.3 ? "" : rand() < 0.2 ? "0".repeat(int(12)) + digits(1 + int(12)) : digits(1 + int(12));
  addParse(iso(y, mo, d, h, mi, s, frac));
}
// Round trips of toISOString output.
for (let i = 0; i < 100; i++) {
  const ms = Math.floor((rand() * 2 - 1) * 2 ** 43) + 1e12;
  const s = new Date(ms).toISOString();
  if (ISO.test(s)) addParse(s);
}

// Formatting.
const format = [];
const seenMs = new Set();
function addFormat(ms) {
  if (seenMs.has(ms)) return;
  seenMs.add(ms);
  let out = null;
  try {
    out = new Date(ms).toISOString();
  } catch {
    out = null;
  }
  format.push({ ms, iso: out });
}
const MAX = 8.64e15;
for (const ms of [0, 1, -1, 999, -999, 1000, -1000, 86399999, 86400000, -86400000, -86400001,
  MAX, -MAX, MAX - 1, -MAX + 1, MAX + 1, -MAX - 1, 9007199254740991, -9007199254740991,
  Date.UTC(0, 0, 1) /* 1900 */, -62167219200000, -62167219200001, -62167219199999,
  -62198755200000, -62198755200001, -62135596800000, 253402300799999, 253402300800000,
  253402300800001, 951782400000, 951868800000, -2203891200000, -2208988800000,
  1767225600000, 1772409600000, 1709164800000, 4102444800000, 32503680000000, -30610224000000,
  -62162121600000, -62104060800000, 1e15, -1e15, 8639999999999999, -8639999999999999]) addFormat(ms);
// Year boundaries from -2 to 10001 and around 275760 / -271821.
for (const y of [-271821, -271820, -10000, -9999, -2, -1, 0, 1, 99, 100, 1969, 1970, 2000, 9999, 10000, 10001, 99999, 100000, 275759]) {
  const d = new Date(0);
  d.setUTCFullYear(y, 0, 1);
  const start = d.getTime();
  if (Number.isFinite(start)) {
    addFormat(start);
    addFormat(start - 1);
    addFormat(start + 1);
  }
}
for (let i = 0; i < 200; i++) {
  const ms = Math.floor((rand() * 2 - 1) * (i < 100 ? MAX : 2 ** 45));
  addFormat(ms);
}

const file = join(here, "dates.json");
writeFileSync(file, JSON.stringify({ parse, format }, null, 1) + "\n");
console.log(`wrote ${parse.length} parse cases (${parse.filter((c) => c.ms !== null).length} valid, ` +
  `${parse.filter((c) => !c.shaped).length} not shaped) and ${format.length} format cases to ${file}`);
