// Runs inside the Python worker, once Pyodide has loaded its own files. Pyodide's Emscripten
// runtime keeps a real `require` in its closure and uses it from functions Python can reach
// (os.system → child_process, ctypes → emscripten_run_script → eval, sockets → ws). Hiding things
// from Python is not enough, so the worker's own JavaScript capabilities are taken away.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { PyodideAPI } from 'pyodide';

/** Builtins whose every exported function is replaced by one that throws (this worker only). */
const DISABLED_BUILTINS = [
  'node:child_process',
  'node:fs',
  'node:fs/promises',
  'node:net',
  'node:tls',
  'node:dgram',
  'node:dns',
  'node:dns/promises',
  'node:http',
  'node:https',
  'node:http2',
  'node:inspector',
  'node:vm',
  'node:worker_threads',
  'node:cluster',
  // Last: this disables `require` itself (Module._load), including the one in Pyodide's closure.
  'node:module',
] as const;

/** Globals that reach the network or load code. */
const DISABLED_GLOBALS = ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest', 'require'] as const;

/** Process methods that reach native code, other processes or the file system. */
const DISABLED_PROCESS_METHODS = [
  'binding',
  '_linkedBinding',
  'dlopen',
  'kill',
  'chdir',
  'getBuiltinModule',
  'setuid',
  'setgid',
  'setegid',
  'seteuid',
  'setgroups',
  'initgroups',
  'loadEnvFile',
] as const;

const blocked = (name: string) =>
  function disabled(): never {
    throw new Error(`${name} is disabled in the Python sandbox`);
  };

interface EmscriptenInternals {
  SOCKFS: { createSocket: (...args: unknown[]) => unknown };
  FS: { ErrnoError: new (errno: number) => Error; filesystems: Record<string, unknown> };
}

/**
 * Closes every path from Python to the host that Pyodide leaves open in Node:
 * - code generation: global `eval` and all four function constructors throw;
 * - Node builtins (child_process, fs, net, http, vm, …): their exported functions throw, which
 *   also disarms the `require` inside Pyodide's closure (os.system, ctypes tricks);
 * - network globals are removed; SOCKFS refuses to create sockets (EACCES);
 * - NODEFS is unregistered, so nothing of the host file system can be mounted;
 * - `pyodide_js` (the Pyodide API with FS, loadPackage, useNodeSockFS) is replaced by a stub that
 *   keeps only what Pyodide's asyncio loop reads.
 * Call after loading Pyodide and after the worker has imported everything it needs.
 */
export function lockDown(api: PyodideAPI): void {
  const internals = (api as unknown as { _module: EmscriptenInternals })._module;
  internals.SOCKFS.createSocket = () => {
    throw new internals.FS.ErrnoError(2); // EACCES
  };
  delete internals.FS.filesystems.NODEFS;

  api.runPython(`
import sys, types
import pyodide_js
_api = types.ModuleType('pyodide_js._api')
_api.scheduleCallback = pyodide_js._api.scheduleCallback
_api.config = types.SimpleNamespace(enableRunUntilComplete=bool(pyodide_js._api.config.enableRunUntilComplete))
_stub = types.ModuleType('pyodide_js')
_stub._api = _api
for _name in [name for name in sys.modules if name == 'pyodide_js' or name.startswith('pyodide_js.')]:
    del sys.modules[_name]
sys.modules['pyodide_js'] = _stub
sys.modules['pyodide_js._api'] = _api
del pyodide_js, _api, _stub, _name
`);
  api.unregisterJsModule('pyodide_js');

  const require = createRequire(import.meta.url);
  const modules = DISABLED_BUILTINS.map((id) => [id, require(id) as Record<string, unknown>] as const);
  for (const [id, exports] of modules) disableExports(id, exports);
  syncBuiltinESMExports();

  const globals = globalThis as Record<string, unknown>;
  for (const name of DISABLED_GLOBALS) {
    Object.defineProperty(globals, name, { value: undefined, writable: false, configurable: false });
  }
  const proc = process as unknown as Record<string, unknown>;
  for (const name of DISABLED_PROCESS_METHODS) {
    if (typeof proc[name] === 'function') proc[name] = blocked(`process.${name}`);
  }
  Object.defineProperty(globals, 'eval', { value: blocked('eval'), writable: false, configurable: false });
  const functionPrototypes = [
    Function.prototype,
    Object.getPrototypeOf(async () => undefined),
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function* () {}),
  ] as object[];
  for (const prototype of functionPrototypes) {
    Object.defineProperty(prototype, 'constructor', {
      value: blocked('Function'),
      writable: false,
      configurable: false,
    });
  }
  // Stack-trace hooks would hand call sites (and their `this`) to a Python callback.
  Object.defineProperty(Error, 'prepareStackTrace', {
    value: undefined,
    writable: false,
    configurable: false,
  });
  // A blocked call ends in Pyodide's "fatal error, please report" banner on the host's stderr; the
  // host learns the reason from the worker's error event instead, so keep its logs quiet.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = () => undefined;
}

function disableExports(id: string, exports: Record<string, unknown>): void {
  for (const key of Object.keys(exports)) {
    const descriptor = Object.getOwnPropertyDescriptor(exports, key);
    if (!descriptor || typeof descriptor.value !== 'function') continue;
    if (descriptor.writable || descriptor.configurable) {
      Object.defineProperty(exports, key, {
        value: blocked(`${id} ${key}`),
        writable: false,
        configurable: false,
      });
    }
  }
}
