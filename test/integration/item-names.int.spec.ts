import { lastValueFrom } from 'rxjs';
import { result } from '../../src/lro/operators/result';
import type { GraphSimulator } from '../../src/testing';
import { startSimulator } from '../helpers/simulator';

// Names with '#', '?' and '%' are characters of a file name, not URL syntax:
// every address form, through the async path, over HTTP.
let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];
beforeEach(async () => ({ sim, graph } = await startSimulator()));
afterEach(() => sim.stop());

const NAME = 'Q1 #2?50% off.xlsx';
const forms = ['/me/drive', '/drives/b!drive1', '/users/adele@contoso.test/drive', '/sites/contoso.sharepoint.com,1,2/drive', '/groups/g1/drive'];

describe.each(forms)('a file named %p under %s', (drive) => {
  const ref = `${drive}/root:/Reports/${NAME}:`;

  it('createSession (202, polled, result read) finds the session', async () => {
    const session = await lastValueFrom(graph.workbook(ref).createSession({ persistChanges: true }).pipe(result()));
    expect(sim.session(session.id)).toMatchObject({ persistChanges: true });
    const polls = sim.requests.filter((r) => r.path.includes('/workbook/operations/'));
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.status === 200)).toBe(true);
  });

  it('addTableRow lands in that workbook, not in one with a truncated name', async () => {
    const row = await lastValueFrom(graph.workbook(ref).addTableRow('Sales', [['north', 1]]).pipe(result()));
    expect(row).toEqual({ index: 0, values: [['north', 1]] });
    expect(sim.tableRows(ref, 'Sales')).toEqual([['north', 1]]);
  });

  it('copy follows its monitor and reads the copy', async () => {
    const copy = await lastValueFrom(graph.driveItem(ref).copy({ name: `Copy of ${NAME}` }).pipe(result()));
    expect(copy.name).toBe(`Copy of ${NAME}`);
  });
});
