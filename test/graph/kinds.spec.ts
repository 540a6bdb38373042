import { OPERATION_KINDS, KINDS_BY_NAME } from '../../src/graph/kinds';
import { createGraphClient } from '../../src/client';

// The one table of kinds: everything else (the client's shortcuts, graph.run, resume,
// the bullmq entry, the simulator's default words) reads each kind from here, so each
// declaration must be whole.

describe('the kind table', () => {
  it('names each kind once, as area.action', () => {
    const names = OPERATION_KINDS.map((kind) => kind.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => !/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(name))).toEqual([]);
    expect([...KINDS_BY_NAME.keys()]).toEqual(names);
  });

  it.each(OPERATION_KINDS.map((kind) => [kind.name, kind] as const))('%s declares what jobs, resume and the simulator read of it', (_name, kind) => {
    expect(typeof kind.idempotent).toBe('boolean');
    // Where a job puts its options; where its status is (a tampered handle's token-bearing poll is refused elsewhere); its words.
    expect(kind.callOptions?.at).toEqual(expect.any(Number));
    if ((kind.pollAuth ?? 'token') === 'token') expect(kind.statusPath).toBeInstanceOf(RegExp);
    expect(kind.status.words?.succeeded.length).toBeGreaterThan(0);
    for (const param of kind.params ?? []) expect(typeof param).toBe('string');
  });

  it('runs any kind by name with graph.run, and refuses a name or arguments it does not know before anything is sent', () => {
    const sent: string[] = [];
    const graph = createGraphClient({ token: 't', transport: (req) => { sent.push(req.url); throw new Error('not in this test'); } });
    expect(() => graph.run('teams.nope', [])).toThrow(/knows no operation "teams.nope"/);
    expect(() => graph.run('teams.clone', 'team-1' as never)).toThrow(/as an array/);
    expect(() => graph.run('teams.clone', ['team-1', { displayName: '' }])).toThrow(TypeError);
    expect(graph.run('teams.clone', ['team-1', { displayName: 'x', partsToClone: ['apps'] }])).toBeDefined();
    expect(sent).toEqual([]);
  });
});
