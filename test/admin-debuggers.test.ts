/** no-unauthenticated-admin-interface on remote debuggers: which flags, severities by exposure, what the message says, where it points. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';

const RULE = 'no-unauthenticated-admin-interface';
const findings = (text: string) => lintText(text, 'compose.yaml').findings.filter((f) => f.ruleId === RULE);
const service = (body: string) => `services:\n  app:\n    image: example/app:1.0\n${body}`;
const summary = (text: string) => findings(text).map((f) => `${f.line}:${f.column} ${f.severity}`);
const CAN = 'anyone who reaches it can run any code in the container, as its user, through the debugger';

describe('no-unauthenticated-admin-interface on the Node.js inspector', () => {
  it('is an error when the port is published beyond loopback or on the host network, a warning otherwise', () => {
    expect(summary(service('    command: node --inspect=0.0.0.0:9229 server.js\n    ports: ["9229:9229"]\n'))).toEqual(['4:19 error']);
    expect(summary(service('    command: node --inspect=0.0.0.0:9229 server.js\n    network_mode: host\n'))).toEqual(['4:19 error']);
    expect(summary(service('    command: node --inspect=0.0.0.0:9229 server.js\n    ports: ["127.0.0.1:9229:9229"]\n'))).toEqual(['4:19 warning']);
    // the port the flag names decides, not the default
    expect(summary(service('    command: node --inspect=0.0.0.0:9230 server.js\n    ports: ["9229:9229"]\n'))).toEqual(['4:19 warning']);
    expect(summary(service('    command: ["node", "--inspect-brk=0.0.0.0", "server.js"]\n    ports: ["9229:9229"]\n'))).toEqual(['4:24 error']);
  });

  it('names the flag, the exposure and the remedy', () => {
    const [finding] = findings(service('    command: node --inspect=0.0.0.0:9229 server.js\n    ports: ["9229:9229"]\n'));
    expect(finding!.message).toBe(
      'Node.js inspector service "app" runs without authentication (--inspect=0.0.0.0:9229), published on all host interfaces ("9229:9229"): '
      + `${CAN}; remove the flag outside development; to debug from the host, publish the port on 127.0.0.1 only (\`127.0.0.1:9229:9229\`) and keep the service off shared networks`,
    );
    expect(finding!.endColumn).toBe(41);
  });

  it('reads NODE_OPTIONS, pointing at the option inside the value', () => {
    const [finding] = findings(service('    environment:\n      NODE_OPTIONS: --max-old-space-size=512 --inspect-wait=[::]:9229\n'));
    expect(`${finding!.line}:${finding!.column}-${finding!.endColumn} ${finding!.severity}`).toBe('5:46-70 warning');
    expect(finding!.message).toContain('(--inspect-wait=[::]:9229 in NODE_OPTIONS), open to every container on its networks:');
    expect(summary(service('    environment:\n      - NODE_OPTIONS=--inspect=0.0.0.0\n    ports: ["9229:9229"]\n'))).toEqual(['5:22 error']);
  });

  it('takes --inspect-port only once the inspector is on', () => {
    expect(summary(service('    command: node --inspect --inspect-port=0.0.0.0:9229 server.js\n'))).toEqual(['4:29 warning']);
    expect(summary(service('    command: node --inspect-port=0.0.0.0:9229 server.js\n'))).toEqual([]);
  });

  it('leaves loopback, port-only, host names and unset variables alone', () => {
    for (const flag of ['--inspect', '--inspect=9229', '--inspect=127.0.0.1:9229', '--inspect=:9229', '--inspect=localhost:9229', '--inspect=[::1]:9229', '--inspect=${HOST}:9229']) {
      expect(findings(service(`    command: node ${flag} server.js\n    ports: ["9229:9229"]\n`))).toEqual([]);
    }
    expect(findings(service('    environment:\n      NODE_OPTIONS: --inspect=${HOST}:9229\n'))).toEqual([]);
    // the last host set wins, as in Node
    expect(findings(service('    command: node --inspect=0.0.0.0:9229 --inspect=127.0.0.1:9229 server.js\n'))).toEqual([]);
  });
});

describe('no-unauthenticated-admin-interface on Java debuggers (JDWP)', () => {
  const agent = 'transport=dt_socket,server=y,suspend=n';

  it('reports a listening agent on * or 0.0.0.0, by publication', () => {
    expect(summary(service(`    command: java -agentlib:jdwp=${agent},address=*:5005 -jar app.jar\n    ports: ["5005:5005"]\n`))).toEqual(['4:19 error']);
    expect(summary(service(`    command: ["java", "-Xdebug", "-Xrunjdwp:${agent},address=0.0.0.0:8000", "-jar", "app.jar"]\n    ports: ["5005:5005"]\n`))).toEqual(['4:35 warning']);
  });

  it('reads JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS and *_OPTS variables, at the option', () => {
    const [finding] = findings(service(`    environment:\n      JAVA_TOOL_OPTIONS: -Xmx1g -agentlib:jdwp=${agent},address=*:5005\n    ports: ["5005:5005"]\n`));
    expect(`${finding!.line}:${finding!.column} ${finding!.severity}`).toBe('5:33 error');
    expect(finding!.message).toBe(
      `Java debugger (JDWP) service "app" runs without authentication (-agentlib:jdwp=${agent},address=*:5005 in JAVA_TOOL_OPTIONS), published on all host interfaces ("5005:5005"): `
      + `${CAN}; remove the agent outside development; to debug from the host, publish the port on 127.0.0.1 only (\`127.0.0.1:5005:5005\`) and keep the service off shared networks`,
    );
    for (const name of ['JDK_JAVA_OPTIONS', 'JAVA_OPTS', 'CATALINA_OPTS', 'ES_JAVA_OPTS']) {
      expect(summary(service(`    environment:\n      - ${name}=-agentlib:jdwp=${agent},address=*:5005\n`))).toEqual([`5:${10 + name.length} warning`]);
    }
  });

  it('leaves loopback addresses, clients and other variables alone', () => {
    for (const address of ['5005', '127.0.0.1:5005', 'localhost:5005', '${HOST}:5005']) {
      expect(findings(service(`    environment:\n      JAVA_TOOL_OPTIONS: -agentlib:jdwp=${agent},address=${address}\n`))).toEqual([]);
    }
    expect(findings(service('    command: java -agentlib:jdwp=transport=dt_socket,server=n,address=*:5005 -jar app.jar\n'))).toEqual([]);
    expect(findings(service(`    environment:\n      DEBUG: -agentlib:jdwp=${agent},address=*:5005\n`))).toEqual([]);
  });
});

describe('no-unauthenticated-admin-interface on debugpy, Delve and rdbg', () => {
  it('reports debugpy --listen on a non-loopback address, at the address', () => {
    const [finding] = findings(service('    command: python -m debugpy --listen 0.0.0.0:5678 app.py\n    ports: ["5678:5678"]\n'));
    expect(`${finding!.line}:${finding!.column}-${finding!.endColumn} ${finding!.severity}`).toBe('4:41-53 error');
    expect(finding!.message).toContain('debugpy service "app" runs without authentication (--listen 0.0.0.0:5678), published on all host interfaces ("5678:5678")');
    expect(summary(service('    command: ["python", "-m", "debugpy", "--listen=0.0.0.0:5678", "app.py"]\n'))).toEqual(['4:43 warning']);
    expect(findings(service('    command: python -m debugpy --listen 5678 app.py\n'))).toEqual([]);
    expect(findings(service('    command: python -m debugpy --listen localhost:5678 app.py --listen 0.0.0.0:8000\n'))).toEqual([]);
  });

  it('reports a headless Delve (or dlv dap) listening on all interfaces', () => {
    expect(summary(service('    command: dlv debug --headless --listen=:2345 --api-version=2 ./cmd/app\n    ports: ["2345:2345"]\n'))).toEqual(['4:35 error']);
    const [dap] = findings(service('    command: dlv dap --listen 0.0.0.0:2345\n'));
    expect(`${dap!.line}:${dap!.column} ${dap!.severity}`).toBe('4:31 warning');
    expect(dap!.message).toContain('Delve service "app" runs without authentication (--listen 0.0.0.0:2345), open to every container on its networks:');
    expect(findings(service('    command: dlv debug --listen=:2345 ./cmd/app\n'))).toEqual([]);
    expect(findings(service('    command: dlv debug --headless --listen=127.0.0.1:2345 ./cmd/app\n'))).toEqual([]);
    expect(findings(service('    command: dlv exec /app/server --headless -- --listen=:8080\n'))).toEqual([]);
  });

  it('reports rdbg opening a TCP port on a non-loopback host', () => {
    expect(summary(service('    command: rdbg --open --host 0.0.0.0 --port 12345 -c -- bin/rails server\n    ports: ["12345:12345"]\n'))).toEqual(['4:33 error']);
    expect(findings(service('    command: rdbg -O --host=0.0.0.0 --port=12345 -c -- bin/rails server\n'))[0]!.message).toContain('Ruby debugger (rdbg) service "app" runs without authentication (--host=0.0.0.0)');
    expect(findings(service('    command: rdbg --open --port 12345 -c -- bin/rails server\n'))).toEqual([]);
    expect(findings(service('    command: rdbg --open --host 0.0.0.0 -c -- bin/rails server\n'))).toEqual([]);
  });
});

describe('debuggers: what belongs to the program, and which variables a JVM reads', () => {
  const RULE_ID = 'no-unauthenticated-admin-interface';
  const open = (service: string) => lintText(`services:\n  s:\n    image: example/app:1.0\n    ports: ["9229:9229", "5005:5005"]\n${service}`, 'compose.yaml').findings.filter((f) => f.ruleId === RULE_ID).map((f) => /without authentication \((.*?)\)[,:]/.exec(f.message)![1]);

  it('reads Node flags before the script, not the script\'s own arguments', () => {
    expect(open('    command: node app.js --inspect=0.0.0.0:9229\n')).toEqual([]);
    expect(open('    command: node -r ts-node/register --inspect=0.0.0.0:9229 app.ts\n')).toEqual(['--inspect=0.0.0.0:9229']);
    expect(open('    command: node --inspect --inspect-port 0.0.0.0:9229 app.js\n')).toEqual(['--inspect-port 0.0.0.0:9229']);
    expect(open('    command: sh -c "node build.js --inspect=0.0.0.0 && node --inspect=0.0.0.0:9229 server.js"\n')).toEqual(['--inspect=0.0.0.0:9229']);
    // nodemon passes the flag on to node
    expect(open('    command: npx nodemon --inspect=0.0.0.0:9229 src/index.js\n')).toEqual(['--inspect=0.0.0.0:9229']);
  });

  it('reads the JVM variables of launchers and images (_JAVA_OPTIONS, JAVA_OPTS_APPEND, JVM_ARGS), not any *_FLAGS', () => {
    const agent = '-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005';
    for (const name of ['_JAVA_OPTIONS', 'JAVA_OPTIONS', 'JAVA_OPTS_APPEND', 'JVM_ARGS', 'ES_JAVA_OPTS']) {
      expect(open(`    environment:\n      ${name}: ${agent}\n`), name).toEqual([`${agent} in ${name}`]);
    }
    expect(open(`    environment:\n      DEBUG_FLAGS: ${agent}\n`)).toEqual([]);
  });
});
