/**
 * Each state machine definition is validated once (aws-local-stepfunctions compiles its JSON
 * schema afresh per validation): the hashes of validated definitions are remembered in the
 * process and in `validationCacheFile`, so a later run constructs them without validating again.
 * An invalid definition is still refused the first time, and never remembered.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStateMachines } from '../../../lib/local/engine';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:snippet';

function machinesOf(definition: object, cacheFile: string): LocalStateMachines {
  const root = mkdtempSync(join(tmpdir(), 'asl-validation-'));
  writeFileSync(join(root, 'snippet.asl.json'), JSON.stringify(definition));
  return new LocalStateMachines([{ logicalId: 'Snippet', name: 'snippet', arn: ARN, definitionFile: 'snippet.asl.json', substitutions: {} }], {
    root,
    functions: new Map(),
    validationCacheFile: cacheFile,
  });
}

/** A Pass state with a field the ASL schema does not allow: invalid, but it runs if not validated. */
const invalid = (id: string) => ({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true, Bogus: id } } });
/** As the engine keys a validated definition: the installed aws-local-stepfunctions' version, then the definition. */
const VERSION = (JSON.parse(readFileSync(join(require.resolve('aws-local-stepfunctions'), '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
const hashOf = (definition: object) => createHash('sha256').update(VERSION).update(JSON.stringify(definition)).digest('hex');

describe('state machine definitions are validated once', () => {
  it('refuses an invalid definition and does not remember it', () => {
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'asl-cache-')), 'validated.json');
    expect(() => machinesOf(invalid('refused'), cacheFile)).toThrow(/definition is invalid/);
    expect(existsSync(cacheFile) ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as string[]) : []).not.toContain(hashOf(invalid('refused')));
  });

  it('remembers a valid definition in the cache file, and skips validating what the file lists', async () => {
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'asl-cache-')), 'validated.json');
    const valid = { StartAt: 'Only', States: { Only: { Type: 'Pass', Result: { ok: 'remembered' }, End: true } } };
    machinesOf(valid, cacheFile);
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toContain(hashOf(valid));

    // A definition the file lists is taken as validated: even an invalid one is constructed (and runs).
    const listed = invalid('listed');
    writeFileSync(cacheFile, JSON.stringify([hashOf(listed)]));
    const machines = machinesOf(listed, cacheFile);
    const execution = (await machines.wait(machines.start(ARN, '{}')!.executionArn))!;
    expect(execution.status).toBe('SUCCEEDED');
  });
});
