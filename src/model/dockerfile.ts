/**
 * What a Dockerfile says about the images it starts from: the ARGs declared before the first FROM
 * (the only ones a FROM can use) and each stage's FROM, in order. Nothing else is read.
 */

export interface DockerfileStage {
  /** The image as written, variables not expanded. */
  image: string;
  /** `AS name`, lower-cased as BuildKit matches it. */
  name?: string;
}

export interface DockerfileBases {
  /** ARGs declared before the first FROM, with their default as written (undefined: none). */
  args: Map<string, string | undefined>;
  stages: DockerfileStage[];
}

export function parseDockerfile(text: string): DockerfileBases {
  const out: DockerfileBases = { args: new Map(), stages: [] };
  for (const instruction of instructions(text)) {
    const match = /^(\w+)\s+(.*)$/s.exec(instruction);
    if (!match) continue;
    const keyword = match[1]!.toUpperCase();
    if (keyword === 'FROM') {
      const words = match[2]!.split(/\s+/).filter((w) => w !== '' && !w.startsWith('--'));
      if (words.length === 0) continue;
      const stage: DockerfileStage = { image: words[0]! };
      if (words.length >= 3 && words[1]!.toUpperCase() === 'AS') stage.name = words[2]!.toLowerCase();
      out.stages.push(stage);
    } else if (keyword === 'ARG' && out.stages.length === 0) {
      // `ARG A=1 B="2 3" C`: a default may be quoted.
      for (const arg of match[2]!.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("([^"]*)"|'([^']*)'|\S*))?/g)) {
        out.args.set(arg[1]!, arg[2] === undefined ? undefined : (arg[3] ?? arg[4] ?? arg[2]));
      }
    }
  }
  return out;
}

/**
 * The instructions of a Dockerfile, one string each: continuation lines joined (with the `# escape=`
 * character of the parser directives), comments and heredoc bodies left out.
 */
function instructions(text: string): string[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  // Parser directives are `# key=value` lines before anything else.
  for (const line of lines) {
    const directive = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!directive) break;
    if (directive[1]!.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) escape = directive[2];
  }
  const out: string[] = [];
  let current: string | undefined;
  let heredoc: string | undefined;
  for (const line of lines) {
    if (heredoc !== undefined) {
      if (line.replace(/^\t+/, '') === heredoc) heredoc = undefined;
      continue;
    }
    // Comments and blank lines may sit inside a continued instruction: they are skipped.
    if (/^\s*#/.test(line) || (current !== undefined && line.trim() === '')) continue;
    const body = line.replace(/[ \t]+$/, '');
    if (body.endsWith(escape)) {
      current = (current ?? '') + body.slice(0, -1);
      continue;
    }
    const instruction = ((current ?? '') + body).trim();
    current = undefined;
    if (instruction === '') continue;
    out.push(instruction);
    // `RUN <<EOF` ... `EOF`: the body is not instructions.
    const marker = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/.exec(instruction);
    if (marker) heredoc = marker[1]!;
  }
  if (current !== undefined && current.trim() !== '') out.push(current.trim());
  return out;
}
