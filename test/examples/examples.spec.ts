import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The examples as a user runs them: `node examples/x.mjs`, importing the
// built package by name, each against its own fresh simulator.
const root = join(__dirname, '..', '..');

function runExample(file: string, args: string[] = [], onOutput?: (text: string, child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'examples', file), ...args], {
      cwd: root,
      env: withoutGraphEnv(),
    });
    let out = '';
    const bound = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} did not finish in time:\n${out}`));
    }, 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      onOutput?.(out, child);
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => {
      clearTimeout(bound);
      resolve({ code, out });
    });
  });
}

function withoutGraphEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('GRAPH_')) delete env[name];
  return env;
}

describe('examples', () => {
  it('create-session.mjs shows the async createSession with its status changes', async () => {
    const { code, out } = await runExample('create-session.mjs');
    expect(code).toBe(0);
    expect(out).toMatch(/accepted, polling http:\/\/127\.0\.0\.1:\d+\/v1\.0\/.*\/workbook\/operations\//);
    expect(out).toMatch(/status: notStarted[\s\S]*status: running[\s\S]*status: succeeded/);
    expect(out).toMatch(/createSession answers: 504, 202/);
  });

  it('add-rows.mjs adds every row and closes its session once', async () => {
    const { code, out } = await runExample('add-rows.mjs', ['12']);
    expect(code).toBe(0);
    expect(out).toMatch(/12 rows in \d+ ms/);
    expect(out).toMatch(/12 rows in Sales, \d+ requests, session closed 1 time\(s\)/);
  });

  it('add-rows.mjs stops cleanly on Ctrl-C: the process exits on its own, the session closed once', async () => {
    let sent = false;
    const { code, out } = await runExample('add-rows.mjs', ['100000'], (text, child) => {
      if (!sent && /\b5\/100000 rows added/.test(text)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(code).toBe(0);
    expect(out).toMatch(/session closed 1 time\(s\)/);
  });

  it('copy-folder.mjs draws the progress and never sends the token to the monitor', async () => {
    const { code, out } = await runExample('copy-folder.mjs');
    expect(code).toBe(0);
    expect(out).toMatch(/100\.0% completed/);
    expect(out).toMatch(/Authorization sent to it: never/);
  });

  it('device-code-sign-in.mjs signs in through real msal-node code and creates a session', async () => {
    const { code, out } = await runExample('device-code-sign-in.mjs');
    expect(code).toBe(0);
    expect(out).toMatch(/enter the code SIM-CODE/);
    expect(out).toMatch(/signed in as adele@contoso\.test; session session-\d+/);
  });

  (existsSync(process.env.REDIS_SERVER ?? '/usr/bin/redis-server') || process.env.CI === 'true' ? it : it.skip)('graph-jobs.mjs runs operations as BullMQ jobs on two worker processes, one killed mid-poll, none started twice', async () => {
    const { code, out } = await runExample('graph-jobs.mjs');
    expect(code).toBe(0);
    expect(out).toMatch(/producer: 20 jobs enqueued/);
    expect(out).toMatch(/killed \(SIGKILL\) with operations in flight/);
    expect(out).toMatch(/producer: 20 of 20 jobs completed; starts accepted twice: 0/);
  });
});
