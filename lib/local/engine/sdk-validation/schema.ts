/**
 * The pure core of the SDK-integration check: walks the Smithy static schemas the AWS SDK v3
 * clients export (`DescribeFlowLogsRequest$` of `@aws-sdk/client-ec2`, read as @smithy/core's
 * NormalizedSchema reads them) and lists the members a request names that its input shape lacks,
 * and the required members it leaves out, with Step Functions' spelling of member names.
 *
 * Static schema forms (@smithy/types `StaticSchema`): a number (simple type; `64 | x` a list of
 * `x`, `128 | x` a map of `x`, 15 a document), `[0, ns, name, traits, ref]` (simple),
 * `[1, ns, name, traits, member]` (list), `[2, ns, name, traits, key, value]` (map),
 * `[3, ns, name, traits, memberNames, memberSchemas, requiredCount?]` (structure; its first
 * `requiredCount` members are the required ones), `[4, …]` (union), `[9, ns, name, traits, input,
 * output]` (operation); a member is `[ref, traits]`, a ref may be a function returning the schema.
 */

/** A schema reference as the clients export it (opaque beyond the forms above). */
export type SchemaRef = unknown;

/** One thing a request gets wrong. */
export interface SdkParameterProblem {
  kind: 'unknown' | 'missing';
  /** The field's path inside Parameters, in Step Functions' spelling: `Filters`, `Filter[0].Nme`. */
  path: string;
}

const DOCUMENT = 15;

function deref(ref: SchemaRef): unknown {
  return typeof ref === 'function' ? (ref as () => unknown)() : ref;
}

/** The schema a reference stands for: member wrappers (`[ref, traits]`) and simple aliases taken off. */
export function resolveSchema(ref: SchemaRef): unknown {
  let schema = deref(ref);
  for (;;) {
    if (Array.isArray(schema) && schema.length === 2) schema = deref(schema[0]);
    else if (Array.isArray(schema) && schema[0] === 0 && schema.length >= 5) schema = deref(schema[4]);
    else return schema;
  }
}

type Shape =
  | { type: 'structure'; members: ReadonlyMap<string, SchemaRef>; required: readonly string[] }
  | { type: 'list'; member: SchemaRef }
  | { type: 'map'; value: SchemaRef }
  | { type: 'leaf' };

/** Java keywords and the reserved method names of the SDK for Java 2.x's structures (its DefaultNamingStrategy). */
const JAVA_RESERVED = new Set([
  ...'abstract assert boolean break byte case catch char class const continue default do double else enum extends false final finally float for goto if implements import instanceof int interface long native new null package private protected public return short static strictfp super switch synchronized this throw throws transient true try void volatile while'.split(
    ' ',
  ),
  ...'equals finalize getClass hashCode notify notifyAll toString wait builder sdkFields toBuilder overrideConfiguration sdkHttpResponse'.split(' '),
]);

/** The SDK for Java 2.x's `unCapitalize`: the leading run of capitals in lowercase, but for the one that starts the next word (`DBSnapshotIdentifier` → `dbSnapshotIdentifier`). */
function javaUnCapitalize(name: string): string {
  let i = 0;
  let head = '';
  do head += name.charAt(i++).toLowerCase();
  while (i < name.length && /[A-Z]/.test(name.charAt(i)) && !(i < name.length - 1 && /[a-z]/.test(name.charAt(i + 1))));
  return head + name.slice(i);
}

/**
 * Step Functions' name of an SDK member. Step Functions runs SDK integrations on the AWS SDK for
 * Java 2.x and spells a member as that SDK's accessor, in PascalCase: Parameters are PascalCase
 * even where the service's API is camelCase (`restApiId` → `RestApiId`), a leading acronym is
 * lowercased after its first letter (`DBSnapshotIdentifier` → `DbSnapshotIdentifier`,
 * `SSEAlgorithm` → `SseAlgorithm`, `ACL` → `Acl`; inner ones stay: `SourceDBClusterSnapshotIdentifier`),
 * and a name Java reserves gets `Value` (`Equals` → `EqualsValue`, as the Step Functions guide's
 * "API naming conventions" state).
 */
export function stepFunctionsMemberName(sdkName: string): string {
  const accessor = javaUnCapitalize(sdkName);
  const safe = JAVA_RESERVED.has(accessor) || JAVA_RESERVED.has(accessor.toLowerCase()) ? javaUnCapitalize(`${accessor}Value`) : accessor;
  return safe.charAt(0).toUpperCase() + safe.slice(1);
}

const shapes = new WeakMap<object, Shape>();

/** A schema's shape with its members under Step Functions' names (cached per schema). */
export function shapeOf(ref: SchemaRef): Shape {
  const schema = resolveSchema(ref);
  if (typeof schema === 'number') {
    if (schema >= 64 && schema < 128) return { type: 'list', member: schema & 0b0011_1111 };
    if (schema >= 128 && schema <= 255) return { type: 'map', value: schema & 0b0011_1111 };
    return { type: 'leaf' };
  }
  if (!Array.isArray(schema)) return { type: 'leaf' };
  const cached = shapes.get(schema);
  if (cached !== undefined) return cached;
  let shape: Shape = { type: 'leaf' };
  if (schema[0] === 1) shape = { type: 'list', member: schema[4] };
  else if (schema[0] === 2) shape = { type: 'map', value: schema[5] };
  else if (schema[0] === 3 || schema[0] === 4 || schema[0] === -3) {
    const names = schema[4] as string[];
    const refs = schema[5] as SchemaRef[];
    const requiredCount = schema[0] === 4 ? 0 : typeof schema[6] === 'number' ? schema[6] : 0;
    shape = {
      type: 'structure',
      members: new Map(names.map((name, index) => [stepFunctionsMemberName(name), refs[index]])),
      required: names.slice(0, requiredCount).map(stepFunctionsMemberName),
    };
  }
  shapes.set(schema, shape);
  return shape;
}

function isDocument(ref: SchemaRef): boolean {
  return resolveSchema(ref) === DOCUMENT;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const join = (path: string, field: string) => (path === '' ? field : `${path}.${field}`);

/**
 * The problems of a request's resolved Parameters (what a task sends at run time) against its
 * input shape: members the shape lacks, required members absent (unless `required` is false: an
 * answer, whose shapes' required traits the services do not keep), at every depth. Values of
 * another type than the shape's are left to the service (not a member problem).
 */
export function checkValue(ref: SchemaRef, value: unknown, path = '', required = true): SdkParameterProblem[] {
  if (isDocument(ref)) return [];
  const shape = shapeOf(ref);
  if (shape.type === 'list') return Array.isArray(value) ? value.flatMap((entry, index) => checkValue(shape.member, entry, `${path}[${index}]`, required)) : [];
  if (shape.type === 'map') return isObject(value) ? Object.entries(value).flatMap(([key, entry]) => checkValue(shape.value, entry, join(path, key), required)) : [];
  if (shape.type !== 'structure' || !isObject(value)) return [];
  const problems: SdkParameterProblem[] = [];
  for (const [field, entry] of Object.entries(value)) {
    const member = shape.members.get(field);
    if (member === undefined) problems.push({ kind: 'unknown', path: join(path, field) });
    else problems.push(...checkValue(member, entry, join(path, field), required));
  }
  if (required) for (const field of shape.required) if (value[field] === undefined || value[field] === null) problems.push({ kind: 'missing', path: join(path, field) });
  return problems;
}

/**
 * The problems of a Parameters template as written in an ASL file: a `<Member>.$` key counts as
 * `<Member>` (its value, a path or intrinsic function, is known only at run time and is not
 * looked into); static values are checked at every depth as {@link checkValue} does.
 */
export function checkTemplate(ref: SchemaRef, template: unknown, path = ''): SdkParameterProblem[] {
  if (isDocument(ref)) return [];
  const shape = shapeOf(ref);
  if (shape.type === 'list') return Array.isArray(template) ? template.flatMap((entry, index) => checkTemplate(shape.member, entry, `${path}[${index}]`)) : [];
  if (shape.type === 'map')
    return isObject(template) ? Object.entries(template).flatMap(([key, entry]) => (key.endsWith('.$') ? [] : checkTemplate(shape.value, entry, join(path, key)))) : [];
  if (shape.type !== 'structure' || !isObject(template)) return [];
  const problems: SdkParameterProblem[] = [];
  const present = new Set<string>();
  for (const [key, entry] of Object.entries(template)) {
    const dynamic = key.endsWith('.$');
    const field = dynamic ? key.slice(0, -2) : key;
    present.add(field);
    const member = shape.members.get(field);
    if (member === undefined) problems.push({ kind: 'unknown', path: join(path, field) });
    else if (!dynamic) problems.push(...checkTemplate(member, entry, join(path, field)));
  }
  for (const field of shape.required) if (!present.has(field)) problems.push({ kind: 'missing', path: join(path, field) });
  return problems;
}

/** Step Functions' words for a problem: `The field "Filters" is not supported by Step Functions`. */
export function describeProblem(problem: SdkParameterProblem): string {
  return problem.kind === 'unknown' ? `The field "${problem.path}" is not supported by Step Functions` : `The field '${problem.path}' is required but was missing`;
}

/**
 * The first step of a JSONPath (`$.Trail.LogFileValidationEnabled`, `$.Reservations[0].Instances`)
 * that names no member of the output shape, as `Reservations[0].Instancez`; undefined when every
 * step resolves (or the path leaves the modelled shapes: maps, documents).
 */
export function unknownPathStep(ref: SchemaRef, path: string): string | undefined {
  const steps = path.slice(1).match(/\.[A-Za-z_][A-Za-z0-9_]*|\[(?:\d+|\*)\]/g) ?? [];
  let current: SchemaRef = ref;
  let walked = '';
  for (const step of steps) {
    if (isDocument(current)) return undefined;
    const shape = shapeOf(current);
    if (step.startsWith('[')) {
      if (shape.type !== 'list') return undefined;
      current = shape.member;
    } else {
      const name = step.slice(1);
      if (shape.type !== 'structure') return undefined;
      const member = shape.members.get(name);
      if (member === undefined) return join(walked, name);
      current = member;
    }
    walked = step.startsWith('[') ? `${walked}${step}` : join(walked, step.slice(1));
  }
  return undefined;
}
