/**
 * Remote debuggers listening on an address other than loopback: whoever reaches the port runs any
 * code in the container. Only an explicit non-loopback IP address counts (`0.0.0.0`, `[::]`, an
 * interface's address; `*` for JDWP, an empty host for Delve): each tool's default is loopback, a
 * host name is not resolved here, and a part from an unset variable is not known.
 */
import { bindScope, isIpAddress, portNumber, splitHostPort } from '../model/ports.js';
import type { EnvVar } from '../model/project.js';
import type { OpenInterface } from './admin-auth.js';
import { envValueWords, isOptionsVariable, type CommandWordAt } from './values.js';

type Word = CommandWordAt;

/** Among options variables, those a JVM or its launcher reads: `JAVA_TOOL_OPTIONS`, `_JAVA_OPTIONS`, `JAVA_OPTS_APPEND`, `JVM_ARGS`, `*_OPTS`. */
const JVM_VARIABLE = /^_?JAVA_|^JDK_JAVA_|^JVM_|_OPTS(?:_APPEND)?$/;

const CAN = 'run any code in the container, as its user, through the debugger';

/** True for an IP address other than loopback (`0.0.0.0`, `::`, an interface's address), brackets allowed. */
function publicAddress(host: string): boolean {
  if (!isIpAddress(host)) return false;
  const scope = bindScope(host);
  return scope === 'all' || scope === 'specific';
}

function open(product: string, setting: string, port: number, at: Word['at'], remedy: string): OpenInterface {
  return {
    product, setting, port, at, can: CAN, errorWhenPublished: true,
    remedy: `${remedy}; to debug from the host, publish the port on 127.0.0.1 only (\`127.0.0.1:${port}:${port}\`) and keep the service off shared networks`,
  };
}

export function debuggersOpen(env: Map<string, EnvVar>, line: Word[]): OpenInterface[] {
  const out: OpenInterface[] = [];
  const nodeOptions = env.get('NODE_OPTIONS');
  out.push(...nodeInspector([...(nodeOptions ? envValueWords(nodeOptions).map((w) => ({ ...w, from: 'NODE_OPTIONS' })) : []), ...nodeFlags(line)]));
  for (const w of line) out.push(...jdwp(w));
  for (const [name, v] of env) {
    if (isOptionsVariable(name) && JVM_VARIABLE.test(name)) for (const w of envValueWords(v)) out.push(...jdwp(w, name));
  }
  out.push(...debugpy(line), ...delve(line), ...rdbg(line));
  return out;
}

/** Node's options that take the next word as their value (`-r ts-node/register`): that word is not the script. */
const NODE_VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--title', '--inspect-port', '--debug-port', '-C', '--conditions', '--input-type']);

/**
 * The words of a command line that may be Node's options: after `node <script>` (or `-e`/`-p`
 * code), up to the next `node`, the words are the script's own arguments. Words of other
 * programs (nodemon, ts-node) are kept: they pass inspector flags on to Node.
 */
function nodeFlags(line: Word[]): Word[] {
  const out: Word[] = [];
  let state: 'other' | 'node' | 'script' = 'other';
  for (let i = 0; i < line.length; i++) {
    const w = line[i]!;
    if (/(?:^|\/)node(?:js)?$/.test(w.word)) {
      state = 'node';
      continue;
    }
    if (state === 'script') continue;
    out.push(w);
    if (state !== 'node') continue;
    if (NODE_VALUE_OPTIONS.has(w.word)) {
      if (line[i + 1]) out.push(line[++i]!);
      continue;
    }
    if (w.word === '-e' || w.word === '--eval' || w.word === '-p' || w.word === '--print' || !w.word.startsWith('-')) state = 'script';
  }
  return out;
}

const INSPECT = /^--inspect(?:-brk|-wait)?(?:=(.*))?$/s;
const INSPECT_PORT = /^--(?:inspect|debug)-port(?:=(.*))?$/s;

/**
 * Node's `--inspect[-brk|-wait][=[host:]port]`, and `--inspect-port` (`--debug-port`) once one of
 * them turns the inspector on, read in Node's order (NODE_OPTIONS, then the command line): a value
 * with a host sets the host (127.0.0.1 until then), any value sets the port (9229 by default).
 */
function nodeInspector(words: (Word & { from?: string })[]): OpenInterface[] {
  let on = false;
  let host: { word: Word & { from?: string }; host: string; setting: string } | undefined;
  let port = 9229;
  words.forEach((w, i) => {
    const inspect = INSPECT.exec(w.word);
    const inspectPort = inspect ? undefined : INSPECT_PORT.exec(w.word);
    if (!inspect && !inspectPort) return;
    if (inspect) on = true;
    const spaced = !inspect && inspectPort![1] === undefined;
    const value = inspect ? inspect[1] : (inspectPort![1] ?? (w.from === words[i + 1]?.from ? words[i + 1]?.word : undefined));
    if (value === undefined) return;
    const setting = spaced ? `${w.word} ${value}` : w.word;
    // Node's SplitHostPort: `[::]` is a host, digits alone a port, anything else without a colon a host.
    const bracketed = /^\[(.*)\]$/s.exec(value);
    const split = bracketed ? { host: bracketed[1]!, port: '' } : (splitHostPort(value) ?? (/^\d+$/.test(value) ? { host: '', port: value } : { host: value, port: '' }));
    port = split.port === '' ? 9229 : (portNumber(split.port) ?? port);
    if (split.host !== '') host = { word: w, host: split.host, setting };
  });
  if (!on || !host || !publicAddress(host.host)) return [];
  const { word, setting } = host;
  return [open('Node.js inspector', word.from ? `${setting} in ${word.from}` : setting, port, word.at, 'remove the flag outside development')];
}

/** A JDWP agent (`-agentlib:jdwp=...`, `-Xrunjdwp:...`) that listens (`server=y`) on a socket at `address=*:PORT` or a non-loopback address. */
function jdwp(w: Word, variable?: string): OpenInterface[] {
  const m = /^(?:-agentlib:jdwp=|-Xrunjdwp:)(.*)$/s.exec(w.word);
  if (!m) return [];
  const options = new Map(m[1]!.split(',').map((o) => (o.includes('=') ? [o.slice(0, o.indexOf('=')), o.slice(o.indexOf('=') + 1)] : [o, ''])));
  if (options.get('server') !== 'y' || options.get('transport') !== 'dt_socket') return [];
  const address = splitHostPort(options.get('address') ?? '');
  const port = address && portNumber(address.port);
  if (!address || port === undefined || !(address.host === '*' || publicAddress(address.host))) return [];
  return [open('Java debugger (JDWP)', variable ? `${w.word} in ${variable}` : w.word, port, w.at, 'remove the agent outside development')];
}

/** The value of `--name=value` or `--name value` at `i`, and the word it is written in; undefined for another word. */
function optionValue(line: Word[], i: number, names: string[]): { value: string; at: Word; setting: string } | undefined {
  const w = line[i]!;
  for (const name of names) {
    if (w.word.startsWith(`${name}=`)) return { value: w.word.slice(name.length + 1), at: w, setting: w.word };
    const next = line[i + 1];
    if (w.word === name && next) return { value: next.word, at: next, setting: `${name} ${next.word}` };
  }
  return undefined;
}

/** `python -m debugpy --listen [host:]port ...`: its options come before the program (a file, `-m`, `-c`, `--pid`). */
function debugpy(line: Word[]): OpenInterface[] {
  const out: OpenInterface[] = [];
  line.forEach((w, start) => {
    const skip = w.word === '-mdebugpy' ? 1 : w.word === '-m' && line[start + 1]?.word === 'debugpy' ? 2 : 0;
    if (skip === 0) return;
    for (let i = start + skip; i < line.length; i++) {
      const word = line[i]!.word;
      if (!word.startsWith('-') || word === '-m' || word === '-c' || word === '--pid') break;
      const listen = optionValue(line, i, ['--listen']);
      const address = listen && splitHostPort(listen.value);
      const port = address && portNumber(address.port);
      if (listen && address && port !== undefined && publicAddress(address.host)) {
        out.push(open('debugpy', listen.setting, port, listen.at.at, 'remove it outside development'));
      }
      if (!word.includes('=') && /^--(?:listen|connect|log-to|configure-.+)$/.test(word)) i++;
    }
  });
  return out;
}

/** The words after a program's name (`dlv`, `/go/bin/dlv`) up to `--` (the debugged program's own arguments). */
function after(line: Word[], program: string): Word[][] {
  const out: Word[][] = [];
  line.forEach((w, i) => {
    if (w.word !== program && !w.word.endsWith(`/${program}`)) return;
    const end = line.findIndex((x, j) => j > i && x.word === '--');
    out.push(line.slice(i + 1, end === -1 ? line.length : end));
  });
  return out;
}

/**
 * Delve as a server: `--headless` (or the `dap` command, a server by itself) with `--listen` on all
 * interfaces (`:2345`, `0.0.0.0:2345`) or a non-loopback address. Its default is 127.0.0.1.
 */
function delve(line: Word[]): OpenInterface[] {
  const out: OpenInterface[] = [];
  for (const words of after(line, 'dlv')) {
    const command = words.find((w) => !w.word.startsWith('-'))?.word;
    if (command === 'connect') continue;
    const headless = command === 'dap' || words.some((w) => w.word === '--headless' || w.word === '--headless=true');
    let listen: ReturnType<typeof optionValue>;
    words.forEach((_, i) => (listen = optionValue(words, i, ['--listen']) ?? listen));
    const address = listen && splitHostPort(listen.value);
    const port = address && portNumber(address.port);
    if (!headless || !listen || !address || port === undefined || !(address.host === '' || publicAddress(address.host))) continue;
    out.push(open('Delve', listen.setting, port, listen.at.at, 'remove the Delve server outside development'));
  }
  return out;
}

/** Ruby's rdbg opening a TCP port (`--open` with `--port`) on a non-loopback `--host` (its default is localhost). */
function rdbg(line: Word[]): OpenInterface[] {
  const out: OpenInterface[] = [];
  for (const words of after(line, 'rdbg')) {
    const opened = words.some((w) => w.word === '-O' || w.word === '--open' || w.word.startsWith('--open='));
    let host: ReturnType<typeof optionValue>;
    let portText: string | undefined;
    words.forEach((_, i) => {
      host = optionValue(words, i, ['--host']) ?? host;
      portText = optionValue(words, i, ['--port'])?.value ?? portText;
    });
    const port = portText === undefined ? undefined : portNumber(portText);
    if (!opened || !host || port === undefined || !publicAddress(host.value)) continue;
    out.push(open('Ruby debugger (rdbg)', host.setting, port, host.at.at, 'remove --open outside development'));
  }
  return out;
}
