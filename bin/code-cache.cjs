'use strict';
// Loading of the one-file bundles (dist/cli/assume.cjs, exec.cjs) through a V8 code cache,
// for Node versions without Node's own compile cache (module.enableCompileCache,
// Node >= 22.1): Node 20 compiles every function of the bundle afresh on each
// run. The cache is the bytecode of what a run compiled, kept in the user's
// cache folder. It holds no secret, but V8 trusts it blindly (a corrupted file
// crashes the process), so it is named after the Node version and the bundle's
// own bytes, carries a SHA-256 of itself that is checked before V8 sees it, and
// is written whole (temp file, then rename). Anything wrong with it only costs
// speed: the bundle is then compiled as usual and the cache written again.
const fs = require('node:fs');
const { homedir } = require('node:os');
const { basename, dirname, isAbsolute, join } = require('node:path');

const DIGEST_BYTES = 32;

// node:crypto and node:vm are required where they are used: the launcher loads
// this file for every command, and most never use the cache.
const sha256 = () => require('node:crypto').createHash('sha256');

/**
 * Switchyard's folder in the user's cache folder, or undefined when it must not
 * be used: as root in a home that root does not own (`sudo -E` keeps the user's
 * HOME, and root-owned files there would lock the user out).
 */
function cacheFolder(env = process.env) {
  const xdg = env.XDG_CACHE_HOME;
  const root = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  if (process.getuid?.() === 0 && ownerOfNearest(root) !== 0) return undefined;
  return join(root, 'switchyard');
}

/** The owner of a path, or of its nearest existing parent folder. */
function ownerOfNearest(path) {
  for (let at = path; ; at = dirname(at)) {
    try {
      return fs.statSync(at).uid;
    } catch {
      if (dirname(at) === at) return undefined;
    }
  }
}

/** What each file loaded through the cache exported: like require's, each file runs once. */
const loadedFiles = new Map();

/** require(file), with the compiled code kept in `folder` between runs. */
function requireWithCodeCache(file, folder) {
  if (!loadedFiles.has(file)) loadedFiles.set(file, loadWithCodeCache(file, folder));
  return loadedFiles.get(file);
}

function loadWithCodeCache(file, folder) {
  let loaded;
  try {
    loaded = compileWithCache(file, folder);
  } catch {
    loaded = undefined;
  }
  if (!loaded) return require(file);
  const module = { exports: {} };
  loaded.script.runInThisContext()(
    module.exports,
    bundleRequire(file, folder),
    module,
    file,
    dirname(file),
  );
  if (loaded.write) process.once('exit', () => writeCache(loaded.script, loaded.cachePath));
  return module.exports;
}

/**
 * The `require` a bundle is given: a bundle asks only for Node's own modules and
 * for bundles beside it (`./sts-gateway.cjs`, the AWS SDK's gateway), so this
 * resolves those from the bundle's folder and loads them through the cache too.
 * (module.createRequire would do the same but loads `node:module`, and with it
 * Node's ES module loader, on every run.)
 */
function bundleRequire(file, folder) {
  const here = dirname(file);
  return (id) =>
    id.startsWith('./') || id.startsWith('../')
      ? requireWithCodeCache(join(here, id), folder)
      : require(id);
}

function compileWithCache(file, cacheRoot) {
  // One folder per Node version and architecture, as Node's own compile cache
  // has: a user switching between two Node versions keeps a cache for each
  // instead of each run replacing the other's (writeCache removes a bundle's
  // older caches in the folder).
  const folder = join(cacheRoot, `${process.version}-${process.arch}`);
  const source = fs.readFileSync(file, 'utf8');
  const key = sha256()
    .update(`${process.version} ${process.arch} ${process.versions.v8}\n`)
    .update(source)
    .digest('hex')
    .slice(0, 32);
  const cachePath = join(folder, `${basename(file)}-${key}.v8`);
  const cachedData = readCache(cachePath);
  // The wrapper Node's own CommonJS loader puts around a module.
  const script = new (require('node:vm').Script)(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    // No importModuleDynamically: the build leaves no import() in the bundle.
    { filename: file, cachedData },
  );
  return { script, cachePath, write: cachedData === undefined || script.cachedDataRejected };
}

/** The cached bytes when the file is whole and unchanged, else undefined. */
function readCache(path) {
  let bytes;
  let fd;
  try {
    // Non-blocking, and regular files only: a FIFO in its place must not hang the command.
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    if (!fs.fstatSync(fd).isFile()) return undefined;
    bytes = fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (bytes.length <= DIGEST_BYTES) return undefined;
  const data = bytes.subarray(DIGEST_BYTES);
  const digest = sha256().update(data).digest();
  return digest.equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/** Writes the cache whole, replacing any other version's; failures only cost speed. */
function writeCache(script, path) {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    fs.mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const digest = sha256().update(data).digest();
    fs.writeFileSync(temp, Buffer.concat([digest, data]), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, path);
    const prefix = `${basename(path).replace(/-[0-9a-f]+\.v8$/, '')}-`;
    for (const name of fs.readdirSync(dirname(path))) {
      if (name.startsWith(prefix) && name !== basename(path) && !name.endsWith('.tmp')) {
        fs.rmSync(join(dirname(path), name), { force: true });
      }
    }
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

module.exports = { cacheFolder, requireWithCodeCache };
