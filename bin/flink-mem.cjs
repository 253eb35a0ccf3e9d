#!/usr/bin/env node
'use strict';
// Starts the bundled CLI without parsing and compiling it from scratch, through a V8 code cache
// of the command being run (made after a run of that command, so it holds the functions the
// command runs; Node's own module compile cache keeps only what is compiled when a file loads).
// V8 accepts a cache only from the Node version that made it:
// - on the Node version that built the package, the build's caches in dist/cli are used;
// - on any other version, the first run of a command writes its cache to a folder of the user's
//   (FLINK_MEM_CACHE_DIR, else $XDG_CACHE_HOME/flink-mem, else ~/.cache/flink-mem, else a folder
//   of this user's in the temporary folder; an empty FLINK_MEM_CACHE_DIR turns this off), named
//   by Node version and build, written to a temporary file and renamed into place so that a
//   reader never sees half a cache; later runs read it.
// A cache that is missing, of another build or Node version, truncated or not ours is ignored
// (and replaced). A cache only ever costs or saves time: the output is the same without it.
// dist/cli/flink-mem.cjs is the bundle already wrapped as a CommonJS module function: V8 compiles
// the file's text as it is read, rather than a copy joined to a wrapper (which took time and
// memory).
const { readFileSync } = require('node:fs');
const { isAbsolute, join } = require('node:path');

const dir = join(__dirname, '..', 'dist', 'cli');
const file = join(dir, 'flink-mem.cjs');
const command = process.argv[2];
const cacheName =
  command === 'lint' || command === 'explain' || command === 'doctor' ? command : 'other';

let built;
try {
  // "<node version> <build id>": the Node version that made the shipped caches, and the bundle's
  // hash.
  built = readFileSync(join(dir, 'node-version'), 'utf8').trim().split(' ');
} catch {
  built = ['', ''];
}
const [builtBy, buildId] = built;

/**
 * The header of a cache written here: magic, build id, payload length; V8 checks the payload's own.
 */
const MAGIC = 'flink-mem-v8-cache';
const headerOf = (length) =>
  Buffer.from(`${MAGIC} ${buildId} ${process.version} ${process.arch} ${length}\n`, 'latin1');

/** The user's cache folder for this Node version, or '' when there is none to use. */
function userCacheDir() {
  const env = process.env;
  const chosen = env.FLINK_MEM_CACHE_DIR;
  if (chosen !== undefined) return chosen === '' || !isAbsolute(chosen) ? '' : chosen;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'flink-mem');
  const home = process.platform === 'win32' ? env.LOCALAPPDATA : env.HOME;
  if (home && isAbsolute(home))
    return join(home, process.platform === 'win32' ? 'flink-mem' : '.cache/flink-mem');
  // No home: a folder of this user's alone (checked when written) in the shared temporary folder.
  return typeof process.getuid === 'function'
    ? join(require('node:os').tmpdir(), `flink-mem-cache-${process.getuid()}`)
    : '';
}

/** The cache file's contents without its header, or undefined when it is missing or not ours. */
function readUserCache(path) {
  const fs = require('node:fs');
  let fd;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    // Only a regular file of this user's (a folder others can write to could hold anything), of a
    // size a cache can have (the caches are well under 1 MB).
    if (
      !st.isFile() ||
      st.size > 64 * 1024 * 1024 ||
      (typeof process.getuid === 'function' && st.uid !== process.getuid())
    )
      return undefined;
    const bytes = Buffer.allocUnsafe(st.size);
    let done = 0;
    while (done < st.size) {
      const n = fs.readSync(fd, bytes, done, st.size - done, done);
      if (n === 0) return undefined;
      done += n;
    }
    const end = bytes.indexOf(10);
    if (end < 0 || end > 200) return undefined;
    const payload = bytes.subarray(end + 1);
    return bytes.subarray(0, end + 1).equals(headerOf(payload.length)) ? payload : undefined;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a cache whole or not at all: a temporary file of its own, then a rename over the name. */
function writeUserCache(folder, path, data) {
  const fs = require('node:fs');
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const st = fs.statSync(folder);
    if (
      typeof process.getuid === 'function' &&
      (st.uid !== process.getuid() || (st.mode & 0o022) !== 0)
    )
      return;
    const temp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2)}.tmp`;
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, Buffer.concat([headerOf(data.length), data]));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.renameSync(temp, path);
    } catch {
      fs.rmSync(temp, { force: true });
      return;
    }
    // Caches of other builds (an earlier flink-mem) are of no use any more.
    for (const name of fs.readdirSync(folder)) {
      const m = /^v[\d.]+-\w+-([0-9a-f]{16})\.\w+\.cache$/.exec(name);
      if (m && m[1] !== buildId) fs.rmSync(join(folder, name), { force: true });
    }
  } catch {
    // A read-only or full disk: the next run compiles again.
  }
}

const shipped = builtBy === process.version;
const folder = shipped || !buildId ? '' : userCacheDir();
const userPath = folder
  ? join(folder, `${process.version}-${process.arch}-${buildId}.${cacheName}.cache`)
  : '';
let cachedData;
if (shipped) {
  try {
    cachedData = readFileSync(
      join(dir, cacheName === 'other' ? 'flink-mem.cache' : `flink-mem.${cacheName}.cache`),
    );
  } catch {
    cachedData = undefined;
  }
} else if (userPath) {
  cachedData = readUserCache(userPath);
}
// The build checks that the bundle is ASCII: latin1 reads it without decoding.
const script = new (require('node:vm').Script)(readFileSync(file, 'latin1'), {
  filename: file,
  cachedData,
});
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, require, bundle, file, dir);
bundle.exports.main().then((code) => {
  process.exitCode = code;
  // The first run of a command here (or one whose cache V8 turned down) leaves its cache behind.
  if (userPath && (cachedData === undefined || script.cachedDataRejected))
    writeUserCache(folder, userPath, script.createCachedData());
});
