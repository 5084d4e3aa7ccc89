// Imports packages from vectors/node_modules (where vectors/package-lock.json pins
// better-auth 1.7.24 and jose 6.2.17), whatever the current directory, taking each
// package's ESM entry ("import", else "default") from its `exports` map, so these scripts
// load exactly the module instances Better Auth itself loads.

import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const NODE_MODULES = join(ROOT, "vectors", "node_modules");

function pick(target) {
  if (typeof target === "string") return target;
  if (target && typeof target === "object") {
    for (const cond of ["import", "node", "default"]) {
      if (cond in target) {
        const r = pick(target[cond]);
        if (r) return r;
      }
    }
  }
  return null;
}

export function packageDir(name) {
  const dir = join(NODE_MODULES, name);
  if (!existsSync(join(dir, "package.json"))) {
    throw new Error(`${name} is not installed in ${NODE_MODULES}: run \`cd vectors && npm ci\``);
  }
  return dir;
}

export function packageVersion(name) {
  return JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")).version;
}

/** `import("better-auth/cookies")` as resolved from vectors/. */
export async function load(specifier) {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  const sub = "." + specifier.slice(name.length);
  const dir = packageDir(name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  let rel = pkg.exports ? pick(pkg.exports[sub] ?? (sub === "." ? pkg.exports : undefined)) : null;
  if (!rel && sub === ".") rel = pkg.module ?? pkg.main ?? "index.js";
  if (!rel) throw new Error(`${specifier}: no ESM entry in ${name}'s exports`);
  return await import(pathToFileURL(join(dir, rel)).href);
}
