import type { Job } from 'bullmq';
import { jobWrites, type ScriptClient } from '../../src/bullmq/job-writes';
import { checkDurability, checkSentinelConnection } from '../../src/bullmq/durability';

/** A connection whose answers the test gives, in order: what was sent, and a way to answer it. */
function fakeConnection() {
  const sent: { command: string; answer: (value: unknown) => void; fail: (error: Error) => void }[] = [];
  let connect: () => void = () => undefined;
  const send = (command: string) =>
    new Promise<unknown>((resolve, reject) => {
      sent.push({ command, answer: resolve, fail: reject });
    });
  const client: ScriptClient = {
    eval: (script) => send(/'progress'/.test(script) ? 'EVAL progress' : 'EVAL data'),
    call: (command, ...args) => send(`${command} ${args.join(' ')}`),
    on: (_event, listener) => void (connect = listener),
  };
  return { client, sent, reconnect: () => connect() };
}

const job = (id: string) => ({ id, queueQualifiedName: 'bull:q', data: {}, progress: 0 }) as unknown as Job;
const settle = () => new Promise((r) => setImmediate(r));

describe('job writes that wait for replicas', () => {
  it('one WAIT answers for every write sent before it: writes that pile up behind a slow WAIT share the next one', async () => {
    const plain = fakeConnection();
    const replicated = fakeConnection();
    const writes = jobWrites(plain.client, { client: replicated.client, wait: { replicas: 1, timeoutMs: 1000 } });
    const first = writes.data(job('1'), 'token', { n: 1 }, true);
    replicated.sent[0]!.answer(1);
    await settle();
    expect(replicated.sent.map((s) => s.command)).toEqual(['EVAL data', 'WAIT 1 1000']);
    // Three more jobs write while that WAIT blocks the connection (replicas slow or gone).
    const more = ['2', '3', '4'].map((id) => writes.data(job(id), 'token', { id }, true));
    await settle();
    replicated.sent[1]!.answer(0); // the first WAIT times out
    for (const s of replicated.sent.slice(2, 5)) s.answer(1);
    await settle();
    expect(await first).toEqual({ owned: true, replicas: 0 });
    // One more WAIT for the three, not three.
    expect(replicated.sent.map((s) => s.command)).toEqual(['EVAL data', 'WAIT 1 1000', 'EVAL data', 'EVAL data', 'EVAL data', 'WAIT 1 1000']);
    replicated.sent[5]!.answer(1);
    expect(await Promise.all(more)).toEqual([
      { owned: true, replicas: 1 },
      { owned: true, replicas: 1 },
      { owned: true, replicas: 1 },
    ]);
    expect(plain.sent).toEqual([]);
  });

  it('a WAIT answered on a connection made again after the write (a failover) confirms nothing: the write may have been lost with the old primary', async () => {
    const replicated = fakeConnection();
    const writes = jobWrites(fakeConnection().client, { client: replicated.client, wait: { replicas: 1, timeoutMs: 1000 } });
    const written = writes.data(job('1'), 'token', {}, true);
    replicated.sent[0]!.answer(1);
    await settle();
    replicated.reconnect(); // ioredis sends the unanswered WAIT again, to the promoted replica, which has no write of this connection to wait for
    replicated.sent[1]!.answer(1);
    expect(await written).toEqual({ owned: true, replicas: 0 });
  });

  it('a WAIT Redis refuses (the connection reached a replica) confirms nothing; a write refused for want of the lock waits for nothing', async () => {
    const replicated = fakeConnection();
    const writes = jobWrites(fakeConnection().client, { client: replicated.client, wait: { replicas: 1, timeoutMs: 1000 } });
    const refused = writes.data(job('1'), 'token', {}, true);
    replicated.sent[0]!.answer(1);
    await settle();
    replicated.sent[1]!.fail(new Error('ERR WAIT cannot be used with replica instances'));
    expect(await refused).toEqual({ owned: true, replicas: 0 });
    const notOwned = writes.data(job('2'), 'token', {}, true);
    replicated.sent[2]!.answer(0);
    expect(await notOwned).toEqual({ owned: false });
    expect(replicated.sent).toHaveLength(3);
  });

  it('writes that need no replica, and progress, go on the plain connection, and change the job only when written', async () => {
    const plain = fakeConnection();
    const writes = jobWrites(plain.client);
    const j = job('1');
    const data = writes.data(j, 'token', { startSent: true }, true);
    plain.sent[0]!.answer(0);
    expect(await data).toEqual({ owned: false });
    expect(j.data).toEqual({});
    const progress = writes.progress(j, 'token', { status: 'running' });
    plain.sent[1]!.answer(1);
    expect(await progress).toBe(true);
    expect(j.progress).toEqual({ status: 'running' });
    expect(plain.sent.map((s) => s.command)).toEqual(['EVAL data', 'EVAL progress']);
  });
});

describe('durability and Sentinel options', () => {
  it.each([
    [undefined, { host: '127.0.0.1', port: 6379 }, { replicas: 0, timeoutMs: 1000 }],
    [undefined, { sentinels: [{ host: 's1', port: 26379 }], name: 'mymaster' }, { replicas: 1, timeoutMs: 1000 }],
    [undefined, { options: { sentinels: [{ host: 's1', port: 26379 }], name: 'mymaster' } }, { replicas: 1, timeoutMs: 1000 }],
    [{ replicas: 0 }, { sentinels: [{ host: 's1', port: 26379 }], name: 'mymaster' }, { replicas: 0, timeoutMs: 1000 }],
    [{ replicas: 2, timeoutMs: 250 }, { host: '127.0.0.1', port: 6379 }, { replicas: 2, timeoutMs: 250 }],
  ])('durability %j with connection %j is %j', (durability, connection, expected) => {
    expect(checkDurability(durability, connection)).toEqual(expected);
  });

  it.each([
    [{ replicas: 1.5 }, RangeError, 'durability.replicas must be a whole number from 0 to 100, not 1.5'],
    [{ replicas: 101 }, RangeError, 'durability.replicas must be a whole number from 0 to 100, not 101'],
    [{ replicas: 1, timeoutMs: Infinity }, RangeError, 'durability.timeoutMs must be a number of milliseconds above 0 up to 2147483647, not Infinity'],
    [{ timeoutMs: 5 }, TypeError, 'durability.replicas is required: how many replicas must confirm (0 turns the wait off)'],
    [true, TypeError, "durability must be an object with 'replicas', 'timeoutMs', not true"],
  ])('durability %j is refused', (durability, type, message) => {
    expect(() => checkDurability(durability, {})).toThrow(new type(message));
  });

  it.each([
    [{ sentinels: 'localhost:26379', name: 'm' }, 'connection.sentinels must be a non-empty array of { host, port }, not "localhost:26379"'],
    [{ sentinels: [{ host: 's1', port: 0 }], name: 'm' }, 'connection.sentinels must be a non-empty array of { host, port }, not [0]: an object'],
    [{ sentinels: [{ host: 's1', port: 26379 }], name: '' }, "connection.name must name the Sentinel group (the name its sentinels monitor, such as 'mymaster'), not \"\""],
  ])('a Sentinel connection %j is refused', (connection, message) => {
    expect(() => checkSentinelConnection(connection as never)).toThrow(new TypeError(message));
  });
});
