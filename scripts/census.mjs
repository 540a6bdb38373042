// The census of Graph's asynchronous resources, extracted from Graph's own v1.0 metadata.
//
//   node scripts/census.mjs --csdl <file> --commit <sha>   read a CSDL already on disk
//   node scripts/census.mjs --commit <sha>                 download it from msgraph-metadata at that commit
//   options: --out <file> (default test/fixtures/graph-census.json)
//
// Writes the fixture that test/graph/census.spec.ts reads: the status enums of the
// census and the entity types that carry them, naming the metadata commit they came
// from. CI has no internet and no CSDL, so the test reads only this fixture.
//
// Two passes:
//  1. The curated census: each root below with every type deriving from it
//     (inheritance resolved, so a derived type carries its base's status property).
//  2. Discovery: every entity type whose status-like property has an enum with both an
//     ending word and a running word. Those outside the census are printed (and listed
//     in the fixture by name), so a refresh shows new asynchronous types for a person to judge.
//
// The CSDL is plain, machine-written XML (about 3.4 MB, no DTD, no CDATA in the
// elements read here), so a tag scanner that honours quoted attribute values is
// enough; no XML dependency.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = 'microsoftgraph/msgraph-metadata';
const PATH = 'schemas/v1.0-Prod.csdl';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The census: the roots a client polls until their status says they ended, and how
 * each is reached. `monitor`: a 202 names an operation resource to poll. `job`: a POST
 * answers 201 with the resource itself, which is polled. Every type deriving from a
 * root belongs to the census too.
 */
export const CENSUS = [
  { type: 'microsoft.graph.workbookOperation', shape: 'monitor' },
  { type: 'microsoft.graph.teamsAsyncOperation', shape: 'monitor' },
  { type: 'microsoft.graph.operation', shape: 'monitor' }, // onenoteOperation's base
  { type: 'microsoft.graph.commsOperation', shape: 'monitor' },
  { type: 'microsoft.graph.longRunningOperation', shape: 'monitor' },
  { type: 'microsoft.graph.teamsAdministration.telephoneNumberLongRunningOperation', shape: 'monitor' },
  { type: 'microsoft.graph.delegatedAdminRelationshipOperation', shape: 'monitor' },
  { type: 'microsoft.graph.partners.billing.operation', shape: 'monitor' },
  { type: 'microsoft.graph.externalConnectors.connectionOperation', shape: 'monitor' },
  { type: 'microsoft.graph.security.caseOperation', shape: 'monitor' },
  { type: 'microsoft.graph.dataPolicyOperation', shape: 'monitor' },
  { type: 'microsoft.graph.printOperation', shape: 'monitor' },
  { type: 'microsoft.graph.deviceManagementExportJob', shape: 'job' },
  { type: 'microsoft.graph.security.auditLogQuery', shape: 'job' },
  { type: 'microsoft.graph.accessReviewHistoryDefinition', shape: 'job' },
  { type: 'microsoft.graph.configurationSnapshotJob', shape: 'job' },
  { type: 'microsoft.graph.cloudPcDeviceImage', shape: 'job' },
  { type: 'microsoft.graph.browseSessionBase', shape: 'job' },
  { type: 'microsoft.graph.restoreSessionBase', shape: 'job' },
  { type: 'microsoft.graph.threatAssessmentRequest', shape: 'job' },
];

/** Status-like property names, in the order they are preferred when a type has several. */
const STATUS_PROPERTIES = ['status', 'state', 'processingState'];
/** Words, lower-cased, that say an operation ended. */
const ENDING = new Set(['succeeded', 'successful', 'completed', 'complete', 'done', 'ready', 'failed', 'error', 'created']);
/** Words, lower-cased, that say an operation is still under way. */
const RUNNING = new Set(['running', 'inprogress', 'notstarted', 'pending', 'requested', 'creating', 'activating', 'queued', 'processing', 'started', 'waiting', 'scheduled', 'scheduling', 'provisioning', 'active']);

// ---------------------------------------------------------------------------
// Reading the CSDL

/** Every start, end and empty tag of an XML text, with its attributes; text, comments and declarations skipped. */
function* tags(xml) {
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>/g;
  const attribute = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (const m of xml.matchAll(tag)) {
    if (m[2] === undefined) continue;
    const attributes = {};
    for (const a of (m[3] ?? '').matchAll(attribute)) attributes[a[1]] = a[2] ?? a[3];
    yield { close: m[1] === '/', name: m[2].replace(/^.*:/, ''), attributes, empty: m[4] === '/' };
  }
}

/**
 * The schema of a CSDL document: enums (qualified name → member names, in document
 * order) and structured types (qualified name → { kind, baseType, abstract, properties }),
 * every type reference written with its namespace rather than an alias.
 */
export function readSchema(xml) {
  const enums = new Map();
  const types = new Map();
  const aliases = new Map();
  const stack = [];
  let namespace;
  let current; // the EnumType, EntityType or ComplexType being read
  const raw = [];
  for (const t of tags(xml)) {
    if (t.close) {
      const open = stack.pop();
      if (open !== t.name) throw new Error(`CSDL: </${t.name}> closes <${open}>`);
      if (t.name === 'EnumType' || t.name === 'EntityType' || t.name === 'ComplexType') current = undefined;
      if (t.name === 'Schema') namespace = undefined;
      continue;
    }
    const a = t.attributes;
    if (t.name === 'Schema') {
      namespace = a.Namespace;
      if (a.Alias) aliases.set(a.Alias, a.Namespace);
    } else if (t.name === 'EnumType' && namespace) {
      current = { members: [] };
      enums.set(`${namespace}.${a.Name}`, current.members);
    } else if ((t.name === 'EntityType' || t.name === 'ComplexType') && namespace) {
      current = { kind: t.name === 'EntityType' ? 'entity' : 'complex', baseType: a.BaseType, abstract: a.Abstract === 'true', properties: [] };
      types.set(`${namespace}.${a.Name}`, current);
      raw.push(current);
    } else if (t.name === 'Member' && current?.members && stack.at(-1) === 'EnumType') {
      current.members.push(a.Name);
    } else if (t.name === 'Property' && current?.properties && (stack.at(-1) === 'EntityType' || stack.at(-1) === 'ComplexType')) {
      current.properties.push({ name: a.Name, type: a.Type });
    }
    if (!t.empty) stack.push(t.name);
  }
  if (stack.length !== 0) throw new Error(`CSDL: <${stack.at(-1)}> is never closed`);
  // Aliases hold for the whole document, so references are resolved once everything is read.
  const qualify = (name) => {
    if (name === undefined) return undefined;
    const collection = /^Collection\((.*)\)$/.exec(name);
    if (collection) return `Collection(${qualify(collection[1])})`;
    const dot = name.lastIndexOf('.');
    const prefix = name.slice(0, dot);
    return aliases.has(prefix) ? `${aliases.get(prefix)}${name.slice(dot)}` : name;
  };
  for (const type of raw) {
    type.baseType = qualify(type.baseType);
    for (const p of type.properties) p.type = qualify(p.type);
  }
  return { enums, types };
}

/** A type's properties with its bases' first: what an instance of it carries. */
function propertiesOf(schema, name, seen = new Set()) {
  const type = schema.types.get(name);
  if (!type || seen.has(name)) return [];
  seen.add(name);
  return [...(type.baseType ? propertiesOf(schema, type.baseType, seen) : []), ...type.properties];
}

/** Whether a type is `ancestor` or derives from it. */
function derivesFrom(schema, name, ancestor) {
  for (let n = name, hops = 0; n !== undefined && hops < 64; n = schema.types.get(n)?.baseType, hops += 1) if (n === ancestor) return true;
  return false;
}

/**
 * Where a type's status word is and which enum spells it: `status` (or `state`,
 * `processingState`) typed by an enum, or a complex `status` whose `state` is one.
 */
export function statusOf(schema, name) {
  const properties = propertiesOf(schema, name);
  for (const wanted of STATUS_PROPERTIES) {
    const p = properties.find((q) => q.name === wanted);
    if (!p) continue;
    if (schema.enums.has(p.type)) return { statusProperty: p.name, enum: p.type };
    if (schema.types.get(p.type)?.kind === 'complex') {
      const inner = propertiesOf(schema, p.type).find((q) => STATUS_PROPERTIES.includes(q.name) && schema.enums.has(q.type));
      if (inner) return { statusProperty: `${p.name}/${inner.name}`, enum: inner.type };
    }
  }
  return undefined;
}

/** Whether an enum reads like an operation's lifecycle: at least one ending word and one running word. */
function looksAsync(members) {
  const lower = members.map((m) => m.toLowerCase());
  return lower.some((m) => ENDING.has(m)) && lower.some((m) => RUNNING.has(m));
}

/** Numeric properties that report progress in a type and the types deriving from it: name → the type that declares it. */
function progressOf(schema, names) {
  const progress = {};
  for (const name of names) {
    for (const p of schema.types.get(name).properties) {
      if (/percent|progress/i.test(p.name) && /^Edm\.(Int\d+|Double|Decimal|Single|String)$/.test(p.type ?? '')) progress[p.name] = name;
    }
  }
  return progress;
}

const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The fixture: one entry per census root with the types deriving from it (they carry
 * the root's status property, as CSDL lets no derived type redefine a property), the
 * enums those status properties name, and the discovered candidates outside the census.
 */
export function census(xml, commit) {
  const schema = readSchema(xml);
  const entities = [...schema.types].filter(([, t]) => t.kind === 'entity').map(([n]) => n).sort(byName);
  const problems = [];
  const types = [];
  const inCensus = new Set();
  for (const { type: rootType, shape } of CENSUS) {
    const type = schema.types.get(rootType);
    const status = type && statusOf(schema, rootType);
    if (!type || type.kind !== 'entity') problems.push(`${rootType}: no such entity type in this CSDL`);
    else if (!status) problems.push(`${rootType}: no status property with an enum type`);
    if (!status) continue;
    const family = entities.filter((n) => derivesFrom(schema, n, rootType));
    const derived = family.filter((n) => n !== rootType);
    const progress = progressOf(schema, family);
    for (const n of family) inCensus.add(n);
    types.push({
      type: rootType,
      shape,
      statusProperty: status.statusProperty,
      enum: status.enum,
      ...(type.abstract ? { abstract: true } : {}),
      ...(Object.keys(progress).length > 0 ? { progress } : {}),
      ...(derived.length > 0 ? { derived } : {}),
    });
  }
  types.sort((a, b) => byName(a.type, b.type));
  const enums = Object.fromEntries([...new Set(types.map((t) => t.enum))].sort(byName).map((e) => [e, schema.enums.get(e)]));
  const candidates = [];
  for (const name of entities) {
    if (inCensus.has(name)) continue;
    const status = statusOf(schema, name);
    if (status && looksAsync(schema.enums.get(status.enum))) candidates.push({ type: name, statusProperty: status.statusProperty, enum: status.enum, members: schema.enums.get(status.enum) });
  }
  return {
    fixture: {
      source: { repository: REPOSITORY, path: PATH, commit },
      enums,
      types,
      candidates: candidates.map((c) => c.type),
    },
    candidates,
    problems,
  };
}

/**
 * The fixture as text: pretty-printed, one enum, one type, one candidate a line, so it
 * stays a few KB and a refresh reads as a line diff. Key order is fixed by `census()`.
 */
export function format(fixture) {
  const line = (value) => JSON.stringify(value).replace(/,(?=["{[])/g, ', ').replace(/":(?=\S)/g, '": ');
  const block = (entries) => entries.map((e) => `    ${e}`).join(',\n');
  return [
    '{',
    `  "source": ${line(fixture.source)},`,
    '  "enums": {',
    block(Object.entries(fixture.enums).map(([name, members]) => `${JSON.stringify(name)}: ${line(members)}`)),
    '  },',
    '  "types": [',
    block(fixture.types.map(line)),
    '  ],',
    '  "candidates": [',
    block(fixture.candidates.map((c) => JSON.stringify(c))),
    '  ]',
    '}',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------
// Command line

function parseArguments(argv) {
  const options = { out: resolve(root, 'test/fixtures/graph-census.json') };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!['--csdl', '--commit', '--out'].includes(flag)) throw new TypeError(`census: unknown argument ${flag}; use --csdl <file> --commit <sha> [--out <file>]`);
    if (value === undefined || value.startsWith('--')) throw new TypeError(`census: ${flag} needs a value`);
    options[flag.slice(2)] = value;
    i += 1;
  }
  if (!/^[0-9a-f]{40}$/.test(options.commit ?? '')) {
    throw new TypeError(`census: --commit must be the 40-hex commit of ${REPOSITORY} the CSDL comes from (got ${options.commit ?? 'nothing'}); the latest: git ls-remote https://github.com/${REPOSITORY} HEAD`);
  }
  return options;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  let xml;
  if (options.csdl) {
    xml = readFileSync(options.csdl, 'utf8');
  } else {
    const url = `https://raw.githubusercontent.com/${REPOSITORY}/${options.commit}/${PATH}`;
    const response = await fetch(url).catch((error) => {
      throw new Error(`census: could not download ${url} (${error.cause?.code ?? error.message}); with the CSDL on disk, use --csdl <file>`);
    });
    if (!response.ok) throw new Error(`census: GET ${url} answered ${response.status}`);
    xml = await response.text();
  }
  const { fixture, candidates, problems } = census(xml, options.commit);
  if (problems.length > 0) {
    // A root gone or without a status is a change of Graph the census must follow by hand.
    console.error(`census: the curated list no longer fits this CSDL:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(options.out, format(fixture));
  const count = fixture.types.reduce((n, t) => n + 1 + (t.derived?.length ?? 0), 0);
  console.log(`census: ${count} types (${fixture.types.length} roots), ${Object.keys(fixture.enums).length} enums from ${REPOSITORY}@${options.commit} → ${options.out}`);
  if (candidates.length > 0) {
    console.log(`census: ${candidates.length} entity types outside the census have a status enum that reads like an operation's; judge each:`);
    for (const c of candidates) console.log(`  ${c.type}  ${c.statusProperty}: ${c.enum} [${c.members.join(', ')}]`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
