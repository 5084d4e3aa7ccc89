// Writes cases.json: JSON texts with what V8 makes of them.
//
//   node vectors/json/make-cases.mjs
//
// Each case is { name, input, output } with
// output === JSON.stringify(JSON.parse(input)), or { name, input, error: true }
// for texts JSON.parse rejects. A case with "ourLimit": true is one V8
// accepts but our parser rejects on purpose (nesting deeper than 256).
// Plain Node (>= 20), no dependencies; deterministic (seeded PRNG).
//
// `input` and `output` are always well-formed Unicode strings: lone
// surrogates appear in them only as `\udxxx` escape text, so the file
// itself can be read by any JSON parser.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const cases = [];

function add(name, input, opts = {}) {
  let output;
  let error = false;
  try {
    output = JSON.stringify(JSON.parse(input));
  } catch {
    error = true;
  }
  if (opts.expectError !== undefined && opts.expectError !== error) {
    throw new Error(`case ${name}: expected error=${opts.expectError}, V8 says error=${error}`);
  }
  if (!input.isWellFormed()) throw new Error(`case ${name}: input has a raw lone surrogate`);
  if (opts.ourLimit) {
    cases.push({ name, input, error: true, ourLimit: true });
  } else if (error) {
    cases.push({ name, input, error: true });
  } else {
    if (!output.isWellFormed()) throw new Error(`case ${name}: output not well-formed`);
    cases.push({ name, input, output });
  }
}
const ok = (name, input) => add(name, input, { expectError: false });
const bad = (name, input) => add(name, input, { expectError: true });

// --- key order -----------------------------------------------------------
ok("key order: index keys mixed with others",
  '{"10":1,"2":2,"a":3,"0":4,"01":5,"-1":6,"4294967294":7,"4294967295":8,"1.5":9}');
ok("key order: large index keys", '{"b":0,"4294967294":1,"4294967293":2,"99999999999":3,"1e3":4,"1000":5}');
ok("key order: non-canonical numerics stay strings",
  '{" 1":1,"1 ":2,"+1":3,"00":4,"0x1":5,"1":6,"-0":7,"0":8,"":9}');
ok("key order: nested objects", '{"z":{"9":1,"x":2,"8":3},"3":[{"b":1,"1":2}]}');
// --- duplicate keys ------------------------------------------------------
ok("dup: last value, first position", '{"a":1,"b":2,"a":3}');
ok("dup: index key duplicated", '{"1":"x","0":"y","1":"z","a":1}');
ok("dup: index key duplicated after other keys", '{"a":1,"5":2,"b":3,"5":4,"3":5}');
ok("dup: __proto__ key", '{"__proto__":1,"a":2,"__proto__":3}');
ok("dup: __proto__ object value", '{"__proto__":{"x":1},"y":2}');
ok("dup: __proto__ null", '{"a":0,"__proto__":null}');
ok("dup: constructor and toString keys", '{"constructor":1,"toString":2,"hasOwnProperty":3}');
ok("dup: value replaced by object", '{"a":[1,2],"b":0,"a":{"c":1}}');
ok("dup: escaped and raw spelling of the same key", '{"a":1,"\\u0061":2}');
ok("dup: many", '{' + Array.from({ length: 40 }, (_, i) => `"k${i % 13}":${i}`).join(",") + '}');
ok("dup: many with index keys",
  '{' + Array.from({ length: 60 }, (_, i) => `"${(i * 7) % 23}":${i},"s${i % 5}":${i}`).join(",") + '}');

// --- numbers -------------------------------------------------------------
const numbers = [
  "0", "-0", "-0.0", "0.0", "0e0", "-0e-0", "0.1", "0.5", "1", "-1", "100", "1e2", "1E2", "1E+2", "1e+2",
  "1e-2", "1e21", "1e20", "999999999999999999999", "1e-7", "1e-6", "0.000001", "0.0000001", "123e-20",
  "5e-324", "2.5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "-1e-400",
  "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309",
  "1e400", "-1e400", "9007199254740993", "9007199254740992", "9007199254740991", "-9007199254740993",
  "123456789012345678901234567890", "73786976294838206464", "18446744073709551616",
  "0.30000000000000004", "0.1e1", "1.5", "-1.5", "3.14159265358979323846264338327950288",
  "1.00000000000000011102230246251565404236316680908203125",
  "1.00000000000000011102230246251565404236316680908203124",
  "1.00000000000000011102230246251565404236316680908203126",
  "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
  "1e0", "1e-0", "1e+0", "10e-1", "0.00000000000000000000000000000000000001",
  "1" + "0".repeat(400), "0." + "0".repeat(400) + "1", "1" + "0".repeat(308), "1" + "0".repeat(309),
  "1e1000000000000000000000000", "1e-1000000000000000000000000", "123456789e-9", "1e15", "1e16",
  "999999999999999", "9999999999999999", "4294967295", "4294967296", "-2147483648", "1.2e-5",
  "1.23456789e-7", "12345678901234567890e-30", "0.1234567890123456789",
];
for (const n of numbers) ok(`number ${n.length > 40 ? n.slice(0, 30) + "...(" + n.length + ")" : n}`, `[${n}]`);
ok("number at top level", "12.5e3");
ok("negative zero at top level", "-0");

// --- strings -------------------------------------------------------------
for (let c = 0; c < 0x20; c++) {
  const hex = c.toString(16).padStart(4, "0");
  ok(`control U+${hex} escaped lowercase`, `"\\u${hex}"`);
  ok(`control U+${hex} escaped uppercase`, `"\\u${hex.toUpperCase()}"`);
  bad(`control U+${hex} raw`, `"a${String.fromCharCode(c)}b"`);
}
ok("short escapes", String.raw`"\" \\ \/ \b \f \n \r \t"`);
ok("escaped slash", String.raw`"a\/b"`);
ok("raw slash", '"a/b"');
ok("DEL raw", '"\u007f"');
ok("DEL escaped", String.raw`"\u007F"`);
ok("U+0080..U+00FF escaped", '"' + Array.from({ length: 128 }, (_, i) => "\\u00" + (i + 128).toString(16)).join("") + '"');
ok("non-ASCII raw", '"é中\u0100\u07ff\u0800\uffff"');
ok("non-ASCII escaped", String.raw`"\u00e9\u4E2D\u0100\u07FF\u0800\uFFFF\uFFFE\uFEFF"`);
ok("U+2028 U+2029 raw", '"\u2028\u2029"');
ok("U+2028 U+2029 escaped", String.raw`"\u2028\u2029"`);
ok("BOM inside string", '"\ufeffx"');
ok("lone high surrogate", String.raw`"\ud800"`);
ok("lone high surrogate uppercase", String.raw`"\uDBFF"`);
ok("lone low surrogate", String.raw`"\udc00"`);
ok("lone low surrogate uppercase", String.raw`"\uDFFF"`);
ok("reversed pair", String.raw`"\udc00\ud800"`);
ok("high high low", String.raw`"\ud800\ud800\udc00"`);
ok("high low low", String.raw`"\ud800\udc00\udc00"`);
ok("high then short escape", String.raw`"\ud800\n"`);
ok("high then raw char", String.raw`"\ud800x"`);
ok("high at end of key", String.raw`{"k\ud800":1}`);
ok("lone surrogate keys", String.raw`{"\udc00":1,"\ud800":2,"\ud800\udc00":3}`);
ok("surrogate pair escaped", String.raw`"\ud83d\ude00"`);
ok("surrogate pair escaped uppercase", String.raw`"\uD83D\uDE00"`);
ok("surrogate pair escaped mixed case", String.raw`"\uD83d\udE00"`);
ok("max code point escaped", String.raw`"\udbff\udfff"`);
ok("min astral escaped", String.raw`"\ud800\udc00"`);
ok("emoji raw", '"😀👍🏽👨‍👩‍👧"');
ok("emoji raw and escaped adjacent", '"😀\\ud83d\\ude00😀"');
ok("high surrogate escape then raw emoji", '"\\ud83d😀"');
ok("empty string", '""');
ok("empty key", '{"":""}');
ok("long string", '"' + "abc\\n\\u0001é😀".repeat(500) + '"');
ok("escaped quote in key", String.raw`{"a\"b":1,"c\\d":2}`);
ok("escape of every ASCII", '"' + Array.from({ length: 128 }, (_, i) => "\\u" + i.toString(16).padStart(4, "0")).join("") + '"');

// --- structure and whitespace -------------------------------------------
ok("literals", "[true,false,null]");
ok("empty array", "[]");
ok("empty object", "{}");
ok("empty containers with whitespace", "[ [ ] , { } , [\t] , {\n} ]");
ok("nested", '{"a":[1,[2,[3,{"b":{"c":[]}}]]],"d":{"e":{"f":null}}}');
ok("whitespace everywhere", ' \t\n\r{ \t\n\r"a" \t\n\r: \t\n\r[ \t\n\r1 \t\n\r, \t\n\r2 \t\n\r] \t\n\r} \t\n\r');
ok("leading whitespace only", "\n\n\t 1");
ok("top-level string", '"x"');
ok("top-level null", "null");
ok("nesting 256 deep arrays", "[".repeat(256) + "]".repeat(256));
ok("nesting 256 deep objects", '{"a":'.repeat(255) + "{}" + "}".repeat(255));
add("nesting 257 deep arrays", "[".repeat(257) + "]".repeat(257), { ourLimit: true, expectError: false });
add("nesting 1000 deep mixed", '[{"a":'.repeat(500) + "0" + "}]".repeat(500), { ourLimit: true, expectError: false });

// --- errors --------------------------------------------------------------
const errors = {
  "empty input": "",
  "only whitespace": " \n\t ",
  "trailing comma array": "[1,2,]",
  "trailing comma object": '{"a":1,}',
  "leading comma": "[,1]",
  "double comma": "[1,,2]",
  "missing comma": "[1 2]",
  "missing colon": '{"a" 1}',
  "missing value": '{"a":}',
  "unquoted key": "{a:1}",
  "number key": "{1:1}",
  "single quotes string": "'a'",
  "single quotes key": "{'a':1}",
  "line comment": "[1]//c",
  "block comment": "/*c*/[1]",
  "comment inside": "[1,/*c*/2]",
  "hash comment": "#c\n1",
  "leading zero": "01",
  "leading zero negative": "-01",
  "leading zeros": "00",
  "leading dot": ".5",
  "trailing dot": "5.",
  "trailing dot exponent": "5.e3",
  "plus sign": "+1",
  "minus alone": "-",
  "minus space": "- 1",
  "exponent without digits": "1e",
  "exponent sign without digits": "1e+",
  "double exponent": "1e2e3",
  "hex number": "0x10",
  "NaN": "NaN",
  "Infinity": "Infinity",
  "-Infinity": "-Infinity",
  "undefined": "undefined",
  "True capitalized": "True",
  "truncated true": "tru",
  "truncated null": "nul",
  "true with garbage": "truex",
  "invalid escape x": String.raw`"\x41"`,
  "invalid escape a": String.raw`"\a"`,
  "invalid escape 0": String.raw`"\0"`,
  "invalid escape U": String.raw`"\U0041"`,
  "invalid escape short u": String.raw`"\u041"`,
  "invalid escape non-hex u": String.raw`"\u00g1"`,
  "invalid escape braces": String.raw`"\u{41}"`,
  "escaped newline": '"a\\\nb"',
  "backslash at end": '"\\',
  "unterminated string": '"abc',
  "unterminated string in object": '{"a":"b',
  "unterminated array": "[1,2",
  "unterminated object": '{"a":1',
  "unterminated key": '{"a',
  "unterminated nested": "[[[]]",
  "unmatched close": "]",
  "extra close": "[1]]",
  "mismatched brackets": "[1}",
  "trailing garbage": "[1] x",
  "trailing value": "1 2",
  "two objects": "{}{}",
  "vertical tab whitespace": "\u000b1",
  "form feed whitespace": "\u000c1",
  "NBSP whitespace": "\u00a01",
  "BOM": "\ufeff1",
  "U+2028 whitespace": "\u20281",
  "trailing NUL": "1\u0000",
  "raw tab in string": '"a\tb"',
  "raw newline in string": '"a\nb"',
  "raw NUL in string": '"a\u0000b"',
  "raw control in key": '{"a\u0001":1}',
  "array as key": '{[1]:1}',
  "colon in array": "[1:2]",
};
for (const [name, input] of Object.entries(errors)) bad(name, input);

// --- random --------------------------------------------------------------
// mulberry32
let seed = 0x5e55_10c4;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const pick = (a) => a[int(a.length)];

function hex4(code) {
  const h = code.toString(16).padStart(4, "0");
  return rand() < 0.5 ? h : h.toUpperCase();
}

// One piece of string content, as JSON source text.
function stringPiece() {
  switch (int(12)) {
    case 0: return pick(["a", "Z", "0", " ", "abc", "hello world", "-", "_", "~"]);
    case 1: { const c = int(0x20); return pick([`\\u${hex4(c)}`, JSON.stringify(String.fromCharCode(c)).slice(1, -1)]); }
    case 2: return pick(['\\"', "\\\\", "\\/", "/", "\\b", "\\f", "\\n", "\\r", "\\t"]);
    case 3: return pick(["é", "ß", "中文", "Ωμέγα", "\u00a0", "\u0100", "\u07ff", "\u0800", "\uffff", "\ufeff", "\u007f"]);
    case 4: return pick(["😀", "👍🏽", "𝄞", "\u{10ffff}", "\u{10000}", "👨‍👩‍👧"]);
    case 5: { const cp = 0x10000 + int(0x100000); const s = String.fromCodePoint(cp); return `\\u${hex4(s.charCodeAt(0))}\\u${hex4(s.charCodeAt(1))}`; }
    case 6: return `\\u${hex4(0xd800 + int(0x800))}`; // lone surrogate (may pair with a neighbour)
    case 7: return `\\u${hex4(int(0x10000))}`;
    case 8: return pick(["\u2028", "\u2029", "\\u2028", "\\u2029"]);
    case 9: { const cp = 0x80 + int(0xd800 - 0x80); return String.fromCodePoint(cp); }
    case 10: return pick(["\\u007f", "\\u0080", "\\u00ff", "\\u0000"]);
    default: return String.fromCharCode(0x20 + int(0x5f)).replace(/["\\]/, "x");
  }
}
function stringText() {
  let s = "";
  const n = int(4) === 0 ? 0 : int(8);
  for (let i = 0; i < n; i++) s += stringPiece();
  return `"${s}"`;
}
function keyText() {
  if (rand() < 0.5) {
    return `"${pick(["0", "1", "2", "10", "01", "-1", "1.5", "4294967294", "4294967295", "4294967296", "007",
      "99", "100", "a", "b", "id", "__proto__", "constructor", "", " ", "1e3", "NaN", "-0", String(int(50)),
      String(int(4294967296)), "\\u0031", "\\ud800", "😀", "é"])}"`;
  }
  return stringText();
}
function numberText() {
  switch (int(8)) {
    case 0: return String(int(1000) - 500);
    case 1: { // random digits, fraction, exponent
      let s = rand() < 0.3 ? "-" : "";
      s += int(5) === 0 ? "0" : String(1 + int(9)) + Array.from({ length: int(25) }, () => int(10)).join("");
      if (rand() < 0.5) s += "." + Array.from({ length: 1 + int(25) }, () => int(10)).join("");
      if (rand() < 0.5) s += pick(["e", "E"]) + pick(["", "+", "-"]) + String(int(rand() < 0.5 ? 30 : 420));
      return s;
    }
    case 2: { // random double bits
      const dv = new DataView(new ArrayBuffer(8));
      dv.setUint32(0, int(2 ** 32)); dv.setUint32(4, int(2 ** 32));
      const x = dv.getFloat64(0);
      if (!Number.isFinite(x)) return "1e999";
      return pick([String(x), x.toExponential(int(21)), x.toPrecision(1 + int(21))]);
    }
    case 3: return pick(["0", "-0", "0.0", "-0.0", "0e10", "5e-324", "1e308", "1.7976931348623157e308", "1e400", "-1e400", "2.5e-324", "1e-7", "1e21", "1e-6", "1e20"]);
    case 4: { const x = rand() * 10 ** (int(40) - 20); return String(rand() < 0.5 ? -x : x); }
    case 5: return String(int(2 ** 31)) + pick(["", "000", "000000000000"]);
    case 6: return `${1 + int(9)}e${int(700) - 350}`;
    default: return (rand() * 1000).toFixed(int(10));
  }
}
function ws() {
  if (rand() < 0.8) return "";
  return Array.from({ length: 1 + int(3) }, () => pick([" ", "\t", "\n", "\r"])).join("");
}
function valueText(depth) {
  const r = rand();
  if (depth > 3 || r < 0.4) {
    switch (int(6)) {
      case 0: return pick(["true", "false", "null"]);
      case 1: case 2: return numberText();
      default: return stringText();
    }
  }
  if (r < 0.6) {
    const n = int(6);
    return "[" + ws() + Array.from({ length: n }, () => ws() + valueText(depth + 1) + ws()).join(",") + ws() + "]";
  }
  const n = int(rand() < 0.1 ? 24 : 6);
  return "{" + ws() + Array.from({ length: n }, () => ws() + keyText() + ws() + ":" + ws() + valueText(depth + 1) + ws()).join(",") + ws() + "}";
}
const NUMBER_RE = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
for (let i = 0; i < 200; i++) {
  let text = valueText(0);
  // All generated numbers must be JSON numbers; replace any that are not.
  text = ws() + text + ws();
  try {
    JSON.parse(text);
  } catch (e) {
    throw new Error(`random case ${i} did not parse: ${e.message}`);
  }
  ok(`random ${i}`, text);
}
for (let i = 0; i < 100; i++) {
  const n = numberText();
  if (NUMBER_RE.test(n)) ok(`random number ${i}: ${n.length > 40 ? n.slice(0, 30) + "..." : n}`, n);
}
// Random corruptions of valid texts: whatever V8 says, we must say too.
for (let i = 0; i < 100; i++) {
  // Work on code points so that no raw surrogate pair is split.
  const text = [...valueText(2)];
  const pos = int(text.length + 1);
  const insert = pick([",", "]", "}", "[", "{", '"', "\\", ":", " ", "0", "-", ".", "e", "\u0001", "x", ""]);
  const cut = int(3);
  add(`corrupted ${i}`, text.slice(0, pos).join("") + insert + text.slice(pos + cut).join(""));
}

const file = join(here, "cases.json");
writeFileSync(file, JSON.stringify(cases, null, 1) + "\n");
const errorsCount = cases.filter((c) => c.error).length;
console.log(`wrote ${cases.length} cases (${errorsCount} errors) to ${file}`);
