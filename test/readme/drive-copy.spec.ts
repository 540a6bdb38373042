import { lastValueFrom, tap } from 'rxjs';
import { createGraphClient, progress } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('DriveItem copy: into another folder, with a progress bar', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', poll: { intervalMs: 10 } });
  const bar = { shown: [] as number[], update(pct: number) { this.shown.push(pct); } };

  await lastValueFrom(
    graph
      .driveItem('/me/drive/items/01FOLDER')
      .copy({ parentReference: { driveId: 'b!drive', id: '01ARCHIVE' }, name: 'Copy of LargeFolder1', conflictBehavior: 'rename' })
      .pipe(
        progress(),
        tap((pct) => bar.update(pct)),
      ),
  );

  expect(bar.shown).toEqual([0, 25, 50, 75, 100]);
  expect(sim.requests.filter((r) => r.origin === 'monitor').every((r) => r.authorization === 'none')).toBe(true); // the monitor gets no token
});
