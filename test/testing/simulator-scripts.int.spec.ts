import { lastValueFrom } from 'rxjs';
import { OPERATION_KINDS } from '../../src/graph/kinds';
import { CENSUS_STATUS_MODELS } from '../../src/graph/census';
import { result } from '../../src/lro/operators/result';
import { GraphSimulator, type SimulatorWarning } from '../../src/testing';
import { defaultScriptOf, modelOf, stateOf } from '../../src/testing/kind-words';
import { startSimulator, TOKEN } from '../helpers/simulator';

// How the simulator's operations play out: by polls (each read the next word), by
// duration on its clock, or by a seeded distribution; its default words come from
// each kind's status model; and a script with words the kind does not know warns.

let sim: GraphSimulator;
afterEach(async () => sim?.stop());

const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const post = async (path: string, body: unknown) => fetch(`${sim.baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
const read = async (url: string) => (await (await fetch(url.startsWith('http') ? url : `${sim.baseUrl}${url}`, { headers })).json()) as Record<string, unknown>;

describe('default scripts, read from each kind\'s status model', () => {
  const kinds = [...OPERATION_KINDS.map((k) => ({ kind: k.name })), ...Object.keys(CENSUS_STATUS_MODELS).map((type) => ({ kind: type, type }))];

  it.each(kinds.map((ref) => [ref.kind, ref] as const))('%s: running words of its own, then one of its succeeded words', (_name, ref) => {
    const { statuses, percentages } = defaultScriptOf(ref);
    const words = modelOf(ref)!.words!;
    expect(statuses.slice(0, -1).every((w) => words.running.includes(w) && w !== 'unknownFutureValue')).toBe(true);
    expect(words.succeeded).toContain(statuses.at(-1));
    expect(stateOf(ref, statuses.at(-1)!)).toBe('succeeded');
    expect(percentages).toEqual(statuses.map((_, i) => Math.round((100 * i) / Math.max(1, statuses.length - 1))));
  });

  it.each([
    ['onenote.copyNotebook', undefined, ['NotStarted', 'Running', 'Completed']],
    ['externalConnection.updateSchema', undefined, ['inprogress', 'completed']],
    ['teams.clone', undefined, ['notStarted', 'inProgress', 'succeeded']],
    ['copy', undefined, ['notStarted', 'inProgress', 'inProgress', 'inProgress', 'completed']],
    ['assignSensitivityLabel', undefined, ['notStarted', 'inProgress', 'completed']],
    ['createSession', undefined, ['notStarted', 'running', 'succeeded']],
    ['user.exportPersonalData', 'dataPolicyOperation', ['notStarted', 'running', 'complete']],
    ['deviceManagement.exportReport', 'deviceManagementExportJob', ['notStarted', 'inProgress', 'completed']],
    ['backupRestore.activateRestoreSession', 'restoreSessionBase', ['activating', 'active', 'completed']],
    ['accessReviewHistoryDefinition', 'accessReviewHistoryDefinition', ['requested', 'inprogress', 'done']],
    ['sharePointBrowseSession', 'browseSessionBase', ['creating', 'created']],
    ['mailAssessmentRequest', 'threatAssessmentRequest', ['pending', 'completed']],
    ['attackSimulationOperation', 'attackSimulationOperation', ['notStarted', 'running', 'succeeded']],
  ])('%s speaks as Graph spells it: %#', (kind, type, statuses) => {
    expect(defaultScriptOf({ kind, ...(type ? { type } : {}) }).statuses).toEqual(statuses);
  });
});

describe('scripting by duration, on the simulator\'s clock', () => {
  let now = 0;
  beforeEach(async () => {
    now = 0;
    sim = await new GraphSimulator({ now: () => now, onWarning: () => undefined }).start();
  });

  it('a job turns terminal once its duration has passed, however often it is polled; its words share the time before', async () => {
    sim.setScript('deviceManagement.exportReport', { statuses: ['notStarted', 'inProgress', 'completed'], durationMs: 9000 });
    const job = (await (await post('/deviceManagement/reports/exportJobs', { reportName: 'Devices' })).json()) as { id: string; status: string };
    expect(job.status).toBe('notStarted');
    const at = async (t: number) => {
      now = t;
      return (await read(`/deviceManagement/reports/exportJobs/${job.id}`))['status'];
    };
    expect([await at(1000), await at(1000), await at(1000), await at(4499)]).toEqual(['notStarted', 'notStarted', 'notStarted', 'notStarted']);
    expect([await at(4500), await at(8999)]).toEqual(['inProgress', 'inProgress']);
    expect(await at(9000)).toBe('completed');
    expect((await read(`/deviceManagement/reports/exportJobs/${job.id}`))['url']).toEqual(expect.stringContaining('/blobs/reports/'));
  });

  it('by polls (the default) each read is the next word, whatever the time', async () => {
    sim.setScript('deviceManagement.exportReport', { statuses: ['notStarted', 'inProgress', 'completed'] });
    const job = (await (await post('/deviceManagement/reports/exportJobs', { reportName: 'Devices' })).json()) as { id: string };
    const words = [];
    for (let i = 0; i < 3; i++) words.push((await read(`/deviceManagement/reports/exportJobs/${job.id}`))['status']);
    expect(words).toEqual(['inProgress', 'completed', 'completed']);
  });

  it('progress follows time: a data export reports the share of its duration gone by, OneNote and a drive copy theirs', async () => {
    sim.setScript('user.exportPersonalData', { statuses: ['notStarted', 'running', 'complete'], durationMs: 10_000 });
    sim.setScript('onenote.copyNotebook', { statuses: ['NotStarted', 'Running', 'Completed'], durationMs: 1000 });
    sim.setScript('copy', { statuses: ['inProgress', 'completed'], durationMs: 2000 });
    const exportOp = (await post('/users/u1/exportPersonalData', { storageLocation: 'https://contoso.blob.core.windows.net/x?sig=1' })).headers.get('location')!;
    const notebookOp = (await post('/me/onenote/notebooks/1-nb/copyNotebook', {})).headers.get('operation-location')!;
    const copyOp = (await post('/me/drive/items/01A/copy', {})).headers.get('location')!;
    now = 250;
    expect(await read(exportOp)).toMatchObject({ status: 'notStarted', progress: 2 });
    expect(await read(notebookOp)).toMatchObject({ status: 'NotStarted', percentComplete: '25.0' });
    expect(await read(copyOp)).toMatchObject({ status: 'inProgress', percentageComplete: 12 });
    now = 7600;
    expect(await read(exportOp)).toMatchObject({ status: 'running', progress: 76 });
    expect(await read(notebookOp)).toMatchObject({ status: 'Completed', percentComplete: '100.0' });
    expect(await read(copyOp)).toMatchObject({ status: 'completed', percentageComplete: 100 });
    now = 10_000;
    expect(await read(exportOp)).toMatchObject({ status: 'complete', progress: 100, completedDateTime: expect.any(String) });
  });

  it('a custom operation (defineOperation) plays its steps over a duration too', async () => {
    sim.defineOperation({ path: '/reports/render', steps: [{ body: { status: 'running' } }, { body: { status: 'succeeded' } }], durationMs: 500 });
    const location = (await post('/reports/render', {})).headers.get('location')!;
    now = 499;
    expect(await read(location)).toEqual({ status: 'running' });
    now = 500;
    expect(await read(location)).toEqual({ status: 'succeeded' });
  });

  /** When each of `count` jobs ends, probing the clock every `step` ms up to `limit`. */
  async function endings(count: number, step: number, limit: number): Promise<number[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(((await (await post('/deviceManagement/virtualEndpoint/deviceImages', { displayName: 'i', version: '1', sourceImageResourceId: '/s' })).json()) as { id: string }).id);
    const ended: number[] = [];
    for (const id of ids) {
      let t = 0;
      for (; t <= limit; t += step) {
        now = t;
        if ((await read(`/deviceManagement/virtualEndpoint/deviceImages/${id}`))['status'] === 'ready') break;
      }
      ended.push(t);
      now = 0;
    }
    return ended;
  }

  it('a duration drawn by a function, or from a named distribution: seeded, so a run replays', async () => {
    const uniform = { statuses: ['pending', 'ready'], durationMs: { distribution: 'uniform', minMs: 1000, maxMs: 3000 } } as const;
    sim.setScript('cloudPcDeviceImage', uniform);
    const first = await endings(5, 100, 3000);
    await sim.stop();
    sim = await new GraphSimulator({ now: () => now, scripts: { cloudPcDeviceImage: uniform } }).start();
    expect(await endings(5, 100, 3000)).toEqual(first);
    await sim.stop();
    sim = await new GraphSimulator({ now: () => now, durationSeed: 99, scripts: { cloudPcDeviceImage: uniform } }).start();
    expect(await endings(5, 100, 3000)).not.toEqual(first);
    expect(first.every((t) => t >= 1000 && t <= 3000)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(1);

    sim.setScript('cloudPcDeviceImage', { statuses: ['pending', 'ready'], durationMs: () => 1234 });
    now = 0;
    const { id } = (await (await post('/deviceManagement/virtualEndpoint/deviceImages', { displayName: 'i', version: '1', sourceImageResourceId: '/s' })).json()) as { id: string };
    now = 1233;
    expect((await read(`/deviceManagement/virtualEndpoint/deviceImages/${id}`))['status']).toBe('pending');
    now = 1234;
    expect((await read(`/deviceManagement/virtualEndpoint/deviceImages/${id}`))['status']).toBe('ready');
  });

  it('a log-normal distribution: about half the jobs are done at its median', async () => {
    sim.setScript('cloudPcDeviceImage', { statuses: ['pending', 'ready'], durationMs: { distribution: 'logNormal', medianMs: 1000, sigma: 0.6 } });
    const ended = await endings(40, 250, 10_000);
    const doneByMedian = ended.filter((t) => t <= 1000).length;
    expect(doneByMedian).toBeGreaterThanOrEqual(12);
    expect(doneByMedian).toBeLessThanOrEqual(28);
    expect(Math.max(...ended)).toBeGreaterThan(2000);
  });

  it('a bad duration is refused by name before any operation plays it; a function that gives a bad one warns and plays by polls', async () => {
    const words = { statuses: ['pending', 'ready'] };
    expect(() => sim.setScript('cloudPcDeviceImage', { ...words, durationMs: -1 })).toThrow(RangeError);
    expect(() => sim.setScript('cloudPcDeviceImage', { ...words, durationMs: { distribution: 'uniform', minMs: 5, maxMs: 1 } })).toThrow(/uniform needs 0 <= minMs <= maxMs/);
    expect(() => sim.setScript('cloudPcDeviceImage', { ...words, durationMs: { distribution: 'normal' } as never })).toThrow(TypeError);
    expect(() => sim.setScript('cloudPcDeviceImage', { statuses: [] })).toThrow(/statuses must be a non-empty array/);
    expect(() => sim.setScript('teams.klone', words)).toThrow(/setScript takes a function, or a kind or census type/);
    expect(() => new GraphSimulator({ now: 5 as never })).toThrow(TypeError);
    expect(() => sim.defineOperation({ path: '/x', steps: [{ body: {} }], durationMs: Number.NaN })).toThrow(RangeError);

    const warnings: SimulatorWarning[] = [];
    await sim.stop();
    sim = await new GraphSimulator({ now: () => now, onWarning: (w) => warnings.push(w), scripts: { cloudPcDeviceImage: { ...words, durationMs: () => Number.NaN } } }).start();
    const image = (await (await post('/deviceManagement/virtualEndpoint/deviceImages', { displayName: 'i', version: '1', sourceImageResourceId: '/s' })).json()) as { id: string; status: string };
    expect(image.status).toBe('pending');
    expect((await read(`/deviceManagement/virtualEndpoint/deviceImages/${image.id}`))['status']).toBe('ready');
    expect(warnings).toEqual([expect.objectContaining({ kind: 'cloudPcDeviceImage', message: expect.stringMatching(/durationMs must give a finite number.*plays by polls/) })]);
  });
});

describe('warnings: script words the kind does not know', () => {
  it('setScript(kind, script) warns at once, naming the kind and the word; onWarning is told and warnings keeps it', async () => {
    const told: SimulatorWarning[] = [];
    sim = await new GraphSimulator({ onWarning: (w) => told.push(w) }).start();
    sim.setScript('user.exportPersonalData', { statuses: ['running', 'succeeded'] });
    expect(sim.warnings).toEqual([
      { kind: 'user.exportPersonalData', word: 'succeeded', message: "the script of user.exportPersonalData uses 'succeeded', a word user.exportPersonalData's status model does not know: a client reads it as still running" },
    ]);
    expect(told).toEqual(sim.warnings);
    // Its own words are fine.
    sim.setScript('user.exportPersonalData', { statuses: ['running', 'complete'] });
    expect(sim.warnings).toHaveLength(1);
  });

  it('a word in another case is a warning that says how Graph spells it', async () => {
    sim = await new GraphSimulator({ onWarning: () => undefined }).start();
    sim.setScript('onenote.copyNotebook', { statuses: ['running', 'Completed'] });
    expect(sim.warnings).toEqual([expect.objectContaining({ kind: 'onenote.copyNotebook', word: 'running', spelled: 'Running', message: "the script of onenote.copyNotebook spells 'running' where Graph sends 'Running'" })]);
  });

  it("the script function's words are checked when an operation of a kind starts, each kind and word once; by default on console.warn", async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      let graph;
      ({ sim, graph } = await startSimulator({ script: () => ({ statuses: ['running', 'done'] }) }));
      await lastValueFrom(graph.teams.create({ displayName: 'A' }, { poll: { intervalMs: 5 }, timeoutMs: 100 }).pipe(result())).catch(() => undefined);
      await lastValueFrom(graph.teams.create({ displayName: 'B' }, { poll: { intervalMs: 5 }, timeoutMs: 100 }).pipe(result())).catch(() => undefined);
      expect(sim.warnings.map((w) => [w.kind, w.word])).toEqual([
        ['teams.create', 'running'],
        ['teams.create', 'done'],
      ]);
      expect(warn).toHaveBeenCalledTimes(2);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^GraphSimulator: the script of teams.create uses 'done'/));
    } finally {
      warn.mockRestore();
    }
  });

  it('defineOperation checks its steps against the default model, a named kind, or the words it is given', async () => {
    sim = await new GraphSimulator({ onWarning: () => undefined }).start();
    sim.defineOperation({ path: '/a', steps: [{ body: { status: 'queued' } }, { body: { status: 'succeeded' } }] });
    sim.defineOperation({ path: '/b', kind: 'dataPolicyOperation', steps: [{ body: { status: 'running' } }, { body: { status: 'succeeded' } }] });
    sim.defineOperation({ path: '/c', kind: 'print.createPrinter', steps: [{ body: { status: { state: 'running' } } }, { body: { status: { state: 'succeeded' } } }] });
    sim.defineOperation({ path: '/d', words: { running: ['queued'], succeeded: ['done'], failed: [] }, steps: [{ body: { status: 'queued' } }, { body: { status: 'done' } }] });
    sim.defineOperation({ path: '/e', steps: [{ body: { state: 'rendering' } }] });
    expect(sim.warnings.map((w) => [w.kind, w.word])).toEqual([
      ['custom', 'queued'],
      ['dataPolicyOperation', 'succeeded'],
    ]);
    expect(sim.warnings[0]!.message).toMatch(/the default status model does not know/);
    expect(() => sim.defineOperation({ path: '/f', kind: 'nope', steps: [{ body: {} }] })).toThrow(TypeError);
  });
});
