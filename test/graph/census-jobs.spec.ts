import { censusJobLocation, censusTypeOf, isCensusJob } from '../../src/graph/census';

// Which synchronous answers are census jobs, and where they are polled: what
// graph.operation({ request }) follows without a status model. Bodies as Graph's
// reference pages show them.

describe('censusTypeOf, isCensusJob and censusJobLocation', () => {
  const root = 'https://graph.microsoft.com/v1.0';
  it.each([
    // createSnapshot answers 200 with the job; an action names its return type in @odata.context, with no @odata.type.
    ['createSnapshot (200, type in @odata.context)', { '@odata.context': `${root}/$metadata#microsoft.graph.configurationSnapshotJob`, id: 'c91a', status: 'notStarted' }, 200, 'configurationSnapshotJob', true, '/admin/configurationManagement/configurationSnapshotJobs/c91a'],
    ['activate (200, @odata.type)', { '@odata.type': '#microsoft.graph.sharePointRestoreSession', id: '6163', status: 'activating' }, 200, 'sharePointRestoreSession', true, '/solutions/backupRestore/restoreSessions/6163'],
    ['an export job (201, entity set in @odata.context)', { '@odata.context': `${root}/$metadata#deviceManagement/reports/exportJobs/$entity`, id: 'Devices_1', status: 'notStarted' }, 201, undefined, true, undefined],
    // A call action answers 200 running: its type is no job, so it is not followed.
    ['playPrompt (200, a commsOperation)', { '@odata.context': `${root}/$metadata#microsoft.graph.playPromptOperation`, '@odata.type': '#microsoft.graph.playPromptOperation', id: 'p1', status: 'running' }, 200, 'playPromptOperation', false, undefined],
    ['an unchanged access assignment (200)', { '@odata.context': `${root}/$metadata#tenantRelationships/delegatedAdminRelationships('r')/accessAssignments/$entity`, id: 'a1', status: 'active' }, 200, undefined, false, undefined],
    ['a context naming a set, not a type', { '@odata.context': `${root}/$metadata#users`, id: 'u1', status: 'running' }, 200, undefined, false, undefined],
  ] as const)('%s', (_name, body, status, type, job, location) => {
    expect(censusTypeOf(body)).toBe(type);
    expect(isCensusJob(body, status)).toBe(job);
    expect(censusJobLocation(body)).toBe(location);
  });
});
