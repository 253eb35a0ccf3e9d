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
// Each bundle (dist/cli/flink-mem-<command>.cjs, dist/cli/flink-mem.cjs) is stored already wrapped
// as a CommonJS module function: V8 compiles the file's text as it is read, rather than a copy
// joined to a wrapper (which took time and memory).
const { closeSync, fstatSync, openSync, readFileSync, readSync } = require('node:fs');
const { isAbsolute, join } = require('node:path');

const dir = join(__dirname, '..', 'dist', 'cli');
const command = process.argv[2];
// `lint`, `explain` and `doctor` have bundles of their own, holding only what that command runs;
// anything else runs the bundle of every command.
const own = command === 'lint' || command === 'explain' || command === 'doctor';
const bundleName = own ? `flink-mem-${command}` : 'flink-mem';
const file = join(dir, `${bundleName}.cjs`);
const cacheName = own ? command : 'other';

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

/**
 * Reads `size` bytes of `fd` into the start of `buffer`; false when the file ends sooner.
 */
function readAll(fd, buffer, size) {
  let done = 0;
  while (done < size) {
    const n = readSync(fd, buffer, done, size - done, done);
    if (n === 0) return false;
    done += n;
  }
  return true;
}

/**
 * The cache file to read (a descriptor and its size), or undefined when there is none to use. A
 * user's cache must be a regular file of this user's (a folder others can write to could hold
 * anything) of a size a cache can have (the caches are well under 1 MB).
 */
function openCache(path, mustBeOurs) {
  let fd;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (
      mustBeOurs &&
      (!st.isFile() ||
        st.size > 64 * 1024 * 1024 ||
        (typeof process.getuid === 'function' && st.uid !== process.getuid()))
    ) {
      closeSync(fd);
      return undefined;
    }
    return { fd, size: st.size };
  } catch {
    closeSync(fd);
    return undefined;
  }
}

/**
 * The cache's bytes (in `buffer`), or undefined when it cannot be read or, for a user's cache,
 * its header is not this build's.
 */
function readCache(cache, buffer, withHeader) {
  try {
    if (!readAll(cache.fd, buffer, cache.size)) return undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(cache.fd);
  }
  const bytes = buffer.subarray(0, cache.size);
  if (!withHeader) return bytes;
  const end = bytes.indexOf(10);
  if (end < 0 || end > 200) return undefined;
  const payload = bytes.subarray(end + 1);
  return bytes.subarray(0, end + 1).equals(headerOf(payload.length)) ? payload : undefined;
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
// One buffer serves both reads: the bundle's text is read into it and copied out as a string,
// then the cache is read over it. Every page of a fresh buffer costs a page fault when first
// written, a noticeable part of start-up on some virtual machines; sharing the buffer saves
// those of the smaller file.
const cache = shipped
  ? openCache(join(dir, `${bundleName}.cache`), false)
  : userPath
    ? openCache(userPath, true)
    : undefined;
const bundleFd = openSync(file, 'r');
let source;
let buffer;
try {
  const size = fstatSync(bundleFd).size;
  buffer = Buffer.allocUnsafe(Math.max(size, cache ? cache.size : 0));
  if (!readAll(bundleFd, buffer, size)) throw new Error(`${file}: cut short while read`);
  // The build checks that the bundle is ASCII: latin1 reads it without decoding.
  source = buffer.toString('latin1', 0, size);
} finally {
  closeSync(bundleFd);
}
const cachedData = cache ? readCache(cache, buffer, !shipped) : undefined;
const script = new (require('node:vm').Script)(source, { filename: file, cachedData });
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, require, bundle, file, dir);
bundle.exports.main().then((code) => {
  process.exitCode = code;
  // The first run of a command here (or one whose cache V8 turned down) leaves its cache behind,
  // once it has done the command's work: a cache holds what its run compiled, and one made by
  // `lint --help` or a usage error would leave the command's code to compile on every later run.
  const worked = !own || bundle.exports.workStarted();
  if (userPath && worked && (cachedData === undefined || script.cachedDataRejected))
    writeUserCache(folder, userPath, script.createCachedData());
});
